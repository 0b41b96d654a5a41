package dev.duplex.engine;

/**
 * Close status codes and the rules on which of them may appear on the wire
 * (RFC 6455 sections 7.4.1 and 7.4.2, and the IANA "WebSocket Close Code Number Registry").
 */
public final class CloseStatus {
    public static final int NORMAL_CLOSURE = 1000;
    public static final int GOING_AWAY = 1001;
    public static final int PROTOCOL_ERROR = 1002;
    public static final int UNSUPPORTED_DATA = 1003;
    /** Reserved: a close frame without a status code. Never sent (section 7.4.1). */
    public static final int NO_STATUS_RECEIVED = 1005;
    /** Reserved: the connection closed without a close frame. Never sent (section 7.4.1). */
    public static final int ABNORMAL_CLOSURE = 1006;
    public static final int INVALID_PAYLOAD = 1007;
    public static final int POLICY_VIOLATION = 1008;
    public static final int MESSAGE_TOO_BIG = 1009;
    public static final int MANDATORY_EXTENSION = 1010;
    public static final int INTERNAL_ERROR = 1011;
    public static final int SERVICE_RESTART = 1012;
    public static final int TRY_AGAIN_LATER = 1013;
    public static final int BAD_GATEWAY = 1014;
    /** Reserved: the TLS handshake failed. Never sent (section 7.4.1). */
    public static final int TLS_HANDSHAKE_FAILED = 1015;

    /** A close payload is at most 125 bytes, two of them the status code (section 5.5). */
    public static final int MAX_REASON_BYTES = 123;

    private CloseStatus() {
    }

    /**
     * Whether a code may appear in a close frame: 1000-1003 and 1007-1014 (defined by the RFC or
     * registered with IANA), and 3000-4999 (libraries, frameworks, applications). Every other
     * code, including the reserved 1004-1006 and 1015, is a protocol error when received.
     */
    public static boolean isValidOnWire(int code) {
        return (code >= 1000 && code <= 1003)
                || (code >= 1007 && code <= 1014)
                || (code >= 3000 && code <= 4999);
    }

    /**
     * Whether this endpoint may send the code: the same set as {@link #isValidOnWire(int)};
     * in particular 1005, 1006 and 1015 are for reporting only and are never sent.
     */
    public static boolean maySend(int code) {
        return isValidOnWire(code);
    }
}
