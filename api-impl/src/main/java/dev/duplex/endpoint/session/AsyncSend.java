package dev.duplex.endpoint.session;

import dev.duplex.engine.Callback;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.lang.System.Logger.Level;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The completion of one asynchronous send: it tells the application's {@link SendHandler} or
 * completes the {@code Future} exactly once, with success, the write's failure, or a
 * {@link SocketTimeoutException} when the send timeout passes first
 * (RemoteEndpoint.Async javadoc, {@code setSendTimeout}: per message).
 *
 * <p>The notification runs on the thread that completes the write (or the runtime's executor,
 * for a timeout); handlers should not block there. Thread-safe.
 */
final class AsyncSend implements Callback {
    private static final System.Logger LOG = System.getLogger(AsyncSend.class.getName());

    private final Session session;
    private final SendHandler handler;
    private final CompletableFuture<Void> future;
    private final AtomicBoolean done = new AtomicBoolean();
    private volatile ScheduledFuture<?> timer;

    private AsyncSend(Session session, SendHandler handler, CompletableFuture<Void> future) {
        this.session = session;
        this.handler = handler;
        this.future = future;
    }

    /** A send whose outcome goes to {@code handler}. */
    static AsyncSend notifying(Session session, SendHandler handler) {
        return new AsyncSend(session, handler, null);
    }

    /** A send whose outcome completes {@code future}: null on success, the failure otherwise. */
    static AsyncSend completing(Session session, CompletableFuture<Void> future) {
        return new AsyncSend(session, null, future);
    }

    /**
     * Fails this send if it has not completed within {@code timeoutMillis} from now; a zero or
     * negative timeout means no limit. {@code onTimeout} runs after the failure is reported. Called
     * once the message is handed to the connection, so a send refused at once never times out.
     */
    AsyncSend withTimeout(SessionRuntime runtime, long timeoutMillis, Runnable onTimeout) {
        if (timeoutMillis <= 0 || done.get()) {
            return this;
        }
        timer = runtime.schedule(() -> {
            if (finish(new SocketTimeoutException("the message was not sent within the send timeout of "
                    + timeoutMillis + " ms (RemoteEndpoint.Async.setSendTimeout)"))) {
                onTimeout.run();
            }
        }, timeoutMillis, TimeUnit.MILLISECONDS);
        if (done.get()) {
            timer.cancel(false); // completed while the timer was being set
        }
        return this;
    }

    @Override
    public void succeeded() {
        finish(null);
    }

    @Override
    public void failed(Throwable cause) {
        finish(cause);
    }

    private boolean finish(Throwable failure) {
        if (!done.compareAndSet(false, true)) {
            return false;
        }
        ScheduledFuture<?> pending = timer;
        if (pending != null && failure == null) {
            pending.cancel(false);
        }
        if (future != null) {
            if (failure == null) {
                future.complete(null);
            } else {
                future.completeExceptionally(failure);
            }
            return true;
        }
        try {
            handler.onResult(failure == null ? new SendResult(session) : new SendResult(session, failure));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a SendHandler threw from onResult", e);
        }
        return true;
    }
}
