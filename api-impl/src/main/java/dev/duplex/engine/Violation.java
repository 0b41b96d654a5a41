package dev.duplex.engine;

/**
 * Every rule of RFC 6455 the engine enforces on received data, each mapped to the one
 * close code the RFC names for breaking it (section 7.4.1). This enum is the single place
 * where a violation becomes a close code.
 */
public enum Violation {
    /** Section 5.2: RSV1-3 MUST be 0 unless an extension defining them was negotiated. */
    RESERVED_BITS_SET(CloseStatus.PROTOCOL_ERROR, "reserved bits set without a negotiated extension"),
    /** Section 5.2: an endpoint receiving a reserved opcode MUST fail the connection. */
    RESERVED_OPCODE(CloseStatus.PROTOCOL_ERROR, "reserved opcode"),
    /** Section 5.5: control frames MUST have a payload of 125 bytes or less. */
    CONTROL_FRAME_TOO_LONG(CloseStatus.PROTOCOL_ERROR, "control frame payload longer than 125 bytes"),
    /** Section 5.5: control frames MUST NOT be fragmented. */
    CONTROL_FRAME_FRAGMENTED(CloseStatus.PROTOCOL_ERROR, "fragmented control frame"),
    /** Section 5.1: a server MUST close the connection on an unmasked client frame. */
    CLIENT_FRAME_NOT_MASKED(CloseStatus.PROTOCOL_ERROR, "client frame not masked"),
    /** Section 5.1: a client MUST close the connection on a masked server frame. */
    SERVER_FRAME_MASKED(CloseStatus.PROTOCOL_ERROR, "server frame masked"),
    /** Section 5.2: the most significant bit of a 64-bit payload length MUST be 0. */
    LENGTH_TOP_BIT_SET(CloseStatus.PROTOCOL_ERROR, "64-bit payload length with the most significant bit set"),
    /** Section 5.4: a continuation frame is only valid inside a fragmented message. */
    CONTINUATION_WITHOUT_MESSAGE(CloseStatus.PROTOCOL_ERROR, "continuation frame outside a fragmented message"),
    /** Section 5.4: fragments of one message MUST NOT be interleaved with another data message. */
    DATA_FRAME_INSIDE_FRAGMENTED_MESSAGE(CloseStatus.PROTOCOL_ERROR,
            "new data message started before the fragmented message was finished"),
    /** Section 5.5.1: a close payload, if present, starts with a 2-byte status code. */
    CLOSE_PAYLOAD_ONE_BYTE(CloseStatus.PROTOCOL_ERROR, "close frame with a 1-byte payload"),
    /** Section 7.4: status codes outside the defined and registered ranges. */
    CLOSE_CODE_INVALID(CloseStatus.PROTOCOL_ERROR, "invalid close status code"),
    /** Section 5.5.1: the close reason is UTF-8 encoded. */
    CLOSE_REASON_INVALID_UTF8(CloseStatus.INVALID_PAYLOAD, "close reason is not valid UTF-8"),
    /** Section 8.1: text messages MUST contain valid UTF-8. */
    TEXT_INVALID_UTF8(CloseStatus.INVALID_PAYLOAD, "text message is not valid UTF-8"),
    /** RFC 7692 section 6.1: RSV1 marks a compressed message on its first frame only, never on a continuation. */
    COMPRESSED_BIT_ON_CONTINUATION(CloseStatus.PROTOCOL_ERROR, "RSV1 set on a continuation frame"),
    /** RFC 7692 section 6.1: control frames are never compressed, so RSV1 is never set on one. */
    COMPRESSED_BIT_ON_CONTROL_FRAME(CloseStatus.PROTOCOL_ERROR, "RSV1 set on a control frame"),
    /** RFC 7692 section 6.2: a compressed message's payload that does not inflate fails the connection. */
    COMPRESSED_DATA_INVALID(CloseStatus.INVALID_PAYLOAD, "compressed message is not valid DEFLATE data"),
    /** Section 7.4.1, code 1009: the frame is larger than this endpoint accepts. */
    FRAME_TOO_LARGE(CloseStatus.MESSAGE_TOO_BIG, "frame larger than the maximum frame size"),
    /** Section 7.4.1, code 1009: the text message is larger than this endpoint accepts. */
    TEXT_MESSAGE_TOO_LARGE(CloseStatus.MESSAGE_TOO_BIG, "text message larger than the maximum text message size"),
    /** Section 7.4.1, code 1009: the binary message is larger than this endpoint accepts. */
    BINARY_MESSAGE_TOO_LARGE(CloseStatus.MESSAGE_TOO_BIG,
            "binary message larger than the maximum binary message size");

    private final int closeCode;
    private final String description;

    Violation(int closeCode, String description) {
        this.closeCode = closeCode;
        this.description = description;
    }

    /** The close code to fail the connection with (RFC 6455 section 7.4.1). */
    public int closeCode() {
        return closeCode;
    }

    public String description() {
        return description;
    }
}
