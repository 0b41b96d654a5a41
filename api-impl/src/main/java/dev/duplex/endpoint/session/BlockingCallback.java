package dev.duplex.endpoint.session;

import dev.duplex.engine.Callback;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A {@link Callback} a sending thread waits on: the basic remote endpoint's sends "block until
 * all of the message has been transmitted" (RemoteEndpoint.Basic javadoc). Single use.
 */
final class BlockingCallback implements Callback {
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    @Override
    public void succeeded() {
        done.complete(null);
    }

    @Override
    public void failed(Throwable cause) {
        done.completeExceptionally(cause);
    }

    /**
     * Waits for the write.
     *
     * @throws IOException the write's failure, or InterruptedIOException if the thread is interrupted
     */
    void await() throws IOException {
        try {
            done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a send to complete");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException("the send failed", cause);
        }
    }
}
