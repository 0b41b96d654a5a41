package dev.duplex.engine;

import java.nio.ByteBuffer;

/**
 * Receives what arrives on a {@link WebSocketConnection}, in order, one call at a time.
 *
 * <p>Payload buffers are only valid during the call: the bytes belong to the transport's read
 * buffer. A listener that needs them later copies them, or calls
 * {@link WebSocketConnection#pauseReading()} first and {@link WebSocketConnection#resumeReading()}
 * once it is done with them.
 *
 * <p>A listener that throws from a callback has a bug the peer cannot fix: the connection then fails with close code
 * 1011 (RFC 6455 section 7.4.1, an unexpected condition), logs the exception at {@code WARNING}, and reports it to
 * {@link #onFailure}. What {@code onFailure} and {@code onClosed} throw is only logged.
 */
public interface ConnectionListener {

    /** A fragment of a text message; its bytes are valid UTF-8 so far (RFC 6455 section 8.1). */
    void onText(ByteBuffer utf8, boolean last);

    /** A fragment of a binary message. */
    void onBinary(ByteBuffer data, boolean last);

    /** A ping; the connection has already queued the pong reply (RFC 6455 section 5.5.2). */
    default void onPing(ByteBuffer data) {
    }

    /** A pong, solicited or not (RFC 6455 section 5.5.3). */
    void onPong(ByteBuffer data);

    /**
     * The peer broke a protocol rule, or the transport failed. Called before {@link #onClosed},
     * which follows with the close code sent for it (or 1006).
     */
    default void onFailure(Throwable cause) {
    }

    /**
     * Called once, when the connection has ended: with the peer's close code and reason when its
     * close frame arrived ({@link CloseStatus#NO_STATUS_RECEIVED} if it had none), the code this
     * end failed the connection with, or {@link CloseStatus#ABNORMAL_CLOSURE} when the transport
     * ended without a close frame (RFC 6455 section 7.1.5).
     */
    void onClosed(ClosePayload close);
}
