package dev.duplex.client.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLSession;

/**
 * The byte stream of one connection as the layers above see it: plaintext in, plaintext out,
 * over a non-blocking socket, with or without TLS in between.
 *
 * <p>Thread-safety: reading ({@link #plaintext}, {@link #fill}) on one thread at a time, the
 * selector's, or a delivery executor's consuming {@link #plaintext} while the selector does not
 * read (the hand-offs between them order the accesses); writing ({@link #write}, {@link #flush}, {@link #shutdownOutput}) from any thread,
 * one at a time (the write queue's single flusher), concurrently with reading.
 */
interface Wire {

    /** Received plaintext not yet consumed, in read mode; consumers advance its position. */
    ByteBuffer plaintext();

    /**
     * Adds to {@link #plaintext()} what can be received now without blocking.
     *
     * @return the number of plaintext bytes added (0 when nothing can be had now), or -1 at the
     *         end of the stream, once everything before the end was handed out
     */
    int fill() throws IOException;

    /**
     * Writes the buffers as far as the socket takes them now, advancing their positions; the
     * {@link dev.duplex.transport.WriteQueue.Sink} contract.
     *
     * @return true when every byte, including any encrypted output held back, reached the socket
     */
    boolean write(ByteBuffer[] buffers) throws IOException;

    /** Writes output held back by an earlier call; true when none is left. */
    default boolean flush() throws IOException {
        return true;
    }

    /** Whether output is held back, waiting for the socket. */
    default boolean hasPendingOutput() {
        return false;
    }

    /** Whether a write stopped because TLS waits for the peer's handshake data rather than for the socket. */
    default boolean writeBlockedOnHandshake() {
        return false;
    }

    /** Ends this side's output cleanly, as far as possible without blocking: the TLS close_notify. */
    default void shutdownOutput() {
    }

    /** The TLS session, or null without TLS. */
    default SSLSession sslSession() {
        return null;
    }
}
