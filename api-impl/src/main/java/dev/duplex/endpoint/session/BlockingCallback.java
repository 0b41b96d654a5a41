package dev.duplex.endpoint.session;

import dev.duplex.engine.Callback;
import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * A {@link Callback} a sending thread waits on: the basic remote endpoint's sends "block until
 * all of the message has been transmitted" (RemoteEndpoint.Basic javadoc). Single use.
 */
final class BlockingCallback implements Callback {
    /** Set once, by whichever completion comes; read by the waiting thread under this object's monitor. */
    private boolean done;
    private Throwable failure;

    @Override
    public synchronized void succeeded() {
        done = true;
        notifyAll();
    }

    @Override
    public synchronized void failed(Throwable cause) {
        failure = cause;
        done = true;
        notifyAll();
    }

    /**
     * Waits for the write. A monitor rather than a future: most writes are done before the sender waits, and then
     * nothing more is allocated for the send.
     *
     * @throws IOException the write's failure, or InterruptedIOException if the thread is interrupted
     */
    synchronized void await() throws IOException {
        try {
            while (!done) {
                wait();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a send to complete");
        }
        if (failure == null) {
            return;
        }
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        throw new IOException("the send failed", failure);
    }
}
