package dev.duplex.transport;

import dev.duplex.engine.Callback;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes a transport has accepted but not yet handed to the network, in order, with a bound
 * on how many may wait. Shared by the servlet upgrade and the NIO client so that both behave
 * the same way under a slow reader.
 *
 * <p>At the bound: a write that would take the queued bytes past {@code maxQueuedBytes} is
 * refused at once: its callback fails with {@link WriteQueueFullException} and nothing of it is
 * sent, so the stream of frames stays well formed. Writes already queued are unaffected. One
 * write is always accepted when the queue is empty, however large, so a single large message
 * can always be sent.
 *
 * <p>Thread-safe: {@link #offer} from any thread; {@link #flush} from any thread, with at most
 * one flusher at a time; a flush asked for while another runs makes that one go round again, so
 * a "ready to write" signal is never lost. Callbacks run outside the lock.
 */
public final class WriteQueue {

    /** Where queued bytes go. Implementations write what they can without blocking. */
    @FunctionalInterface
    public interface Sink {
        /**
         * Writes as much of the buffers as the network takes now, advancing their positions.
         *
         * @return true when every buffer was written completely, false when the network is not ready for more
         */
        boolean write(ByteBuffer[] buffers) throws IOException;
    }

    /**
     * The bound both transports use unless configured otherwise: enough for a few large messages
     * in flight, small enough that a peer which stops reading cannot pin much memory.
     */
    public static final long DEFAULT_MAX_QUEUED_BYTES = 16L * 1024 * 1024;

    private record Entry(ByteBuffer[] buffers, long bytes, Callback callback) {
    }

    private final long maxQueuedBytes;
    /**
     * The oldest entry, and the ones behind it: the second only exists while writes back up, so a
     * connection that writes one message at a time (or none: an idle one) allocates no deque.
     * {@code head == null} implies {@code behind} is null or empty.
     */
    private Entry head;
    private ArrayDeque<Entry> behind;
    private long queuedBytes;
    private boolean flushing;
    private boolean flushAgain;
    private Throwable failure;

    public WriteQueue(long maxQueuedBytes) {
        if (maxQueuedBytes <= 0) {
            throw new IllegalArgumentException("maxQueuedBytes must be positive: " + maxQueuedBytes);
        }
        this.maxQueuedBytes = maxQueuedBytes;
    }

    /**
     * Queues buffers for writing. Does not write; call {@link #flush} after.
     *
     * @return true if queued; false if refused (the queue is full or failed), in which case the callback has failed
     */
    public boolean offer(ByteBuffer[] buffers, Callback callback) {
        long bytes = 0;
        for (ByteBuffer buffer : buffers) {
            bytes += buffer.remaining();
        }
        Throwable refusal;
        synchronized (this) {
            if (failure != null) {
                refusal = new IOException("the connection has failed", failure);
            } else if (head != null && queuedBytes + bytes > maxQueuedBytes) {
                refusal = new WriteQueueFullException(queuedBytes, bytes, maxQueuedBytes);
            } else {
                append(new Entry(buffers, bytes, callback));
                queuedBytes += bytes;
                return true;
            }
        }
        callback.failed(refusal);
        return false;
    }

    /**
     * Writes queued entries to the sink until the queue is empty or the sink is not ready. A sink
     * failure fails every queued entry and every later offer.
     *
     * @return true when the queue is empty afterwards
     */
    public boolean flush(Sink sink) {
        synchronized (this) {
            if (flushing) {
                flushAgain = true;
                return false;
            }
            flushing = true;
        }
        while (true) {
            Entry current;
            synchronized (this) {
                current = head;
                if (current == null || failure != null) {
                    if (flushAgain && current != null) {
                        flushAgain = false;
                        continue;
                    }
                    flushing = false;
                    flushAgain = false;
                    return current == null;
                }
            }
            boolean written;
            try {
                written = sink.write(current.buffers());
            } catch (IOException | RuntimeException e) {
                synchronized (this) {
                    flushing = false;
                }
                fail(e);
                return false;
            }
            if (written) {
                synchronized (this) {
                    removeHead();
                    queuedBytes -= current.bytes();
                }
                current.callback().succeeded();
                continue;
            }
            synchronized (this) {
                if (!flushAgain) {
                    flushing = false;
                    return false;
                }
                flushAgain = false;
            }
        }
    }

    private void append(Entry entry) {
        if (head == null) {
            head = entry;
            return;
        }
        if (behind == null) {
            behind = new ArrayDeque<>();
        }
        behind.addLast(entry);
    }

    private void removeHead() {
        head = behind == null ? null : behind.pollFirst();
        if (head == null) {
            behind = null;
        }
    }

    /** Fails every queued entry and refuses later offers, as when the connection ends. */
    public void fail(Throwable cause) {
        List<Entry> failed;
        synchronized (this) {
            if (failure == null) {
                failure = cause;
            }
            failed = new ArrayList<>();
            if (head != null) {
                failed.add(head);
                if (behind != null) {
                    failed.addAll(behind);
                }
            }
            head = null;
            behind = null;
            queuedBytes = 0;
        }
        for (Entry entry : failed) {
            entry.callback().failed(cause);
        }
    }

    public synchronized boolean isEmpty() {
        return head == null;
    }

    public synchronized long queuedBytes() {
        return queuedBytes;
    }
}
