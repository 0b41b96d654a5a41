package dev.duplex.client;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ContextClassLoaderExecutorTest {
    private final ClassLoader application = new ClassLoader(getClass().getClassLoader()) {
    };

    @Test
    void taskSeesTheGivenLoaderAndTheThreadGetsItsOwnBack() {
        ClassLoader own = Thread.currentThread().getContextClassLoader();
        AtomicReference<ClassLoader> seen = new AtomicReference<>();
        new ContextClassLoaderExecutor(Runnable::run, application)
                .execute(() -> seen.set(Thread.currentThread().getContextClassLoader()));
        assertSame(application, seen.get());
        assertSame(own, Thread.currentThread().getContextClassLoader());
    }

    @Test
    void threadGetsItsOwnLoaderBackWhenTheTaskThrows() {
        ClassLoader own = Thread.currentThread().getContextClassLoader();
        assertThrows(IllegalStateException.class, () -> new ContextClassLoaderExecutor(Runnable::run, application)
                .execute(() -> {
                    throw new IllegalStateException("task failed");
                }));
        assertSame(own, Thread.currentThread().getContextClassLoader());
    }
}
