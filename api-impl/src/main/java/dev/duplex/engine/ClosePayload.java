package dev.duplex.engine;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The body of a close frame: an optional 2-byte status code followed by an optional UTF-8
 * reason (RFC 6455 section 5.5.1).
 *
 * @param code   the status code, or {@link CloseStatus#NO_STATUS_RECEIVED} when the frame had none
 * @param reason the reason, empty when none was given
 */
public record ClosePayload(int code, String reason) {

    public static final ClosePayload EMPTY = new ClosePayload(CloseStatus.NO_STATUS_RECEIVED, "");

    public ClosePayload {
        reason = reason == null ? "" : reason;
    }

    /**
     * Reads a received close payload.
     *
     * @throws ProtocolException for a 1-byte payload, a code not valid on the wire, or a reason that is not UTF-8
     */
    public static ClosePayload parse(ByteBuffer payload) throws ProtocolException {
        int length = payload.remaining();
        if (length == 0) {
            return EMPTY;
        }
        if (length == 1) {
            throw new ProtocolException(Violation.CLOSE_PAYLOAD_ONE_BYTE);
        }
        int position = payload.position();
        // Network byte order (section 5.5.1), whatever order the caller set on the buffer.
        int code = ((payload.get(position) & 0xFF) << 8) | (payload.get(position + 1) & 0xFF);
        if (!CloseStatus.isValidOnWire(code)) {
            throw new ProtocolException(Violation.CLOSE_CODE_INVALID, Integer.toString(code));
        }
        if (length == 2) {
            return new ClosePayload(code, "");
        }
        ByteBuffer reasonBytes = payload.duplicate().position(position + 2);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer reason = decoder.decode(reasonBytes);
            return new ClosePayload(code, reason.toString());
        } catch (CharacterCodingException e) {
            throw new ProtocolException(Violation.CLOSE_REASON_INVALID_UTF8);
        }
    }

    /**
     * Encodes a close payload to send. {@link CloseStatus#NO_STATUS_RECEIVED} encodes as an empty payload.
     *
     * @throws IllegalArgumentException when the code may not be sent, or the reason is longer than 123 UTF-8 bytes
     *                                  or is given without a code
     */
    public ByteBuffer encode() {
        byte[] reasonBytes = reason.getBytes(StandardCharsets.UTF_8);
        if (code == CloseStatus.NO_STATUS_RECEIVED) {
            if (reasonBytes.length != 0) {
                throw new IllegalArgumentException("a close reason needs a status code (RFC 6455 section 5.5.1)");
            }
            return ByteBuffer.allocate(0);
        }
        if (!CloseStatus.maySend(code)) {
            throw new IllegalArgumentException("close code " + code + " may not be sent (RFC 6455 section 7.4)");
        }
        if (reasonBytes.length > CloseStatus.MAX_REASON_BYTES) {
            throw new IllegalArgumentException("close reason is " + reasonBytes.length
                    + " UTF-8 bytes; at most " + CloseStatus.MAX_REASON_BYTES + " fit in a close frame (RFC 6455 section 5.5)");
        }
        ByteBuffer buffer = ByteBuffer.allocate(2 + reasonBytes.length);
        buffer.putShort((short) code).put(reasonBytes).flip();
        return buffer;
    }
}
