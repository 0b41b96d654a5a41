package dev.duplex.engine;

import java.nio.ByteBuffer;

/**
 * What the engine needs from a byte stream: ordered writes, reading that can be paused, and
 * closing. Implemented by the servlet upgrade, the NIO client and the in-memory test transport.
 *
 * <p>The transport delivers received bytes by calling {@link WebSocketConnection#receive(ByteBuffer)},
 * and reports the end of the stream with {@link WebSocketConnection#onTransportClosed(Throwable)}.
 */
public interface Transport {

    /**
     * Writes the buffers, in order, after everything written before. Never blocks: a transport
     * that cannot write now queues the bytes. The callback hears of success once the bytes are
     * handed to the network, or of the failure.
     */
    void write(ByteBuffer[] buffers, Callback callback);

    /**
     * Called when {@link WebSocketConnection#receive(ByteBuffer)} returned with bytes left over
     * because the application paused reading, and the application now wants more: the transport
     * calls {@code receive} again, with the left-over bytes first, from a thread of its own.
     *
     * <p>It may be called from any thread, and may come while {@code receive} is still running:
     * an application thread draining a streamed message can resume before the transport's thread
     * has returned from the call that paused. The transport then goes on delivering when that call
     * returns (checking {@link WebSocketConnection#isReadingPaused()} again), never runs
     * {@code receive} on two threads at once, and treats a repeated call as one.
     */
    void resumeReading();

    /** Closes the connection once queued writes are done; then reports {@link WebSocketConnection#onTransportClosed}. */
    void close();

    /**
     * Ends the connection now, without waiting for queued writes: they fail, nothing more is sent, and the transport
     * reports {@link WebSocketConnection#onTransportClosed}. For a peer that stopped reading, whose queue would never
     * drain for {@link #close()} (a close handshake that timed out, an application that stopped).
     */
    void abort();

    /**
     * How many bytes this transport has accepted for writing and not yet handed to the network, for monitoring;
     * read from any thread. By default 0, for a transport that queues nothing of its own.
     */
    default long queuedBytes() {
        return 0;
    }

    /**
     * Like {@link #close()}, called instead of it when the close handshake is complete: both close frames are
     * exchanged. RFC 6455 section 7.1.1 wants the server to close the TCP connection first, so that the server, not
     * the client, holds the TIME_WAIT state; a client transport may therefore wait a bounded time for the server to
     * end the stream before closing it itself. By default the same as {@link #close()}.
     */
    default void closeAfterHandshake() {
        close();
    }
}
