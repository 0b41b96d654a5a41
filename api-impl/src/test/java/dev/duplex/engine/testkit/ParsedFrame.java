package dev.duplex.engine.testkit;

import dev.duplex.engine.Frame;
import dev.duplex.engine.OpCode;

import java.util.Arrays;
import java.util.Objects;

/**
 * A frame with its payload copied out of the parser's buffer, so it can be kept and compared.
 * Equality covers fin, rsv, opcode and the payload bytes.
 */
public final class ParsedFrame {
    private final boolean fin;
    private final int rsv;
    private final int opcode;
    private final byte[] payload;

    public ParsedFrame(boolean fin, int rsv, int opcode, byte[] payload) {
        this.fin = fin;
        this.rsv = rsv;
        this.opcode = opcode;
        this.payload = payload.clone();
    }

    /** Copies a parsed frame; the frame's payload buffer is not moved. */
    public static ParsedFrame copyOf(Frame frame) {
        return new ParsedFrame(frame.fin(), frame.rsv(), frame.opcode(), Hex.toArray(frame.payload()));
    }

    public boolean fin() {
        return fin;
    }

    public int rsv() {
        return rsv;
    }

    public int opcode() {
        return opcode;
    }

    public byte[] payload() {
        return payload.clone();
    }

    public String payloadHex() {
        return Hex.of(payload);
    }

    /**
     * The frame as an unmasked frame with the minimal length encoding, in hex, with a space
     * between header and payload: {@code "8a05 48656c6c6f"}, or just {@code "8800"} when empty.
     * Lets tests compare what was sent without caring which masking key was used.
     */
    public String wireHex() {
        StringBuilder header = new StringBuilder();
        int first = (fin ? 0x80 : 0) | (rsv << 4) | opcode;
        header.append(Hex.of(new byte[] {(byte) first}));
        int length = payload.length;
        if (length <= 125) {
            header.append(Hex.of(new byte[] {(byte) length}));
        } else if (length <= 0xFFFF) {
            header.append(Hex.of(new byte[] {126, (byte) (length >>> 8), (byte) length}));
        } else {
            byte[] extended = new byte[9];
            extended[0] = 127;
            for (int i = 0; i < 8; i++) {
                extended[8 - i] = (byte) ((long) length >>> (8 * i));
            }
            header.append(Hex.of(extended));
        }
        return length == 0 ? header.toString() : header + " " + Hex.of(payload);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ParsedFrame that && fin == that.fin && rsv == that.rsv
                && opcode == that.opcode && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fin, rsv, opcode, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        String bytes = payload.length <= 32 ? Hex.of(payload)
                : Hex.of(Arrays.copyOf(payload, 16)) + "...(" + payload.length + " bytes)";
        return OpCode.name(opcode) + (fin ? " fin" : " more") + (rsv != 0 ? " rsv=" + rsv : "") + " [" + bytes + "]";
    }
}
