package dev.duplex.engine.handshake;

/**
 * A handshake header value does not follow its grammar (RFC 7230 §3.2.6 / §7, RFC 6455 §4 and §9.1). The message names
 * the header (where known), the offending part and, for positional errors, its index in the value; any control
 * characters of the value are escaped so that the message is safe to log.
 *
 * <p>Thread-safety: immutable once thrown, like any exception.
 */
public final class HandshakeFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message that describes the malformed part. */
    public HandshakeFormatException(String message) {
        super(message);
    }
}
