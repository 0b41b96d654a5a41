package dev.duplex.servlet;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A client on the JDK's {@code java.net.http.WebSocket}: whole messages, pongs and the close go
 * into queues and futures the test waits on. With {@code autoRead} off it asks for nothing after
 * the handshake, so the JDK stops reading the socket until {@link #readAll()}.
 */
final class JdkClient implements WebSocket.Listener {
    static final long TIMEOUT_SECONDS = 20;

    /** A close frame the server sent. */
    record Close(int code, String reason) {
    }

    final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
    final BlockingQueue<ByteBuffer> pongs = new LinkedBlockingQueue<>();
    final CompletableFuture<Close> closed = new CompletableFuture<>();
    final CompletableFuture<Throwable> failed = new CompletableFuture<>();
    private final boolean autoRead;
    private final StringBuilder text = new StringBuilder();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
    private volatile boolean unlimited;
    WebSocket socket;

    private JdkClient(boolean autoRead) {
        this.autoRead = autoRead;
    }

    static JdkClient connect(URI uri, String... subprotocols) throws Exception {
        return connect(uri, true, subprotocols);
    }

    static JdkClient connect(URI uri, boolean autoRead, String... subprotocols) throws Exception {
        JdkClient client = new JdkClient(autoRead);
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(TIMEOUT_SECONDS));
        if (subprotocols.length > 0) {
            builder.subprotocols(subprotocols[0], List.of(subprotocols).subList(1, subprotocols.length)
                    .toArray(String[]::new));
        }
        client.socket = builder.buildAsync(uri, client).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return client;
    }

    /** Starts reading without limit (for a client made with {@code autoRead} off). */
    void readAll() {
        unlimited = true;
        socket.request(Long.MAX_VALUE);
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        if (autoRead) {
            webSocket.request(1);
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            messages.add(text.toString());
            text.setLength(0);
        }
        more(webSocket);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        binary.writeBytes(bytes);
        if (last) {
            messages.add(ByteBuffer.wrap(binary.toByteArray()));
            binary.reset();
        }
        more(webSocket);
        return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
        ByteBuffer copy = ByteBuffer.allocate(message.remaining()).put(message).flip();
        pongs.add(copy);
        more(webSocket);
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
        more(webSocket);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(new Close(statusCode, reason));
        return null; // the JDK answers with the same code
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        failed.complete(error);
        closed.completeExceptionally(error);
    }

    private void more(WebSocket webSocket) {
        if (autoRead && !unlimited) {
            webSocket.request(1);
        }
    }

    /** The next whole message: a String or a ByteBuffer. */
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

    void send(String message) throws Exception {
        socket.sendText(message, true).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    void send(ByteBuffer message) throws Exception {
        socket.sendBinary(message, true).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Closes normally and waits for the server's close frame. */
    Close closeNormally() throws Exception {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return awaitClose();
    }
}
