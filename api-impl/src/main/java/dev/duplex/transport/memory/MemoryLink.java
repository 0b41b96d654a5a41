package dev.duplex.transport.memory;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * A byte stream between two {@link MemoryTransport} ends in one JVM, standing in for a TCP
 * connection: what one end writes reaches the other end's
 * {@link dev.duplex.engine.WebSocketConnection#receive(java.nio.ByteBuffer)} in order,
 * asynchronously, on a shared {@link Executor} (one serial queue per direction, never a thread
 * per connection).
 *
 * <p>Each direction has a write buffer, like a socket's send buffer: a write completes at once
 * while the bytes written but not yet received by the other end fit in it; beyond that, its
 * callback waits until the other end has received the bytes. A buffer of zero makes every write
 * wait for delivery, which lets tests stall a sender.
 *
 * <p>Thread-safe.
 */
public final class MemoryLink {
    /** Write buffer of each direction unless chosen: 256 KiB. */
    public static final long DEFAULT_WRITE_BUFFER = 256 * 1024;

    private final MemoryTransport client;
    private final MemoryTransport server;

    private MemoryLink(Executor executor, long writeBuffer) {
        this.client = new MemoryTransport("client", executor, writeBuffer);
        this.server = new MemoryTransport("server", executor, writeBuffer);
        client.joinTo(server);
        server.joinTo(client);
    }

    /** A link whose deliveries run on {@code executor}, with the default write buffer. */
    public static MemoryLink open(Executor executor) {
        return open(executor, DEFAULT_WRITE_BUFFER);
    }

    /**
     * A link whose deliveries run on {@code executor}.
     *
     * @param writeBuffer bytes a direction may hold undelivered before write callbacks wait for delivery; 0 or more
     */
    public static MemoryLink open(Executor executor, long writeBuffer) {
        Objects.requireNonNull(executor, "executor");
        if (writeBuffer < 0) {
            throw new IllegalArgumentException("writeBuffer must be 0 or more: " + writeBuffer);
        }
        return new MemoryLink(executor, writeBuffer);
    }

    /** The end that plays the client. */
    public MemoryTransport client() {
        return client;
    }

    /** The end that plays the server. */
    public MemoryTransport server() {
        return server;
    }

    /**
     * Breaks the link, as a network failure would: bytes in flight are lost, pending writes
     * fail, and both ends report {@code onTransportClosed(cause)}.
     */
    public void drop(IOException cause) {
        Objects.requireNonNull(cause, "cause");
        client.fail(cause);
        server.fail(cause);
    }
}
