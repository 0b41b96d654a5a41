package dev.duplex.transport.memory;

import dev.duplex.engine.ClosePayload;
import dev.duplex.engine.ConnectionListener;
import dev.duplex.engine.WebSocketConnection;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Records what an engine connection delivers, as strings, for tests of the transport. */
final class RecordingListener implements ConnectionListener {
    final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    final CompletableFuture<ClosePayload> closed = new CompletableFuture<>();
    final CompletableFuture<Throwable> failure = new CompletableFuture<>();
    volatile Consumer<String> onEvent = event -> { };
    WebSocketConnection connection;

    @Override
    public void onText(ByteBuffer utf8, boolean last) {
        record("text:" + StandardCharsets.UTF_8.decode(utf8.duplicate()) + (last ? "" : "…"));
    }

    @Override
    public void onBinary(ByteBuffer data, boolean last) {
        record("binary:" + data.remaining());
    }

    @Override
    public void onPong(ByteBuffer data) {
        record("pong");
    }

    @Override
    public void onFailure(Throwable cause) {
        failure.complete(cause);
    }

    @Override
    public void onClosed(ClosePayload close) {
        closed.complete(close);
    }

    private void record(String event) {
        events.add(event);
        onEvent.accept(event);
    }

    String next() throws InterruptedException {
        String event = events.poll(10, TimeUnit.SECONDS);
        if (event == null) {
            throw new AssertionError("no event within 10 s");
        }
        return event;
    }
}
