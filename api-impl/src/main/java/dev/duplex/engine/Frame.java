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
 */
public record Frame(boolean fin, int rsv, int opcode, ByteBuffer payload) {

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
