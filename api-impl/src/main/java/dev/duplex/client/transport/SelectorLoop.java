package dev.duplex.client.transport;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One selector thread: waits for channel readiness, runs tasks handed to it, and fires deadlines,
 * for any number of connections. Connections are bound to one loop for life, so their reading
 * and their state changes happen on one thread.
 *
 * <p>Thread-safety: {@link #execute} and {@link #stop} from any thread; {@link #schedule},
 * {@link #selector()}, {@link #join}/{@link #leave} on the loop thread only (in tasks or handler calls).
 * Deadlines use the select timeout, so no timer thread is needed.
 */
final class SelectorLoop implements Runnable {
    private static final System.Logger LOG = System.getLogger(SelectorLoop.class.getName());

    /** A pending timeout. Cancel it on the loop thread. */
    final class Deadline implements Comparable<Deadline> {
        private final long atNanos;
        private final long sequence;
        private final Runnable action;

        private Deadline(long atNanos, long sequence, Runnable action) {
            this.atNanos = atNanos;
            this.sequence = sequence;
            this.action = action;
        }

        void cancel() {
            deadlines.remove(this);
        }

        @Override
        public int compareTo(Deadline other) {
            int byTime = Long.compare(atNanos - other.atNanos, 0);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }

    private final Selector selector;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final PriorityQueue<Deadline> deadlines = new PriorityQueue<>();
    private final Set<SelectionHandler> members = ConcurrentHashMap.newKeySet();
    private final Object lifecycle = new Object();
    private long deadlineSequence;
    private volatile boolean stopping;
    private boolean terminated; // guarded by lifecycle

    SelectorLoop(String threadName) throws IOException {
        this.selector = Selector.open();
        this.thread = new Thread(this, threadName);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    Thread thread() {
        return thread;
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    Selector selector() {
        return selector;
    }

    /**
     * Runs the task on the loop thread, after the tasks handed in before it.
     *
     * @throws RejectedExecutionException once the loop has stopped
     */
    void execute(Runnable task) {
        synchronized (lifecycle) {
            if (terminated) {
                throw new RejectedExecutionException("the client connector is closed");
            }
            tasks.add(task);
        }
        if (!inLoop()) {
            selector.wakeup();
        }
    }

    /** Runs the task on the loop thread: now if called there, else later; inline if the loop has stopped. */
    void executeOrRunHere(Runnable task) {
        if (inLoop()) {
            task.run();
            return;
        }
        try {
            execute(task);
        } catch (RejectedExecutionException stopped) {
            task.run();
        }
    }

    /** Calls {@code action} on the loop thread after the delay, unless cancelled first. Loop thread only. */
    Deadline schedule(long delayNanos, Runnable action) {
        Deadline deadline = new Deadline(System.nanoTime() + delayNanos, deadlineSequence++, action);
        deadlines.add(deadline);
        return deadline;
    }

    /** Counts a handler as living on this loop, so that {@link #stop} ends it. */
    void join(SelectionHandler handler) {
        members.add(handler);
    }

    void leave(SelectionHandler handler) {
        members.remove(handler);
    }

    /** Closes the selector of a loop that was never started. */
    void discard() {
        try {
            selector.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing an unused selector failed", e);
        }
    }

    /** Open registered channels and living handlers; loop thread only. */
    int[] liveChannelsAndHandlers() {
        int channels = 0;
        for (SelectionKey key : selector.keys()) {
            if (key.isValid() && key.channel().isOpen()) {
                channels++;
            }
        }
        return new int[] {channels, members.size()};
    }

    /** Asks the loop to end every handler and finish; returns at once. */
    void stop() {
        stopping = true;
        selector.wakeup();
    }

    @Override
    public void run() {
        try {
            while (!stopping) {
                runTasks();
                long timeoutMillis = fireDeadlines();
                if (stopping) {
                    break;
                }
                if (tasks.isEmpty()) {
                    selector.select(timeoutMillis);
                } else {
                    selector.selectNow(); // a deadline's action handed in a task: no waiting before it runs
                }
                dispatchSelected();
            }
        } catch (IOException | ClosedSelectorException e) {
            LOG.log(Level.ERROR, "client selector failed; closing its connections", e);
        } finally {
            shutdown();
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                LOG.log(Level.ERROR, "client selector task failed", e);
            }
        }
    }

    /** Runs the deadlines that are due; returns the select timeout until the next one (0 = none). */
    private long fireDeadlines() {
        while (!deadlines.isEmpty()) {
            Deadline next = deadlines.peek();
            long wait = next.atNanos - System.nanoTime();
            if (wait > 0) {
                return Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait + 999_999));
            }
            deadlines.poll();
            try {
                next.action.run();
            } catch (RuntimeException | Error e) {
                LOG.log(Level.ERROR, "client timeout action failed", e);
            }
        }
        return 0;
    }

    private void dispatchSelected() {
        Iterator<SelectionKey> selected = selector.selectedKeys().iterator();
        while (selected.hasNext()) {
            SelectionKey key = selected.next();
            selected.remove();
            SelectionHandler handler = (SelectionHandler) key.attachment();
            if (handler == null) {
                continue;
            }
            try {
                if (key.isValid()) {
                    handler.onReady(key.readyOps());
                }
            } catch (IOException | RuntimeException e) {
                handler.onError(e);
            } catch (Error e) {
                handler.onError(e);
                throw e;
            }
        }
    }

    private void shutdown() {
        synchronized (lifecycle) {
            terminated = true;
        }
        // Tasks accepted before the loop terminated still run, so none is silently lost.
        runTasks();
        deadlines.clear();
        IOException cause = new IOException("the client connector was closed");
        List<SelectionHandler> ending = new ArrayList<>(members);
        members.clear();
        for (SelectionHandler handler : ending) {
            try {
                handler.onShutdown(cause);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "ending a client connection at shutdown failed", e);
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "closing the client selector failed", e);
        }
    }
}
