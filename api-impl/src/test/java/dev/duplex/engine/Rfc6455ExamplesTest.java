package dev.duplex.engine;

import dev.duplex.engine.testkit.Hex;
import dev.duplex.engine.testkit.ParsedFrame;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;

import static dev.duplex.engine.testkit.ParserCheck.parsesEveryWay;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The examples of RFC 6455 section 5.7 as test vectors, both ways: the parser (of the role that
 * receives them) reads them, and the writer (of the role that sends them) produces exactly these
 * bytes; the masked ones with a key source that returns the RFC's key, 0x37fa213d.
 */
class Rfc6455ExamplesTest {
    private static final int RFC_KEY = 0x37fa213d;
    private static final String HELLO = "48656c6c6f";

    private static final FrameWriter SERVER = FrameWriter.server();
    private static final FrameWriter CLIENT_WITH_RFC_KEY = new FrameWriter(Role.CLIENT, () -> RFC_KEY);

    private static ParsedFrame frame(boolean fin, int opcode, String payloadHex) {
        return new ParsedFrame(fin, 0, opcode, Hex.bytes(payloadHex));
    }

    private static String write(FrameWriter writer, boolean fin, int opcode, String payloadHex) {
        return Hex.of(writer.encodeToBuffer(fin, 0, opcode, Hex.buffer(payloadHex)));
    }

    /** The 256- and 65536-byte payloads: the RFC leaves their content open, so a counting pattern. */
    private static String counting(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 7 + 3);
        }
        return Hex.of(bytes);
    }

    @Test
    void singleFrameUnmaskedText() {
        String wire = "81 05 48 65 6c 6c 6f";
        assertEquals(List.of(frame(true, OpCode.TEXT, HELLO)), parsesEveryWay(Role.CLIENT, Limits.DEFAULT,
                Hex.buffer(wire)));
        assertEquals(Hex.of(Hex.bytes(wire)), write(SERVER, true, OpCode.TEXT, HELLO));
    }

    @Test
    void singleFrameMaskedText() {
        String wire = "81 85 37 fa 21 3d 7f 9f 4d 51 58";
        assertEquals(List.of(frame(true, OpCode.TEXT, HELLO)), parsesEveryWay(Role.SERVER, Limits.DEFAULT,
                Hex.buffer(wire)));
        assertEquals(Hex.of(Hex.bytes(wire)), write(CLIENT_WITH_RFC_KEY, true, OpCode.TEXT, HELLO));
    }

    @Test
    void fragmentedUnmaskedText() {
        String first = "01 03 48 65 6c";
        String second = "80 02 6c 6f";
        assertEquals(List.of(frame(false, OpCode.TEXT, "48656c"), frame(true, OpCode.CONTINUATION, "6c6f")),
                parsesEveryWay(Role.CLIENT, Limits.DEFAULT, Hex.buffer(first + second)));
        assertEquals(Hex.of(Hex.bytes(first)), write(SERVER, false, OpCode.TEXT, "48656c"));
        assertEquals(Hex.of(Hex.bytes(second)), write(SERVER, true, OpCode.CONTINUATION, "6c6f"));
    }

    @Test
    void unmaskedPing() {
        String wire = "89 05 48 65 6c 6c 6f";
        assertEquals(List.of(frame(true, OpCode.PING, HELLO)), parsesEveryWay(Role.CLIENT, Limits.DEFAULT,
                Hex.buffer(wire)));
        assertEquals(Hex.of(Hex.bytes(wire)), write(SERVER, true, OpCode.PING, HELLO));
    }

    @Test
    void maskedPong() {
        String wire = "8a 85 37 fa 21 3d 7f 9f 4d 51 58";
        assertEquals(List.of(frame(true, OpCode.PONG, HELLO)), parsesEveryWay(Role.SERVER, Limits.DEFAULT,
                Hex.buffer(wire)));
        assertEquals(Hex.of(Hex.bytes(wire)), write(CLIENT_WITH_RFC_KEY, true, OpCode.PONG, HELLO));
    }

    @Test
    void binary256BytesInASingleUnmaskedFrame() {
        String payload = counting(256);
        String wire = "82 7e 0100" + payload;
        assertEquals(List.of(frame(true, OpCode.BINARY, payload)), parsesEveryWay(Role.CLIENT, Limits.DEFAULT,
                Hex.buffer(wire)));
        assertEquals(Hex.of(Hex.bytes(wire)), write(SERVER, true, OpCode.BINARY, payload));
    }

    @Test
    void binary64KiBInASingleUnmaskedFrame() {
        String payload = counting(65536);
        String wire = "82 7f 0000000000010000" + payload;
        // 64 KiB is also exactly the default binary message limit: it must pass.
        assertEquals(List.of(frame(true, OpCode.BINARY, payload)), parsesEveryWay(Role.CLIENT, Limits.DEFAULT,
                Hex.buffer(wire)));
        assertEquals(Hex.of(Hex.bytes(wire)), write(SERVER, true, OpCode.BINARY, payload));
    }

    @Test
    void writerReturnsHeaderAndPayloadSeparatelyForAGatheringWrite() {
        ByteBuffer[] parts = CLIENT_WITH_RFC_KEY.encode(true, 0, OpCode.TEXT, Hex.buffer(HELLO));
        assertEquals(2, parts.length);
        assertEquals("818537fa213d", Hex.of(parts[0]));
        assertEquals("7f9f4d5158", Hex.of(parts[1]));
    }
}
