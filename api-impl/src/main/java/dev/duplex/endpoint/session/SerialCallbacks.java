package dev.duplex.endpoint.session;

import dev.duplex.endpoint.instance.InstanceProvider;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs the application callbacks of one session one at a time, in the order they were submitted:
 * the implementation "must not invoke an endpoint instance with more than one thread per peer at
 * a time" (Jakarta WebSocket 2.2 section 5.1, WSC-5.1-2), and partial messages may not interleave
 * (WSC-5.1-5).
 *
 * <p>A callback submitted while none is running runs at once on the submitting thread, usually the
 * transport's, with no hand-off. One submitted while another runs is queued, and the thread
 * running callbacks runs it next. Callbacks that block on the arrival of the rest of a message
 * (stream handlers) are submitted with {@link #runOnExecutor}: they run on the executor, so the
 * transport thread stays free to feed them; the callbacks queued behind them run after them.
 *
 * <p>Every callback runs with the application's class loader as the thread's context class loader
 * ({@link SessionRuntime#applicationClassLoader()}), whichever thread runs it, and inside the
 * instance provider's {@link InstanceProvider#runCallback} (with CDI, an active request context).
 *
 * <p>Thread-safe. A callback may submit more callbacks; they run after it returns.
 */
final class SerialCallbacks {
    private static final System.Logger LOG = System.getLogger(SerialCallbacks.class.getName());

    private record Entry(Runnable task, boolean onExecutor, Consumer<RejectedExecutionException> onRejected) {
    }

    private static final InstanceProvider PLAIN = InstanceProvider.plain();

    private final Executor executor;
    private final ClassLoader applicationClassLoader;
    /** Surrounds each callback with what the application's instances need, a CDI request context for one. */
    private final InstanceProvider instances;
    /** Callbacks waiting behind the running one; null while none wait, so an idle session holds no queue. */
    private ArrayDeque<Entry> queue;
    private boolean running;

    /** Callbacks that run with the thread's context class loader unchanged. */
    SerialCallbacks(Executor executor) {
        this(executor, null);
    }

    /**
     * Callbacks that run with {@code applicationClassLoader} as the context class loader (null: the thread's
     * unchanged) and nothing else around them.
     */
    SerialCallbacks(Executor executor, ClassLoader applicationClassLoader) {
        this(executor, applicationClassLoader, InstanceProvider.plain());
    }

    /**
     * @param applicationClassLoader the context class loader callbacks run with, or null to leave
     *                               the running thread's unchanged
     * @param instances              the provider of the session's instances; each callback runs through its
     *                               {@link InstanceProvider#runCallback}
     */
    SerialCallbacks(Executor executor, ClassLoader applicationClassLoader, InstanceProvider instances) {
        this.executor = executor;
        this.applicationClassLoader = applicationClassLoader;
        this.instances = instances;
    }

    /** Runs {@code task} now if no callback is running, otherwise after the ones before it. */
    void run(Runnable task) {
        submit(new Entry(task, false, null), null);
    }

    /**
     * Runs {@code now} on this thread if no callback is running; otherwise queues the task that
     * {@code later} makes, for data that must be copied before the caller's buffers go away.
     */
    void run(Runnable now, Supplier<Runnable> later) {
        submit(new Entry(now, false, null), later);
    }

    /**
     * Runs {@code task} on the executor after the callbacks before it. If the executor refuses it,
     * {@code onRejected} is told on the submitting or draining thread and the queue goes on.
     */
    void runOnExecutor(Runnable task, Consumer<RejectedExecutionException> onRejected) {
        submit(new Entry(task, true, onRejected), null);
    }

    private void submit(Entry entry, Supplier<Runnable> later) {
        synchronized (this) {
            if (running) {
                if (queue == null) {
                    queue = new ArrayDeque<>(4);
                }
                queue.add(later == null ? entry : new Entry(later.get(), false, null));
                return;
            }
            running = true;
        }
        drain(entry, false);
    }

    private void drain(Entry first, boolean onExecutorThread) {
        Entry entry = first;
        while (entry != null) {
            if (entry.onExecutor() && !onExecutorThread) {
                Entry handOff = entry;
                try {
                    executor.execute(() -> drain(handOff, true));
                    return;
                } catch (RejectedExecutionException e) {
                    runGuarded(() -> handOff.onRejected().accept(e));
                }
            } else {
                runGuarded(entry.task());
            }
            synchronized (this) {
                entry = queue == null ? null : queue.poll();
                if (entry == null) {
                    running = false;
                    queue = null;
                }
            }
        }
    }

    private void runGuarded(Runnable task) {
        try {
            ContextClassLoader.runWith(applicationClassLoader, instances == PLAIN ? task : () -> instances.runCallback(task));
        } catch (Throwable t) {
            // Callbacks report their own errors; this only keeps the queue alive.
            LOG.log(Level.ERROR, "a session callback failed", t);
        }
    }
}
