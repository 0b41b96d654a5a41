package dev.duplex.transport;

import java.nio.ByteBuffer;

/**
 * Read buffers shared by the connections of a transport: a connection takes one when bytes arrive and
 * gives it back once the engine has consumed them, so an idle connection holds none. (The engine keeps
 * the bytes of a frame that spans reads itself, so a buffer is empty again after every read unless the
 * application paused reading.) Up to {@code maxPooled} returned buffers are kept for reuse; beyond
 * that they are left to the garbage collector, and an empty pool allocates.
 *
 * <p>Thread-safe. Heap buffers: what the engine's masking and UTF-8 paths are fastest on.
 */
public final class ReadBuffers {
    /** 16 KiB: holds a typical TCP read whole; the default of {@link #shared()}. */
    public static final int DEFAULT_BUFFER_SIZE = 16 * 1024;
    private static final int DEFAULT_MAX_POOLED = 256;
    private static final ReadBuffers SHARED = new ReadBuffers(DEFAULT_BUFFER_SIZE, DEFAULT_MAX_POOLED);

    private final int bufferSize;
    private final ByteBuffer[] pooled;
    private int count;

    /**
     * @param bufferSize bytes in each buffer, positive
     * @param maxPooled  how many returned buffers to keep, zero or more
     */
    public ReadBuffers(int bufferSize, int maxPooled) {
        if (bufferSize <= 0 || maxPooled < 0) {
            throw new IllegalArgumentException("bufferSize " + bufferSize + ", maxPooled " + maxPooled);
        }
        this.bufferSize = bufferSize;
        this.pooled = new ByteBuffer[maxPooled];
    }

    /** The process-wide pool of {@value #DEFAULT_BUFFER_SIZE}-byte buffers, up to 256 of them (4 MiB) kept. */
    public static ReadBuffers shared() {
        return SHARED;
    }

    public int bufferSize() {
        return bufferSize;
    }

    /** A buffer with nothing to read: position and limit 0, ready to be compacted into. */
    public ByteBuffer take() {
        ByteBuffer buffer = null;
        synchronized (pooled) {
            if (count > 0) {
                buffer = pooled[--count];
                pooled[count] = null;
            }
        }
        return buffer != null ? buffer : ByteBuffer.allocate(bufferSize).flip();
    }

    /** Gives back a buffer from {@link #take()}, which the caller no longer touches; its content is dropped. */
    public void give(ByteBuffer buffer) {
        if (buffer.capacity() != bufferSize || buffer.isReadOnly() || buffer.isDirect()) {
            throw new IllegalArgumentException("not a buffer of this pool: " + buffer);
        }
        buffer.clear().flip();
        synchronized (pooled) {
            if (count < pooled.length) {
                pooled[count++] = buffer;
            }
        }
    }

    /** How many buffers wait for reuse now. */
    public int pooledCount() {
        synchronized (pooled) {
            return count;
        }
    }
}
