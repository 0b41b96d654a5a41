package dev.duplex.endpoint.session;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pool that starts a thread only when every thread it has is busy, up to its bound, and queues work beyond the
 * bound without limit. A plain {@link ThreadPoolExecutor} does neither: below its core size it starts a thread per
 * task even when threads are idle (a burst of connections would start the whole bound and keep it for the
 * keep-alive time), and above it grows only once its queue is full, which an unbounded queue never is. The queue
 * here refuses a task while there are more tasks than threads and room for another thread, which makes the
 * executor start one.
 *
 * <p>Threads, once started, stay. A {@link ThreadPoolExecutor} worker that times out leaves even when a task was
 * queued a moment before, as long as another worker exists; that one may be blocked in a handler, and the task
 * would wait until it returns, for ever if the handler waits for that task (a client's delivery, say). Without a
 * keep-alive no worker leaves, so a queued task always has a thread that will take it. The pool is still bounded,
 * and it grows only as far as the most work it ever had at once.
 */
final class BoundedThreadPool extends ThreadPoolExecutor {
    /** Tasks accepted and not yet finished, queued or running. */
    private final AtomicInteger inFlight = new AtomicInteger();

    BoundedThreadPool(int maxThreads, ThreadFactory threads) {
        super(0, maxThreads, Long.MAX_VALUE, TimeUnit.NANOSECONDS, new GrowFirstQueue(), threads,
                BoundedThreadPool::queueAnyway);
        ((GrowFirstQueue) getQueue()).pool = this;
    }

    @Override
    public void execute(Runnable task) {
        inFlight.incrementAndGet();
        try {
            super.execute(task);
        } catch (RuntimeException | Error e) {
            inFlight.decrementAndGet();
            throw e;
        }
    }

    @Override
    protected void afterExecute(Runnable task, Throwable failure) {
        inFlight.decrementAndGet();
    }

    /** Another thread took the last place between the queue's refusal and the start of a thread: queue after all. */
    private static void queueAnyway(Runnable task, ThreadPoolExecutor executor) {
        if (executor.isShutdown()) {
            throw new RejectedExecutionException("the pool is shut down");
        }
        ((GrowFirstQueue) executor.getQueue()).queue(task);
    }

    private static final class GrowFirstQueue extends LinkedBlockingQueue<Runnable> {
        private static final long serialVersionUID = 1L;
        private transient volatile BoundedThreadPool pool;

        @Override
        public boolean offer(Runnable task) {
            BoundedThreadPool owner = pool;
            int threads = owner.getPoolSize();
            if (owner.inFlight.get() > threads && threads < owner.getMaximumPoolSize()) {
                return false; // the executor starts a thread for it
            }
            return super.offer(task);
        }

        void queue(Runnable task) {
            super.offer(task);
        }
    }
}
