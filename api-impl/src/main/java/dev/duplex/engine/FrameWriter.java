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

    public Role role() {
        return role;
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
