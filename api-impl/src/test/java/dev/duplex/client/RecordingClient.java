package dev.duplex.client;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A programmatic client endpoint that records what it receives: whole texts (or text parts, when
 * {@link #partialText} is set before connecting), whole binaries, pongs, errors, the close reason,
 * and the threads its handlers ran on.
 */
public class RecordingClient extends Endpoint {
    final LinkedBlockingQueue<String> texts = new LinkedBlockingQueue<>();
    final LinkedBlockingQueue<byte[]> binaries = new LinkedBlockingQueue<>();
    final LinkedBlockingQueue<ByteBuffer> pongs = new LinkedBlockingQueue<>();
    final List<Throwable> errors = new CopyOnWriteArrayList<>();
    final List<String> handlerThreads = new CopyOnWriteArrayList<>();
    final CompletableFuture<Session> opened = new CompletableFuture<>();
    final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    volatile boolean partialText;

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        if (partialText) {
            session.addMessageHandler(String.class, (MessageHandler.Partial<String>) (part, last) -> {
                handlerThreads.add(Thread.currentThread().getName());
                texts.add(part + (last ? "|last" : ""));
            });
        } else {
            session.addMessageHandler(String.class, text -> {
                handlerThreads.add(Thread.currentThread().getName());
                texts.add(text);
            });
        }
        session.addMessageHandler(ByteBuffer.class, data -> {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            binaries.add(bytes);
        });
        session.addMessageHandler(PongMessage.class, pong -> pongs.add(pong.getApplicationData()));
        opened.complete(session);
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        closed.complete(closeReason);
    }

    @Override
    public void onError(Session session, Throwable thr) {
        errors.add(thr);
    }

    String nextText() throws InterruptedException {
        String text = texts.poll(20, TimeUnit.SECONDS);
        if (text == null) {
            throw new AssertionError("no text message within 20 s; errors: " + errors);
        }
        return text;
    }

    byte[] nextBinary() throws InterruptedException {
        byte[] binary = binaries.poll(30, TimeUnit.SECONDS);
        if (binary == null) {
            throw new AssertionError("no binary message within 30 s; errors: " + errors);
        }
        return binary;
    }

    CloseReason closeReason() throws Exception {
        return closed.get(20, TimeUnit.SECONDS);
    }
}
