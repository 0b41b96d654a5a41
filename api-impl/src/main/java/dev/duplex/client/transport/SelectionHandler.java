package dev.duplex.client.transport;

import java.io.IOException;

/**
 * What a {@link SelectorLoop} drives: a connection attempt or an established connection. All
 * methods are called on the loop's thread.
 */
interface SelectionHandler {

    /** The channel is ready for the operations in {@code readyOps}. */
    void onReady(int readyOps) throws IOException;

    /** {@link #onReady} threw: the handler ends itself with this cause. */
    void onError(Throwable cause);

    /** The loop is stopping: the handler ends itself, closing its channel. */
    void onShutdown(IOException cause);
}
