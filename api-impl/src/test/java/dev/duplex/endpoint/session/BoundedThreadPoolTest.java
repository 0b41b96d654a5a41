package dev.duplex.endpoint.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BoundedThreadPoolTest {

    @Test
    void tasksOneAfterAnotherReuseAThreadInsteadOfStartingOneEach() throws Exception {
        BoundedThreadPool pool = new BoundedThreadPool(10, SessionRuntime.daemonThreads("test-pool"));
        try {
            for (int i = 0; i < 50; i++) {
                CountDownLatch ran = new CountDownLatch(1);
                pool.execute(ran::countDown);
                assertTrue(ran.await(10, TimeUnit.SECONDS));
            }
            // A thread between its task and afterExecute still counts as busy, so a slow one may start another
            // thread; a ThreadPoolExecutor with 10 core threads would have started all 10.
            assertTrue(pool.getLargestPoolSize() < 10, "threads: " + pool.getLargestPoolSize());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void busyThreadsMakeItGrowToItsBoundThenTasksWaitTheirTurn() throws Exception {
        BoundedThreadPool pool = new BoundedThreadPool(3, SessionRuntime.daemonThreads("test-pool"));
        try {
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch started = new CountDownLatch(3);
            CountDownLatch finished = new CountDownLatch(7);
            for (int i = 0; i < 7; i++) {
                pool.execute(() -> {
                    started.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    finished.countDown();
                });
            }
            assertTrue(started.await(10, TimeUnit.SECONDS));
            assertEquals(3, pool.getPoolSize());
            assertEquals(4, pool.getQueue().size());
            release.countDown();
            assertTrue(finished.await(10, TimeUnit.SECONDS));
            assertEquals(3, pool.getLargestPoolSize());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aShutDownPoolRefusesWork() {
        BoundedThreadPool pool = new BoundedThreadPool(2, SessionRuntime.daemonThreads("test-pool"));
        pool.shutdown();
        assertThrows(RejectedExecutionException.class, () -> pool.execute(() -> { }));
    }
}
