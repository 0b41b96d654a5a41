package dev.duplex.client;

import dev.duplex.endpoint.session.DuplexSession;
import dev.duplex.endpoint.session.SessionRuntime;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Carries out a {@link ReconnectPolicy} for the sessions of one {@code connectToServer} call: hears each session's
 * close (from {@link ReconnectingEndpoint}), decides whether it is a drop, and runs a series of attempts, each
 * scheduled on the session runtime's scheduler after the policy's delay and connected by the container without
 * waiting on a thread ({@link DuplexWebSocketContainer#reconnect}). At most one series runs at a time: a series
 * starts when a session drops and ends with a new session or by giving up.
 *
 * <p>Thread-safe: the series' state is guarded by one lock; the policy's callbacks run outside it, on the session
 * executor.
 */
final class Reconnector {
    private static final System.Logger LOG = System.getLogger(Reconnector.class.getName());

    private final DuplexWebSocketContainer container;
    private final ReconnectPolicy policy;
    private final ClientEndpoints.Source source;
    private final URI uri;
    private final SessionRuntime runtime;

    private final Object lock = new Object();
    private boolean active; // guarded by lock: a series is under way
    private boolean cancelled; // guarded by lock: the container stopped
    private int attempt; // guarded by lock: the number of the next attempt of the series
    private CloseReason drop; // guarded by lock: how the session that started the series ended
    private Throwable lastFailure; // guarded by lock
    private Future<?> pending; // guarded by lock: the scheduled attempt

    /**
     * @param source  makes the endpoint and configuration of each new connection
     * @param uri     the URI given to {@code connectToServer}: every attempt starts there, redirects are followed anew
     * @param runtime the threads, and the application's class loader, of the first connection
     */
    Reconnector(DuplexWebSocketContainer container, ReconnectPolicy policy, ClientEndpoints.Source source, URI uri,
            SessionRuntime runtime) {
        this.container = container;
        this.policy = policy;
        this.source = source;
        this.uri = uri;
        this.runtime = runtime;
    }

    ClientEndpoints.Source source() {
        return source;
    }

    URI uri() {
        return uri;
    }

    SessionRuntime runtime() {
        return runtime;
    }

    /** A session of this connection has closed and its {@code onClose} returned: start a series if it dropped. */
    void sessionClosed(Session session, CloseReason reason) {
        if (session instanceof DuplexSession duplex && duplex.connection().isCloseStartedHere()) {
            LOG.log(Level.DEBUG, () -> "session " + session.getId() + " to " + uri + " was closed by this side ("
                    + describe(reason) + "); not reconnecting");
            return;
        }
        int code = reason.getCloseCode().getCode();
        if (!policy.reconnectsAfter(code)) {
            LOG.log(Level.DEBUG, () -> "session " + session.getId() + " to " + uri + " ended with " + describe(reason)
                    + ", which the reconnect policy does not count as a drop " + policy.closeCodes());
            return;
        }
        synchronized (lock) {
            if (cancelled || active) {
                return;
            }
            active = true;
            attempt = 1;
            drop = reason;
            lastFailure = null;
        }
        if (!container.track(this)) {
            giveUp("the client container has been stopped");
            return;
        }
        LOG.log(Level.INFO, "the WebSocket connection to {0} dropped ({1}); reconnecting", uri, describe(reason));
        scheduleNext();
    }

    /** The container stops: a pending attempt is cancelled, and a series under way gives up. Idempotent. */
    void cancel() {
        boolean wasActive;
        synchronized (lock) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            wasActive = active;
            if (pending != null) {
                pending.cancel(false);
                pending = null;
            }
        }
        if (wasActive) {
            runtime.execute(() -> giveUp("the client container has been stopped"));
        }
    }

    private void scheduleNext() {
        ReconnectPolicy.Attempt next;
        synchronized (lock) {
            if (!active) {
                return;
            }
            if (attempt > policy.maxAttempts()) {
                next = null;
            } else {
                next = new ReconnectPolicy.Attempt(attempt, drop, lastFailure, policy.delayBefore(attempt));
            }
        }
        if (container.isStopped()) {
            giveUp("the client container has been stopped");
            return;
        }
        if (next == null) {
            giveUp("all " + policy.maxAttempts() + " attempts failed");
            return;
        }
        if (!approved(next)) {
            giveUp("beforeAttempt vetoed attempt " + next.number());
            return;
        }
        Duration delay = next.delay();
        boolean scheduled;
        synchronized (lock) {
            if (!active || cancelled) {
                return; // cancel() gave up meanwhile
            }
            try {
                pending = runtime.schedule(this::attemptNow, delay.toNanos(), TimeUnit.NANOSECONDS);
                scheduled = true;
            } catch (RejectedExecutionException e) {
                scheduled = false;
            }
        }
        if (!scheduled) {
            giveUp("the scheduler of the session runtime has been shut down");
            return;
        }
        LOG.log(Level.INFO, () -> "reconnecting to " + uri + " in " + delay.toMillis() + " ms (attempt "
                + next.number() + (policy.maxAttempts() == ReconnectPolicy.UNLIMITED_ATTEMPTS ? ""
                : " of " + policy.maxAttempts()) + ")");
    }

    private boolean approved(ReconnectPolicy.Attempt next) {
        try {
            return policy.beforeAttempt().test(next);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the reconnect policy's beforeAttempt threw; taken as a veto", e);
            return false;
        }
    }

    /** On the session executor, once the delay has passed. */
    private void attemptNow() {
        synchronized (lock) {
            if (!active || cancelled) {
                return;
            }
            pending = null;
        }
        container.reconnect(this).whenComplete((session, failure) -> {
            if (failure == null) {
                reconnected(session);
            } else {
                attemptFailed(unwrapped(failure));
            }
        });
    }

    private void reconnected(Session session) {
        int made;
        synchronized (lock) {
            if (!active) {
                return; // the container stopped meanwhile: it closes the new session
            }
            active = false;
            made = attempt;
        }
        container.untrack(this);
        LOG.log(Level.INFO, () -> "reconnected to " + uri + ": session " + session.getId() + ", at attempt " + made);
        try {
            policy.onReconnected().accept(session);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the reconnect policy's onReconnected threw", e);
        }
    }

    private void attemptFailed(Throwable failure) {
        int failed;
        synchronized (lock) {
            if (!active) {
                return;
            }
            failed = attempt;
            attempt++;
            lastFailure = failure;
        }
        LOG.log(Level.INFO, () -> "reconnect attempt " + failed + " to " + uri + " failed: " + failure);
        scheduleNext();
    }

    private void giveUp(String why) {
        ReconnectPolicy.GaveUp gaveUp;
        synchronized (lock) {
            if (!active) {
                return;
            }
            active = false;
            gaveUp = new ReconnectPolicy.GaveUp(attempt - 1, drop, lastFailure, why);
        }
        container.untrack(this);
        LOG.log(Level.INFO, "gave up reconnecting to {0}: {1}", uri, why);
        try {
            policy.onGaveUp().accept(gaveUp);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the reconnect policy's onGaveUp threw", e);
        }
    }

    private static Throwable unwrapped(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String describe(CloseReason reason) {
        String phrase = reason.getReasonPhrase();
        return reason.getCloseCode().getCode() + (phrase == null || phrase.isEmpty() ? "" : " " + phrase);
    }

    @Override
    public String toString() {
        return "Reconnector[" + uri + ", " + policy + "]";
    }
}
