package dev.duplex.endpoint.session;

import dev.duplex.engine.Callback;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicBoolean;

/** Small {@link Callback} combinators for the send path. */
final class CompletionCallbacks {
    private CompletionCallbacks() {
    }

    /** A callback that completes {@code target} once all {@code parts} have succeeded, or at the first failure. */
    static Callback allOf(int parts, Callback target) {
        if (parts == 0) {
            target.succeeded();
            return Callback.NOOP;
        }
        AtomicInteger left = new AtomicInteger(parts);
        AtomicBoolean failed = new AtomicBoolean();
        return new Callback() {
            @Override
            public void succeeded() {
                if (left.decrementAndGet() == 0 && !failed.get()) {
                    target.succeeded();
                }
            }

            @Override
            public void failed(Throwable cause) {
                if (failed.compareAndSet(false, true)) {
                    target.failed(cause);
                }
            }
        };
    }

    /** A callback that logs a failure and otherwise does nothing, for writes nobody waits on. */
    static Callback logFailure(System.Logger log, String what) {
        return new Callback() {
            @Override
            public void succeeded() {
            }

            @Override
            public void failed(Throwable cause) {
                log.log(System.Logger.Level.DEBUG, () -> what + " failed: " + cause);
            }
        };
    }
}
