package dev.duplex.engine;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One WebSocket frame with its payload already unmasked (RFC 6455 section 5.2).
 *
 * <p>The payload buffer may be a view into the buffer that was handed to the parser,
 * so it is only valid until that buffer is reused; a consumer that keeps it longer copies it.
 *
 * @param fin     the FIN bit: this is the final fragment of a message
 * @param rsv     the three RSV bits as a value 0-7 (RSV1 = 4, RSV2 = 2, RSV3 = 1)
 * @param opcode  one of the {@link OpCode} constants
 * @param payload the application data, position to limit
 * @param asciiPrefix how many bytes from the payload's position are known to be ASCII (below {@code 0x80}): the
 *                    parser notices them while it unmasks a text payload, so that UTF-8 validation (RFC 6455
 *                    section 8.1) need not read them again. 0 when nothing is known; {@link #payloadLength()} when
 *                    the whole payload is ASCII. It describes the bytes as parsed, not after a consumer changes them.
 */
public record Frame(boolean fin, int rsv, int opcode, ByteBuffer payload, int asciiPrefix) {

    public static final int RSV1 = 0b100;
    public static final int RSV2 = 0b010;
    public static final int RSV3 = 0b001;

    public Frame {
        Objects.requireNonNull(payload, "payload");
        if ((rsv & ~0b111) != 0) {
            throw new IllegalArgumentException("rsv must be 0-7: " + rsv);
        }
        if ((opcode & ~0xF) != 0) {
            throw new IllegalArgumentException("opcode must be 0-15: " + opcode);
        }
        if (asciiPrefix < 0 || asciiPrefix > payload.remaining()) {
            throw new IllegalArgumentException("asciiPrefix must be 0-" + payload.remaining() + ": " + asciiPrefix);
        }
    }

    /** A frame about whose payload nothing is known ({@code asciiPrefix} 0). */
    public Frame(boolean fin, int rsv, int opcode, ByteBuffer payload) {
        this(fin, rsv, opcode, payload, 0);
    }

    public boolean isControl() {
        return OpCode.isControl(opcode);
    }

    public int payloadLength() {
        return payload.remaining();
    }

    @Override
    public String toString() {
        return "Frame[" + OpCode.name(opcode) + (fin ? ",fin" : "") + (rsv != 0 ? ",rsv=" + rsv : "")
                + ",len=" + payload.remaining() + "]";
    }
}
