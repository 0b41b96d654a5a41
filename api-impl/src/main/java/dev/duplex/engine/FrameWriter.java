package dev.duplex.engine;

import java.nio.ByteBuffer;

/**
 * Encodes frames for the wire (RFC 6455 section 5.2): a header buffer plus the payload, for a
 * gathering write. Uses the minimal length encoding. As a client it masks every frame with a
 * fresh key (section 5.3) into a new buffer, leaving the caller's payload untouched; as a
 * server it sends the caller's payload buffer itself.
 *
 * <p>Thread-safe as long as the key source is.
 */
public final class FrameWriter {
    /** Largest header: 2 bytes, an 8-byte extended length and a 4-byte masking key. */
    public static final int MAX_HEADER_LENGTH = 14;

    private final Role role;
    private final MaskKeySource keys;

    public FrameWriter(Role role, MaskKeySource keys) {
        this.role = role;
        this.keys = keys;
    }

    /** A writer for servers, which never mask. */
    public static FrameWriter server() {
        return new FrameWriter(Role.SERVER, () -> 0);
    }

    /** A writer for clients, masking with keys from a {@link java.security.SecureRandom}. */
    public static FrameWriter client() {
        return new FrameWriter(Role.CLIENT, MaskKeySource.secure());
    }

    /** Payloads up to this many bytes are copied behind their header into one buffer (at most a 4-byte length). */
    static final int SMALL_FRAME_BYTES = 1024;

    public Role role() {
        return role;
    }

    /**
     * The buffers that carry one frame, for a transport to write in order: for a payload of up to
     * {@value #SMALL_FRAME_BYTES} bytes one buffer with header and payload copied together (copying that
     * much costs less than a second buffer, and the transport writes it in one piece), otherwise as
     * {@link #encode}. The payload's position is not moved.
     *
     * @throws IllegalArgumentException for a control frame that breaks section 5.5 (fragmented or over 125 bytes)
     */
    public ByteBuffer[] frameBuffers(boolean fin, int rsv, int opcode, ByteBuffer payload) {
        int length = payload.remaining();
        if (length > SMALL_FRAME_BYTES || OpCode.isControl(opcode) && (!fin || length > 125)) {
            return encode(fin, rsv, opcode, payload); // encode enforces the control frame rules
        }
        return new ByteBuffer[] {encodeWhole(fin, rsv, opcode, payload, length, role == Role.CLIENT)};
    }

    /**
     * Encodes one frame. The payload's position is not moved.
     *
     * @return the header and the payload to write in that order
     * @throws IllegalArgumentException for a control frame that breaks section 5.5 (fragmented or over 125 bytes)
     */
    public ByteBuffer[] encode(boolean fin, int rsv, int opcode, ByteBuffer payload) {
        int length = payload.remaining();
        if (OpCode.isControl(opcode)) {
            if (!fin) {
                throw new IllegalArgumentException("control frames are never fragmented (RFC 6455 section 5.5)");
            }
            if (length > 125) {
                throw new IllegalArgumentException("control frame payload is " + length
                        + " bytes; at most 125 are allowed (RFC 6455 section 5.5)");
            }
        }
        boolean masked = role == Role.CLIENT;
        ByteBuffer header = ByteBuffer.allocate(headerLength(length, masked));
        header.put((byte) ((fin ? 0x80 : 0) | (rsv << 4) | opcode));
        int maskBit = masked ? 0x80 : 0;
        if (length <= 125) {
            header.put((byte) (maskBit | length));
        } else if (length <= 0xFFFF) {
            header.put((byte) (maskBit | 126)).putShort((short) length);
        } else {
            header.put((byte) (maskBit | 127)).putLong(length);
        }
        if (!masked) {
            return new ByteBuffer[] {header.flip(), payload.slice()};
        }
        int key = keys.nextKey();
        header.putInt(key).flip();
        ByteBuffer maskedPayload = ByteBuffer.allocate(length);
        maskedPayload.put(0, payload, payload.position(), length);
        Masking.mask(maskedPayload.array(), 0, length, key);
        return new ByteBuffer[] {header, maskedPayload};
    }

    /** A frame with a payload of at most {@value #SMALL_FRAME_BYTES} bytes as one buffer. */
    private ByteBuffer encodeWhole(boolean fin, int rsv, int opcode, ByteBuffer payload, int length, boolean masked) {
        int headerLength = headerLength(length, masked);
        byte[] frame = new byte[headerLength + length];
        frame[0] = (byte) ((fin ? 0x80 : 0) | (rsv << 4) | opcode);
        int at = 2;
        if (length <= 125) {
            frame[1] = (byte) ((masked ? 0x80 : 0) | length);
        } else {
            frame[1] = (byte) ((masked ? 0x80 : 0) | 126);
            frame[2] = (byte) (length >>> 8);
            frame[3] = (byte) length;
            at = 4;
        }
        payload.get(payload.position(), frame, headerLength, length);
        if (masked) {
            int key = keys.nextKey();
            frame[at] = (byte) (key >>> 24);
            frame[at + 1] = (byte) (key >>> 16);
            frame[at + 2] = (byte) (key >>> 8);
            frame[at + 3] = (byte) key;
            Masking.mask(frame, headerLength, length, key);
        }
        return ByteBuffer.wrap(frame);
    }

    /** Encodes one frame into a single buffer, for small frames and tests. */
    public ByteBuffer encodeToBuffer(boolean fin, int rsv, int opcode, ByteBuffer payload) {
        ByteBuffer[] parts = encode(fin, rsv, opcode, payload);
        ByteBuffer out = ByteBuffer.allocate(parts[0].remaining() + parts[1].remaining());
        out.put(parts[0]).put(parts[1]).flip();
        return out;
    }

    static int headerLength(int payloadLength, boolean masked) {
        int extended = payloadLength <= 125 ? 0 : payloadLength <= 0xFFFF ? 2 : 8;
        return 2 + extended + (masked ? 4 : 0);
    }
}
