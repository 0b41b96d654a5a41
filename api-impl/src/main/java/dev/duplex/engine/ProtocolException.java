package dev.duplex.engine;

/**
 * Received data broke a rule of RFC 6455; the connection must be failed with
 * {@link #closeCode()} (section 7.1.7). Thrown by the parser and the incoming checks.
 */
public final class ProtocolException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Violation violation;

    public ProtocolException(Violation violation, String detail) {
        super(detail == null ? violation.description() : violation.description() + ": " + detail, null, false, false);
        this.violation = violation;
    }

    public ProtocolException(Violation violation) {
        this(violation, null);
    }

    public Violation violation() {
        return violation;
    }

    public int closeCode() {
        return violation.closeCode();
    }

    /**
     * A close reason for the wire: the message cut to fit the 123 bytes a close frame
     * leaves for it (RFC 6455 section 5.5); the description is ASCII, so one char is one byte.
     */
    public String closeReason() {
        String message = getMessage();
        return message.length() <= CloseStatus.MAX_REASON_BYTES ? message : message.substring(0, CloseStatus.MAX_REASON_BYTES);
    }
}
