package dev.duplex.endpoint.session;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The idle timeout of one session (Session javadoc, {@code setMaxIdleTimeout}): when no message
 * has been sent or received for the timeout, {@code onExpiry} runs once. A zero or negative
 * timeout disables it.
 *
 * <p>Activity is one volatile write ({@link #touch()}), so it costs nothing per message; a single
 * task on the shared scheduler wakes at the earliest possible expiry, and if there was activity
 * meanwhile, sleeps again for what is left. No thread per session.
 *
 * <p>Thread-safe.
 */
final class IdleTimer {
    private final ScheduledExecutorService scheduler;
    private final LongSupplier nanoClock;
    private final Runnable onExpiry;

    private volatile long lastActivity;
    // Guarded by this.
    private long timeoutMillis;
    private ScheduledFuture<?> task;
    private boolean stopped;

    IdleTimer(ScheduledExecutorService scheduler, LongSupplier nanoClock, Runnable onExpiry) {
        this.scheduler = scheduler;
        this.nanoClock = nanoClock;
        this.onExpiry = onExpiry;
        this.lastActivity = nanoClock.getAsLong();
    }

    /** A message was sent or received. */
    void touch() {
        lastActivity = nanoClock.getAsLong();
    }

    synchronized long timeoutMillis() {
        return timeoutMillis;
    }

    /** Sets the timeout, counted from the last activity; zero or negative disables it. */
    synchronized void setTimeout(long millis) {
        timeoutMillis = millis;
        cancelTask();
        if (millis > 0 && !stopped) {
            schedule(remainingNanos());
        }
    }

    /** Stops the timer for good, as the session closes. */
    synchronized void stop() {
        stopped = true;
        cancelTask();
    }

    private void check() {
        synchronized (this) {
            task = null;
            if (stopped || timeoutMillis <= 0) {
                return;
            }
            long remaining = remainingNanos();
            if (remaining > 0) {
                schedule(remaining);
                return;
            }
            stopped = true;
        }
        onExpiry.run();
    }

    private long remainingNanos() {
        return TimeUnit.MILLISECONDS.toNanos(timeoutMillis) - (nanoClock.getAsLong() - lastActivity);
    }

    private void schedule(long delayNanos) {
        task = scheduler.schedule(this::check, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
    }

    private void cancelTask() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
    }
}
