package dev.duplex.servlet;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * A client on Jetty's own WebSocket client (its core API, not its Jakarta implementation): whole
 * messages, pongs and the close go into queues and futures the test waits on. One
 * {@link WebSocketClient} per instance; {@link #close()} stops it. Public, as Jetty calls the
 * listener methods through method handles of the public lookup.
 */
public final class JettyClient extends Session.Listener.AbstractAutoDemanding implements AutoCloseable {
    static final long TIMEOUT_SECONDS = 20;
    /** Large enough for the tests' biggest messages; Jetty's default is 64 KiB. */
    static final long MAX_MESSAGE_SIZE = 32L * 1024 * 1024;

    record Close(int code, String reason) {
    }

    final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
    final BlockingQueue<ByteBuffer> pongs = new LinkedBlockingQueue<>();
    final CompletableFuture<Close> closed = new CompletableFuture<>();
    private final WebSocketClient client = new WebSocketClient();
    Session session;

    private JettyClient() {
    }

    static JettyClient connect(URI uri, String... subprotocols) throws Exception {
        return connect(uri, List.of(), subprotocols);
    }

    /** Connects offering these extensions (Sec-WebSocket-Extensions), with Jetty's implementation of each. */
    static JettyClient connectOffering(URI uri, String... extensions) throws Exception {
        return connect(uri, List.of(extensions));
    }

    private static JettyClient connect(URI uri, List<String> extensions, String... subprotocols) throws Exception {
        JettyClient jetty = new JettyClient();
        jetty.client.setMaxTextMessageSize(MAX_MESSAGE_SIZE);
        jetty.client.setMaxBinaryMessageSize(MAX_MESSAGE_SIZE);
        jetty.client.start();
        try {
            ClientUpgradeRequest request = new ClientUpgradeRequest();
            if (subprotocols.length > 0) {
                request.setSubProtocols(subprotocols);
            }
            for (String extension : extensions) {
                request.addExtensions(extension);
            }
            jetty.session = jetty.client.connect(jetty, uri, request).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            jetty.client.stop();
            throw e;
        }
        return jetty;
    }

    @Override
    public void onWebSocketText(String message) {
        messages.add(message);
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        messages.add(ByteBuffer.allocate(payload.remaining()).put(payload).flip());
        callback.succeed();
    }

    @Override
    public void onWebSocketPong(ByteBuffer payload) {
        pongs.add(ByteBuffer.allocate(payload.remaining()).put(payload).flip());
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        closed.complete(new Close(statusCode, reason));
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        closed.completeExceptionally(cause);
    }

    Object next() throws InterruptedException {
        Object message = messages.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(message, "no message within " + TIMEOUT_SECONDS + " s");
        return message;
    }

    String nextText() throws InterruptedException {
        return (String) next();
    }

    ByteBuffer nextBinary() throws InterruptedException {
        return (ByteBuffer) next();
    }

    ByteBuffer nextPong() throws InterruptedException {
        ByteBuffer pong = pongs.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(pong, "no pong within " + TIMEOUT_SECONDS + " s");
        return pong;
    }

    Close awaitClose() throws Exception {
        return closed.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Runs a send that reports through a Jetty callback, and waits for it. */
    static void await(java.util.function.Consumer<Callback> send) throws Exception {
        Callback.Completable done = new Callback.Completable();
        send.accept(done);
        done.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        client.stop();
    }
}
