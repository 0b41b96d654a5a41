package dev.duplex.endpoint.session;

import dev.duplex.engine.Callback;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.locks.LockSupport;

/**
 * A {@link Callback} a sending thread waits on: the basic remote endpoint's sends "block until
 * all of the message has been transmitted" (RemoteEndpoint.Basic javadoc). Single use.
 *
 * <p>The waiting thread parks rather than waiting on a monitor: a virtual thread in {@code Object.wait} holds its
 * carrier thread on JDK 21 to 23 (JEP 491 lifted that in 24), so a few blocked senders could stop every other
 * virtual thread. Parking allocates nothing either, and most writes are done before the sender waits.
 */
final class BlockingCallback implements Callback {
    /** Written before {@link #done}, read after it. */
    private Throwable failure;
    private volatile boolean done;
    private volatile Thread waiter;

    @Override
    public void succeeded() {
        complete();
    }

    @Override
    public void failed(Throwable cause) {
        failure = cause;
        complete();
    }

    private void complete() {
        done = true;
        Thread parked = waiter;
        if (parked != null) {
            LockSupport.unpark(parked);
        }
    }

    /**
     * Waits for the write.
     *
     * @throws IOException the write's failure, or InterruptedIOException if the thread is interrupted
     */
    void await() throws IOException {
        if (!done) {
            // Either complete() sees this waiter, or the loop below sees done: both fields are volatile.
            waiter = Thread.currentThread();
            while (!done) {
                LockSupport.park(this);
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt(); // kept for the caller, whether or not the write is done
                    if (!done) {
                        throw new InterruptedIOException("interrupted while waiting for a send to complete");
                    }
                }
            }
        }
        Throwable cause = failure;
        if (cause == null) {
            return;
        }
        if (cause instanceof IOException io) {
            throw io;
        }
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        throw new IOException("the send failed", cause);
    }
}
