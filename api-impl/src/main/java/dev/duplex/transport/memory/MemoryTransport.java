package dev.duplex.transport.memory;

import dev.duplex.engine.Callback;
import dev.duplex.engine.Transport;
import dev.duplex.engine.WebSocketConnection;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * One end of a {@link MemoryLink}. Writes go to the other end; bytes the other end wrote are
 * handed to this end's connection by a serial delivery task on the link's executor.
 *
 * <p>Delivery contract (the engine's {@link Transport} contract): {@code receive} and
 * {@code onTransportClosed} are called for this end by one thread at a time, in order. When the
 * connection pauses reading, delivery stops with the left-over bytes kept, and goes on after
 * {@link #resumeReading()}, which may be called from any thread, even while {@code receive} is
 * still running (delivery then simply continues).
 *
 * <p>{@link #close()} ends this end at once: unread input is discarded, bytes already written
 * and accepted by the write buffer still reach the other end, followed by the end of the stream,
 * writes still waiting for room fail, and this end reports {@code onTransportClosed(null)}.
 * Writes after that fail their callback with an IOException.
 *
 * <p>Thread-safe.
 */
public final class MemoryTransport implements Transport {

    /** Bytes written by the other end, or the end of its stream when {@code data} is null. */
    private record Chunk(ByteBuffer data, int length, Callback callback) {
    }

    private final String name;
    private final Executor executor;
    private final long writeBuffer;
    private MemoryTransport peer;

    private final Object lock = new Object();
    // Guarded by lock.
    private WebSocketConnection connection;
    private final ArrayDeque<Chunk> inbound = new ArrayDeque<>();
    private long inboundBytes;
    private boolean delivering;
    private boolean suspended;
    private boolean outputShut;
    private boolean endPending;
    private Throwable endCause;
    private boolean ended;
    private CompletableFuture<Void> pausedWaiter;

    MemoryTransport(String name, Executor executor, long writeBuffer) {
        this.name = name;
        this.executor = executor;
        this.writeBuffer = writeBuffer;
    }

    void joinTo(MemoryTransport other) {
        this.peer = other;
    }

    /**
     * Starts delivering received bytes to {@code connection}. Bytes the other end wrote before
     * are held until then; writes from this end are accepted before it.
     */
    public void start(WebSocketConnection connection) {
        Objects.requireNonNull(connection, "connection");
        synchronized (lock) {
            if (this.connection != null) {
                throw new IllegalStateException("the " + name + " end is already started");
            }
            this.connection = connection;
        }
        scheduleDelivery();
    }

    // ---------------------------------------------------------------- Transport

    @Override
    public void write(ByteBuffer[] buffers, Callback callback) {
        boolean shut;
        synchronized (lock) {
            shut = outputShut;
        }
        if (shut) {
            callback.failed(new IOException("the " + name + " end of the memory link is closed"));
            return;
        }
        int total = 0;
        for (ByteBuffer buffer : buffers) {
            total += buffer.remaining();
        }
        ByteBuffer copy = ByteBuffer.allocate(total);
        for (ByteBuffer buffer : buffers) {
            copy.put(buffer.duplicate());
        }
        peer.accept(copy.flip(), callback);
    }

    @Override
    public void resumeReading() {
        scheduleDelivery();
    }

    @Override
    public void close() {
        List<Callback> dropped;
        synchronized (lock) {
            if (outputShut) {
                return;
            }
            outputShut = true;
            if (!ended && !endPending) {
                endPending = true;
            }
            dropped = discardInbound();
        }
        failAll(dropped, "the " + name + " end closed before reading these bytes");
        peer.acceptEnd();
        scheduleDelivery();
    }

    /** As {@link #close()}: bytes written are handed to the other end at once, so nothing waits here to be failed. */
    @Override
    public void abort() {
        close();
    }

    // ---------------------------------------------------------------- test controls

    /** Stops delivering the other end's bytes to this end, as a stalled network would. */
    public void suspendDelivery() {
        synchronized (lock) {
            suspended = true;
        }
    }

    /** Lets delivery go on after {@link #suspendDelivery()}. */
    public void resumeDelivery() {
        synchronized (lock) {
            suspended = false;
        }
        scheduleDelivery();
    }

    /**
     * A future completed once delivery is held up because this end's connection paused reading
     * with received bytes waiting: the moment backpressure reaches the transport. Completed at
     * once if delivery is held up so now.
     */
    public CompletableFuture<Void> whenReadingPaused() {
        synchronized (lock) {
            if (!delivering && connection != null && connection.isReadingPaused() && !inbound.isEmpty()
                    && inbound.peek().data() != null) {
                return CompletableFuture.completedFuture(null);
            }
            if (pausedWaiter == null) {
                pausedWaiter = new CompletableFuture<>();
            }
            return pausedWaiter;
        }
    }

    /** Bytes the other end wrote that this end has not received yet. */
    public long pendingBytes() {
        synchronized (lock) {
            return inboundBytes;
        }
    }

    // ---------------------------------------------------------------- from the other end

    private void accept(ByteBuffer data, Callback callback) {
        boolean closed;
        boolean early = false;
        synchronized (lock) {
            closed = ended || endPending;
            if (!closed) {
                inboundBytes += data.remaining();
                // Like a socket's send buffer: accepted in order, and only while it has room.
                early = inboundBytes <= writeBuffer && !hasUnacceptedWrites();
                inbound.add(new Chunk(data, data.remaining(), early ? null : callback));
            }
        }
        if (closed) {
            callback.failed(new IOException("the " + name + " end of the memory link is closed"));
            return;
        }
        if (early) {
            callback.succeeded();
        }
        scheduleDelivery();
    }

    /**
     * The other end closed: the writes it had not got accepted yet are lost and fail, as bytes
     * beyond a closed socket's send buffer would; the accepted ones are followed by the end of the stream.
     */
    private void acceptEnd() {
        List<Callback> lost = new ArrayList<>();
        synchronized (lock) {
            if (ended || endPending) {
                return;
            }
            while (!inbound.isEmpty() && inbound.peekLast().callback() != null) {
                Chunk chunk = inbound.pollLast();
                inboundBytes -= chunk.length();
                lost.add(chunk.callback());
            }
            inbound.add(new Chunk(null, 0, null));
        }
        failAll(lost, "the " + peer.name + " end closed before these bytes were sent");
        scheduleDelivery();
    }

    private boolean hasUnacceptedWrites() {
        Chunk last = inbound.peekLast();
        return last != null && last.callback() != null;
    }

    void fail(Throwable cause) {
        List<Callback> dropped;
        synchronized (lock) {
            outputShut = true;
            if (ended) {
                return;
            }
            endPending = true;
            endCause = cause;
            dropped = discardInbound();
        }
        failAll(dropped, "the memory link was dropped");
        scheduleDelivery();
    }

    // ---------------------------------------------------------------- delivery

    private void scheduleDelivery() {
        synchronized (lock) {
            if (delivering || connection == null) {
                return;
            }
            delivering = true;
        }
        try {
            executor.execute(this::deliver);
        } catch (RejectedExecutionException e) {
            // The executor is shutting down: nothing will be delivered any more.
            synchronized (lock) {
                delivering = false;
            }
        }
    }

    /** The serial delivery task: runs until there is nothing to deliver or delivery must wait. */
    private void deliver() {
        while (true) {
            Chunk chunk;
            Throwable endWith = null;
            boolean reportEnd = false;
            boolean stop = false;
            CompletableFuture<Void> paused = null;
            WebSocketConnection target;
            synchronized (lock) {
                target = connection;
                if (endPending) {
                    endPending = false;
                    ended = true;
                    outputShut = true;
                    reportEnd = true;
                    endWith = endCause;
                    chunk = null;
                } else if (ended || suspended) {
                    delivering = false;
                    return;
                } else {
                    chunk = inbound.peek();
                    if (chunk == null) {
                        delivering = false;
                        return;
                    }
                    if (chunk.data() != null && target.isReadingPaused()) {
                        // resumeReading() schedules delivery again; until then this end holds its bytes.
                        delivering = false;
                        paused = pausedWaiter;
                        pausedWaiter = null;
                        stop = true;
                    }
                }
            }
            if (stop) {
                if (paused != null) {
                    paused.complete(null);
                }
                return;
            }
            if (reportEnd) {
                target.onTransportClosed(endWith);
                continue;
            }
            if (chunk.data() == null) {
                synchronized (lock) {
                    inbound.poll();
                    if (!ended) {
                        endPending = true;
                    }
                }
                continue;
            }
            target.receive(chunk.data());
            if (!chunk.data().hasRemaining()) {
                Callback done = null;
                synchronized (lock) {
                    if (inbound.peek() == chunk) {
                        inbound.poll();
                        inboundBytes -= chunk.length();
                        done = chunk.callback();
                    }
                }
                if (done != null) {
                    done.succeeded();
                }
            }
        }
    }

    private List<Callback> discardInbound() {
        List<Callback> callbacks = new ArrayList<>();
        for (Chunk chunk : inbound) {
            if (chunk.callback() != null) {
                callbacks.add(chunk.callback());
            }
        }
        inbound.clear();
        inboundBytes = 0;
        return callbacks;
    }

    private static void failAll(List<Callback> callbacks, String message) {
        for (Callback callback : callbacks) {
            callback.failed(new IOException(message));
        }
    }

    @Override
    public String toString() {
        return "MemoryTransport[" + name + "]";
    }
}
