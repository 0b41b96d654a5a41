package dev.duplex.engine;

/**
 * Completion of an asynchronous operation, such as a write. Exactly one of the two methods is
 * called, once, on whatever thread completes the operation.
 */
public interface Callback {
    Callback NOOP = new Callback() {
        @Override
        public void succeeded() {
        }

        @Override
        public void failed(Throwable cause) {
        }
    };

    void succeeded();

    void failed(Throwable cause);
}
