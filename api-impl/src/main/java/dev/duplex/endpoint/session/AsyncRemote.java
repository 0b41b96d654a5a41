package dev.duplex.endpoint.session;

import dev.duplex.endpoint.coder.Encoded;
import dev.duplex.endpoint.coder.Encoders;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * {@code RemoteEndpoint.Async}: sends return at once and report through a {@link SendHandler}
 * or a {@code Future}. A failure to encode, a failed write, a send after the session's close
 * frame (an IOException) and a send timeout all arrive that way; only null arguments
 * (IllegalArgumentException) and sending a whole message in the middle of a fragmented one
 * (IllegalStateException, see {@link Outbound}) throw.
 *
 * <p>The send timeout starts with the container's default ({@code getDefaultAsyncSendTimeout})
 * and applies per message to sends started after it is set; when it passes, the send fails with
 * a {@code SocketTimeoutException} and the session is closed, since the unwritten message still
 * blocks the connection (as Tomcat and Jetty do).
 *
 * <p>Thread-safe.
 */
final class AsyncRemote extends RemoteEndpointBase implements RemoteEndpoint.Async {
    private final Session session;
    private final Encoders encoders;
    private final SessionRuntime runtime;
    private final Runnable onTimeout;
    private volatile long sendTimeout;

    /**
     * @param onTimeout closes the session after a send timed out
     */
    AsyncRemote(Session session, Outbound outbound, Encoders encoders, SessionRuntime runtime,
            long sendTimeout, Runnable onTimeout) {
        super(outbound);
        this.session = session;
        this.encoders = encoders;
        this.runtime = runtime;
        this.sendTimeout = sendTimeout;
        this.onTimeout = onTimeout;
    }

    @Override
    public long getSendTimeout() {
        return sendTimeout;
    }

    @Override
    public void setSendTimeout(long timeoutmillis) {
        this.sendTimeout = timeoutmillis;
    }

    @Override
    public void sendText(String text, SendHandler handler) {
        requireArgument(text, "text");
        requireArgument(handler, "handler");
        send(true, utf8(text), AsyncSend.notifying(session, handler));
    }

    @Override
    public Future<Void> sendText(String text) {
        requireArgument(text, "text");
        CompletableFuture<Void> future = new CompletableFuture<>();
        send(true, utf8(text), AsyncSend.completing(session, future));
        return future;
    }

    @Override
    public Future<Void> sendBinary(ByteBuffer data) {
        requireArgument(data, "data");
        CompletableFuture<Void> future = new CompletableFuture<>();
        send(false, data, AsyncSend.completing(session, future));
        return future.thenRun(() -> data.position(data.limit()));
    }

    @Override
    public void sendBinary(ByteBuffer data, SendHandler handler) {
        requireArgument(data, "data");
        requireArgument(handler, "handler");
        send(false, data, AsyncSend.notifying(session, result -> {
            if (result.isOK()) {
                data.position(data.limit());
            }
            handler.onResult(result);
        }));
    }

    @Override
    public Future<Void> sendObject(Object data) {
        requireArgument(data, "data");
        CompletableFuture<Void> future = new CompletableFuture<>();
        sendEncoded(data, AsyncSend.completing(session, future));
        return future;
    }

    @Override
    public void sendObject(Object data, SendHandler handler) {
        requireArgument(data, "data");
        requireArgument(handler, "handler");
        sendEncoded(data, AsyncSend.notifying(session, handler));
    }

    private void sendEncoded(Object data, AsyncSend completion) {
        Encoded encoded;
        try {
            synchronized (encoders) { // section 4.1.2: no two threads in an encoder at the same time
                encoded = encoders.encode(data);
            }
        } catch (Exception e) {
            // EncodeException or an IOException from a stream encoder: a failed send, not a throw.
            completion.failed(e);
            return;
        }
        if (encoded instanceof Encoded.Text text) {
            send(true, utf8(text.text()), completion);
        } else if (encoded instanceof Encoded.Binary binary) {
            send(false, binary.data(), completion);
        }
    }

    private void send(boolean text, ByteBuffer payload, AsyncSend completion) {
        boolean batching = getBatchingAllowed();
        outbound.sendMessage(text, payload, batching, completion);
        if (!batching) {
            // A batched message completes once in the batch; the timeout is for writes that stall.
            completion.withTimeout(runtime, sendTimeout, onTimeout);
        }
    }

    private static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
