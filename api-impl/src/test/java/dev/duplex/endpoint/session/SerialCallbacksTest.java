package dev.duplex.endpoint.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SerialCallbacksTest {
    private final ExecutorService executor = Executors.newCachedThreadPool(SessionRuntime.daemonThreads("serial-test"));
    private final SerialCallbacks callbacks = new SerialCallbacks(executor);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void anIdleQueueRunsTheCallbackOnTheCallersThread() {
        Thread[] ranOn = new Thread[1];
        callbacks.run(() -> ranOn[0] = Thread.currentThread());
        assertSame(Thread.currentThread(), ranOn[0]);
    }

    @Test
    void aCallbackSubmittedFromACallbackRunsAfterIt() {
        List<String> order = new ArrayList<>();
        callbacks.run(() -> {
            callbacks.run(() -> order.add("inner"));
            order.add("outer returns");
        });
        assertEquals(List.of("outer returns", "inner"), order);
    }

    @Test
    void callbacksFromManyThreadsNeverOverlapAndNoneIsLost() throws Exception {
        AtomicBoolean inside = new AtomicBoolean();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger ran = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Void>> submitters = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            submitters.add(CompletableFuture.runAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                for (int i = 0; i < 500; i++) {
                    callbacks.run(() -> {
                        if (!inside.compareAndSet(false, true)) {
                            overlaps.incrementAndGet();
                        }
                        ran.incrementAndGet();
                        inside.set(false);
                    });
                }
            }, executor));
        }
        start.countDown();
        CompletableFuture.allOf(submitters.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        CompletableFuture<Void> drained = new CompletableFuture<>();
        callbacks.run(() -> drained.complete(null));
        drained.get(10, TimeUnit.SECONDS);
        assertEquals(0, overlaps.get());
        assertEquals(4000, ran.get());
    }

    @Test
    void aBlockingCallbackRunsOnTheExecutorAndThoseBehindItWait() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> order = new CopyOnWriteArrayList<>();
        CompletableFuture<Thread> blockingThread = new CompletableFuture<>();
        callbacks.runOnExecutor(() -> {
            blockingThread.complete(Thread.currentThread());
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            order.add("blocking");
        }, rejected -> { });
        callbacks.run(() -> order.add("queued"));
        assertTrue(blockingThread.get(10, TimeUnit.SECONDS) != Thread.currentThread());
        assertEquals(List.of(), order);
        CompletableFuture<Void> done = new CompletableFuture<>();
        callbacks.run(() -> done.complete(null));
        release.countDown();
        done.get(10, TimeUnit.SECONDS);
        assertEquals(List.of("blocking", "queued"), order);
    }

    @Test
    void aRefusedBlockingCallbackIsReportedAndTheQueueGoesOn() {
        executor.shutdown();
        List<String> order = new ArrayList<>();
        callbacks.runOnExecutor(() -> order.add("never"),
                rejected -> order.add("rejected " + (rejected instanceof RejectedExecutionException)));
        callbacks.run(() -> order.add("next"));
        assertEquals(List.of("rejected true", "next"), order);
    }

    @Test
    void aCallbackThatThrowsDoesNotStopTheQueue() {
        List<String> order = new ArrayList<>();
        callbacks.run(() -> {
            callbacks.run(() -> order.add("after"));
            throw new IllegalStateException("boom");
        });
        assertEquals(List.of("after"), order);
    }

    @Test
    void callbacksRunWithTheApplicationClassLoaderAndTheThreadGetsItsOwnBack() throws Exception {
        ClassLoader application = new ClassLoader(null) { };
        SerialCallbacks withLoader = new SerialCallbacks(executor, application);
        ClassLoader own = Thread.currentThread().getContextClassLoader();
        List<ClassLoader> seen = new CopyOnWriteArrayList<>();
        withLoader.run(() -> seen.add(Thread.currentThread().getContextClassLoader()));
        assertSame(own, Thread.currentThread().getContextClassLoader());
        CompletableFuture<Void> drained = new CompletableFuture<>();
        withLoader.runOnExecutor(() -> seen.add(Thread.currentThread().getContextClassLoader()), rejected -> { });
        withLoader.run(() -> { // on whichever thread drains the queue: the caller's or the executor's
            seen.add(Thread.currentThread().getContextClassLoader());
            drained.complete(null);
        });
        drained.get(10, TimeUnit.SECONDS);
        assertEquals(List.of(application, application, application), seen);
        assertSame(own, Thread.currentThread().getContextClassLoader());
    }

    @Test
    void pooledThreadsStartWithDuplexsClassLoaderNotTheCreatingThreads() throws Exception {
        ClassLoader application = new ClassLoader(null) { };
        CompletableFuture<ClassLoader> seen = new CompletableFuture<>();
        Thread creator = new Thread(() -> SessionRuntime.daemonThreads("tccl-test")
                .newThread(() -> seen.complete(Thread.currentThread().getContextClassLoader())).start());
        creator.setContextClassLoader(application);
        creator.start();
        assertSame(SessionRuntime.class.getClassLoader(), seen.get(10, TimeUnit.SECONDS));
    }
}
