package dev.duplex.endpoint.session;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the sessions of a container share: an executor for application code that must not run on
 * the transport's or the scheduler's threads, the scheduler for idle, close and send timeouts,
 * the class loader application code runs with, and two settings. Immutable; one per container
 * (or {@link #shared()}), never one per session: the copies the {@code with...} methods make
 * share the threads.
 *
 * @param executor         runs application code that must not run on a transport's thread: a client's
 *                         deliveries (every callback of a client session after {@code onOpen}), the work of
 *                         timers that reaches application code ({@code onClose} after a close timeout, a
 *                         {@code SendHandler} after a send timeout), and reads some containers allow off their
 *                         own threads. Its tasks may block as long as the application's handlers do.
 * @param streamExecutor   runs message handlers that read a {@code Reader} or {@code InputStream} (and stream
 *                         decoders) while the message is still arriving. They wait for bytes that the transport,
 *                         on a client the {@code executor}, delivers: if both were one bounded pool, handlers
 *                         waiting for the rest of their messages could fill it and wait for ever. May be the
 *                         same executor when that one is not bounded (virtual threads).
 * @param scheduler        runs the timers; its tasks are short, never block, and never call the application
 * @param closeTimeout     how long a session waits for the peer's close frame after sending its
 *                         own before it drops the connection (RFC 6455 section 7.1.1 leaves the wait open)
 * @param sendFragmentSize the largest frame payload, in bytes, that the send stream and send writer
 *                         of {@code RemoteEndpoint.Basic} buffer before sending a fragment
 * @param applicationClassLoader the thread context class loader of every callback into the
 *                         application (endpoint, message handlers, decoders, and the work of
 *                         {@link #execute}), or null to leave the running thread's as it is. The
 *                         threads of the executor are shared by every application of the JVM and
 *                         are not the application's own, so without it a callback would see
 *                         whatever loader the thread happens to have. The servlet bridge sets the
 *                         web application's ({@code ServletContext.getClassLoader()}), the client
 *                         the context class loader of the thread that connects.
 */
public record SessionRuntime(Executor executor, Executor streamExecutor, ScheduledExecutorService scheduler,
        Duration closeTimeout, int sendFragmentSize, ClassLoader applicationClassLoader) {

    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_SEND_FRAGMENT_SIZE = 8 * 1024;

    public SessionRuntime {
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(streamExecutor, "streamExecutor");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(closeTimeout, "closeTimeout");
        if (closeTimeout.isNegative() || closeTimeout.isZero()) {
            throw new IllegalArgumentException("closeTimeout must be positive: " + closeTimeout);
        }
        if (sendFragmentSize < 1) {
            throw new IllegalArgumentException("sendFragmentSize must be positive: " + sendFragmentSize);
        }
    }

    /** A runtime on the given threads (one executor for both kinds of work), with the default close timeout and fragment size. */
    public static SessionRuntime of(Executor executor, ScheduledExecutorService scheduler) {
        return new SessionRuntime(executor, executor, scheduler, DEFAULT_CLOSE_TIMEOUT, DEFAULT_SEND_FRAGMENT_SIZE,
                null);
    }

    /**
     * Runs {@code task} on the executor after {@code delay}: the scheduler only hands it over, so
     * application code never runs on, or holds up, the scheduler thread.
     */
    public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
        return scheduler.schedule(() -> execute(task), delay, unit);
    }

    /**
     * Runs {@code task} on the executor, with the {@link #applicationClassLoader()} as its context
     * class loader; on this thread if the executor refuses it (it is shutting down).
     */
    public void execute(Runnable task) {
        Runnable asApplication = () -> ContextClassLoader.runWith(applicationClassLoader, task);
        try {
            executor.execute(asApplication);
        } catch (RejectedExecutionException e) {
            asApplication.run();
        }
    }

    /**
     * The runtime of the JVM, created on first use: virtual threads on JDK 21 and later, bounded pools of daemon
     * threads before (see {@link DefaultThreads}), and one daemon scheduler thread.
     */
    public static SessionRuntime shared() {
        return Shared.INSTANCE;
    }

    public SessionRuntime withCloseTimeout(Duration timeout) {
        return new SessionRuntime(executor, streamExecutor, scheduler, timeout, sendFragmentSize,
                applicationClassLoader);
    }

    public SessionRuntime withSendFragmentSize(int bytes) {
        return new SessionRuntime(executor, streamExecutor, scheduler, closeTimeout, bytes, applicationClassLoader);
    }

    /** The same threads and settings, calling the application with {@code loader} as the context class loader. */
    public SessionRuntime withApplicationClassLoader(ClassLoader loader) {
        return new SessionRuntime(executor, streamExecutor, scheduler, closeTimeout, sendFragmentSize, loader);
    }

    /**
     * The same settings with all application code on {@code executor} (streamed messages too), for an application
     * that brings its own threads (a {@code ManagedExecutorService}, say); null keeps this runtime's. Stream
     * handlers hold one of its threads until their message has arrived, which on a client arrives through the same
     * executor: a bounded one needs room for both.
     */
    public SessionRuntime withExecutor(Executor executor) {
        if (executor == null || (executor == this.executor && executor == streamExecutor)) {
            return this;
        }
        return new SessionRuntime(executor, executor, scheduler, closeTimeout, sendFragmentSize,
                applicationClassLoader);
    }

    /**
     * A daemon thread factory naming its threads {@code prefix-N}. Their context class loader is
     * Duplex's own, not the creating thread's, which may be one application's: a pooled thread
     * outlives the task that made it and must not keep an undeployed application's loader.
     */
    public static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        ClassLoader duplex = SessionRuntime.class.getClassLoader();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            thread.setContextClassLoader(duplex);
            return thread;
        };
    }

    /**
     * Ends the threads of {@link #shared()} for good, if it was ever used. For a copy of Duplex that belongs
     * to one web application (its jars in {@code WEB-INF/lib}, loaded by the application's class loader):
     * the JVM-wide runtime of that copy is the application's, and its threads, whose context class loader
     * is that loader, must end when the application is undeployed, or they keep it and every class it
     * loaded (servlet containers warn of such threads). Running work finishes; delayed work (timeouts) is
     * dropped; the call waits up to {@code wait} for the threads to end, so that they are gone when the
     * container checks. Afterwards {@link #execute} runs work on the calling thread and {@link #schedule}
     * refuses it.
     *
     * @return whether every thread has ended
     */
    public static boolean shutdownShared(Duration wait) throws InterruptedException {
        if (!sharedStarted) {
            return true;
        }
        SessionRuntime shared = Shared.INSTANCE;
        ExecutorService callbacks = (ExecutorService) shared.executor();
        ExecutorService streams = (ExecutorService) shared.streamExecutor();
        callbacks.shutdown();
        streams.shutdown();
        shared.scheduler().shutdown();
        long deadline = System.nanoTime() + wait.toNanos();
        // Virtual threads end with their task: a terminated executor has none left.
        boolean ended = callbacks.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)
                && streams.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        // A pool is terminated once its last worker has left its loop, a moment before that thread ends; the
        // container checks for live threads, so wait for the pools' threads themselves.
        for (Thread thread : Shared.THREADS) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left > 0 && thread != Thread.currentThread()) {
                thread.join(left);
            }
        }
        Shared.THREADS.removeIf(thread -> !thread.isAlive());
        return ended && Shared.THREADS.isEmpty();
    }

    private static volatile boolean sharedStarted;

    private static final class Shared {
        /** The threads the shared runtime started, for {@link #shutdownShared}; dead ones pruned as new ones come. */
        static final Set<Thread> THREADS = ConcurrentHashMap.newKeySet();
        private static final System.Logger LOG = System.getLogger(SessionRuntime.class.getName());
        static final SessionRuntime INSTANCE;

        static {
            sharedStarted = true;
            DefaultThreads.Choice threads = DefaultThreads.create(recorded(daemonThreads("duplex-session")),
                    recorded(daemonThreads("duplex-stream")));
            ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, recorded(daemonThreads("duplex-timer")));
            timers.setRemoveOnCancelPolicy(true);
            timers.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
            INSTANCE = new SessionRuntime(threads.callbacks(), threads.streams(), timers, DEFAULT_CLOSE_TIMEOUT,
                    DEFAULT_SEND_FRAGMENT_SIZE, null);
            LOG.log(Level.DEBUG, "Duplex runs application code on {0}, timers on one thread", threads.description());
        }

        private static ThreadFactory recorded(ThreadFactory factory) {
            return task -> {
                THREADS.removeIf(thread -> !thread.isAlive());
                Thread thread = factory.newThread(task);
                THREADS.add(thread);
                return thread;
            };
        }
    }
}
