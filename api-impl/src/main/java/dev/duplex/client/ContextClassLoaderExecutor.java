package dev.duplex.client;

import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Runs tasks on another executor with a given thread context class loader, restoring the thread's
 * own afterwards. A client session's callbacks run on shared threads; with this they see the
 * context class loader of the code that connected (such as a web application's, where
 * {@code ServiceLoader} and frameworks look things up), not whatever the shared thread last had.
 * Thread-safe.
 */
final class ContextClassLoaderExecutor implements Executor {
    private final Executor delegate;
    private final ClassLoader loader;

    ContextClassLoaderExecutor(Executor delegate, ClassLoader loader) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.loader = loader;
    }

    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        delegate.execute(() -> {
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try {
                task.run();
            } finally {
                thread.setContextClassLoader(previous);
            }
        });
    }
}
