package dev.duplex.client.transport;

import dev.duplex.engine.ClosePayload;
import dev.duplex.engine.ConnectionListener;
import dev.duplex.engine.FrameWriter;
import dev.duplex.engine.WebSocketConnection;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Collects what an engine delivers: whole messages in a queue, failures, and how often it closed. */
final class RecordingListener implements ConnectionListener {
    /** A whole message: text as a String, binary as bytes. */
    record Message(String text, byte[] binary) {
    }

    final LinkedBlockingQueue<Message> messages = new LinkedBlockingQueue<>();
    final List<Throwable> failures = new CopyOnWriteArrayList<>();
    final CompletableFuture<ClosePayload> closed = new CompletableFuture<>();
    final AtomicInteger closedCalls = new AtomicInteger();
    final List<String> threads = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    volatile Consumer<Message> onMessage = message -> { };

    @Override
    public void onText(ByteBuffer utf8, boolean last) {
        append(utf8);
        if (last) {
            finish(new Message(partial.toString(StandardCharsets.UTF_8), null));
        }
    }

    @Override
    public void onBinary(ByteBuffer data, boolean last) {
        append(data);
        if (last) {
            finish(new Message(null, partial.toByteArray()));
        }
    }

    private void append(ByteBuffer data) {
        threads.add(Thread.currentThread().getName());
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        partial.writeBytes(bytes);
    }

    private void finish(Message message) {
        partial.reset();
        onMessage.accept(message);
        messages.add(message);
    }

    @Override
    public void onPong(ByteBuffer data) {
    }

    @Override
    public void onFailure(Throwable cause) {
        failures.add(cause);
    }

    @Override
    public void onClosed(ClosePayload close) {
        closedCalls.incrementAndGet();
        closed.complete(close);
    }

    /** An engine for this listener over the connection, with limits large enough for the tests; not attached. */
    WebSocketConnection engineFor(ClientConnection connection) {
        return new WebSocketConnection(FrameWriter.client(), ServerFrames.LARGE, connection, this);
    }

    /** An engine for this listener over the connection, attached. */
    WebSocketConnection attachTo(ClientConnection connection) {
        WebSocketConnection engine = engineFor(connection);
        connection.attach(engine);
        return engine;
    }
}
