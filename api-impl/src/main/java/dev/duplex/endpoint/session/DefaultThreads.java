package dev.duplex.endpoint.session;

import java.lang.System.Logger.Level;
import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * The threads Duplex runs application code on when the container was given no executor of its own: never more
 * platform threads because there are more connections.
 *
 * <ul>
 * <li>On a JVM with virtual threads (21 and later), a virtual thread per task, found at run time (the build
 * targets 17). A blocked handler then holds a few hundred bytes of stack on the heap, not a platform thread.
 * System property {@value #VIRTUAL_PROPERTY}{@code =false} chooses the pools below instead.</li>
 * <li>Otherwise two bounded pools of daemon threads, each of at most {@value #MAX_THREADS_PROPERTY} threads (default
 * {@value #DEFAULT_MAX_THREADS}, as Jetty's and Tomcat's request pools), a thread started only when all are busy
 * and kept once started ({@link BoundedThreadPool} says why); work beyond the bound waits in an
 * unbounded FIFO queue, which holds at most one task per session (a session's callbacks run one at a time, and a client connection reads no more while its
 * delivery waits). Streamed messages ({@code Reader}, {@code InputStream} handlers) have the second pool: their
 * handlers block until the rest of the message arrives, and on the client the rest arrives through the first
 * pool, so one shared bounded pool full of waiting stream handlers would wait for itself for ever.</li>
 * </ul>
 */
public final class DefaultThreads {
    private static final System.Logger LOG = System.getLogger(DefaultThreads.class.getName());

    /** System property: {@code false} keeps callbacks on bounded pools of platform threads on JDK 21 and later. */
    public static final String VIRTUAL_PROPERTY = "dev.duplex.virtualThreads";
    /** System property: the most platform threads of each pool when virtual threads are not used. */
    public static final String MAX_THREADS_PROPERTY = "dev.duplex.maxThreads";
    public static final int DEFAULT_MAX_THREADS = 200;

    /** The callback executor and the stream executor; the same one when both are virtual. */
    record Choice(ExecutorService callbacks, ExecutorService streams, String description) {
    }

    private DefaultThreads() {
    }

    /** Whether this JVM has virtual threads and {@value #VIRTUAL_PROPERTY} does not turn them off. */
    public static boolean virtualThreadsWanted() {
        return Runtime.version().feature() >= 21
                && !"false".equalsIgnoreCase(System.getProperty(VIRTUAL_PROPERTY, "true").trim());
    }

    static Choice create(ThreadFactory callbackThreads, ThreadFactory streamThreads) {
        if (virtualThreadsWanted()) {
            ExecutorService virtual = virtualThreadPerTask("duplex-virtual-");
            if (virtual != null) {
                return new Choice(virtual, virtual, "a virtual thread per callback");
            }
        }
        int max = maxThreads();
        return new Choice(bounded(max, callbackThreads), bounded(max, streamThreads),
                "at most " + max + " platform threads for callbacks and " + max + " for streamed messages");
    }

    /**
     * {@code Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(prefix, 0).factory())} by reflection, or null
     * when that fails; only called on JDK 21 and later ({@link #virtualThreadsWanted()}: 19 and 20 have them only as
     * a preview).
     */
    private static ExecutorService virtualThreadPerTask(String prefix) {
        try {
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            Class<?> builderType = Class.forName("java.lang.Thread$Builder");
            builder = builderType.getMethod("name", String.class, long.class).invoke(builder, prefix, 0L);
            ThreadFactory factory = (ThreadFactory) builderType.getMethod("factory").invoke(builder);
            Method perTask = Executors.class.getMethod("newThreadPerTaskExecutor", ThreadFactory.class);
            return (ExecutorService) perTask.invoke(null, factory);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.WARNING, "virtual threads unavailable on Java " + Runtime.version()
                    + "; using bounded pools of platform threads", e);
            return null;
        }
    }

    /** The bound of each pool when virtual threads are not used: {@value #MAX_THREADS_PROPERTY} or the default. */
    public static int maxThreads() {
        String configured = System.getProperty(MAX_THREADS_PROPERTY);
        if (configured == null) {
            return DEFAULT_MAX_THREADS;
        }
        try {
            int max = Integer.parseInt(configured.trim());
            if (max > 0) {
                return max;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        LOG.log(Level.WARNING, "ignoring system property {0}={1}: not a positive number; using {2}",
                MAX_THREADS_PROPERTY, configured, DEFAULT_MAX_THREADS);
        return DEFAULT_MAX_THREADS;
    }

    private static ExecutorService bounded(int max, ThreadFactory threads) {
        return new BoundedThreadPool(max, threads);
    }
}
