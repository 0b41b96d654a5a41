package dev.duplex.client.transport;

import dev.duplex.engine.Callback;
import java.util.concurrent.CompletableFuture;

/** A {@link Callback} as a future, for tests to wait on. */
final class Callbacks extends CompletableFuture<Void> implements Callback {
    @Override
    public void succeeded() {
        complete(null);
    }

    @Override
    public void failed(Throwable cause) {
        completeExceptionally(cause);
    }
}
