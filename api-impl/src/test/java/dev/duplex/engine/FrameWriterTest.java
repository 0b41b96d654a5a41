package dev.duplex.engine;

import dev.duplex.engine.testkit.Feeder;
import dev.duplex.engine.testkit.Hex;
import dev.duplex.engine.testkit.ParsedFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FrameWriterTest {

    @ParameterizedTest(name = "length {0}")
    @CsvSource({
            "0, 8200",
            "1, 8201",
            "125, 827d",
            "126, 827e007e",
            "127, 827e007f",
            "65535, 827effff",
            "65536, 827f0000000000010000",
            "70000, 827f0000000000011170",
    })
    void serverUsesTheMinimalLengthEncoding(int length, String header) {
        ByteBuffer[] parts = FrameWriter.server().encode(true, 0, OpCode.BINARY, ByteBuffer.allocate(length));
        assertEquals(header, Hex.of(parts[0]));
        assertEquals(length, parts[1].remaining());
    }

    /** Small frames go out as one buffer holding what encode gives in two; larger ones as encode gives them. */
    @ParameterizedTest(name = "length {0}")
    @ValueSource(ints = {0, 1, 125, 126, 1024, 1025, 70000})
    void frameBuffersJoinHeaderAndPayloadOfSmallFramesOnly(int length) {
        byte[] payload = new byte[length];
        for (int i = 0; i < length; i++) {
            payload[i] = (byte) (i * 31);
        }
        for (Role role : Role.values()) {
            ByteBuffer source = ByteBuffer.wrap(payload);
            ByteBuffer[] joined = new FrameWriter(role, () -> 0x0a0b0c0d).frameBuffers(false, 1, OpCode.TEXT, source);
            ByteBuffer[] separate = new FrameWriter(role, () -> 0x0a0b0c0d).encode(false, 1, OpCode.TEXT, source);
            assertEquals(length <= 1024 ? 1 : 2, joined.length, role + " " + length);
            assertEquals(Hex.of(ByteBuffer.wrap(concat(separate))), Hex.of(ByteBuffer.wrap(concat(joined))), role + " " + length);
            assertEquals(0, source.position());
        }
    }

    private static byte[] concat(ByteBuffer[] parts) {
        int total = 0;
        for (ByteBuffer part : parts) {
            total += part.remaining();
        }
        ByteBuffer all = ByteBuffer.allocate(total);
        for (ByteBuffer part : parts) {
            all.put(part.duplicate());
        }
        return all.array();
    }

    @Test
    void frameBuffersKeepsTheControlFrameRules() {
        assertThrows(IllegalArgumentException.class,
                () -> FrameWriter.server().frameBuffers(true, 0, OpCode.PING, ByteBuffer.allocate(126)));
        assertThrows(IllegalArgumentException.class,
                () -> FrameWriter.server().frameBuffers(false, 0, OpCode.PING, ByteBuffer.allocate(1)));
    }

    @ParameterizedTest(name = "length {0}")
    @CsvSource({
            "0, 8280",
            "125, 82fd",
            "126, 82fe007e",
            "65535, 82feffff",
            "65536, 82ff0000000000010000",
    })
    void clientSetsTheMaskBitAndAppendsTheKey(int length, String header) {
        FrameWriter writer = new FrameWriter(Role.CLIENT, () -> 0x01020304);
        ByteBuffer[] parts = writer.encode(true, 0, OpCode.BINARY, ByteBuffer.allocate(length));
        assertEquals(header + "01020304", Hex.of(parts[0]));
    }

    @Test
    void headerIsAtMostMaxHeaderLength() {
        FrameWriter writer = new FrameWriter(Role.CLIENT, () -> 1);
        assertEquals(FrameWriter.MAX_HEADER_LENGTH, writer.encode(true, 0, OpCode.BINARY,
                ByteBuffer.allocate(65536))[0].remaining());
    }

    @Test
    void clientTakesAFreshKeyForEveryFrame() {
        List<Integer> handedOut = new ArrayList<>();
        FrameWriter writer = new FrameWriter(Role.CLIENT, () -> {
            int key = 0x11111111 * (handedOut.size() + 1);
            handedOut.add(key);
            return key;
        });
        List<String> headers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            headers.add(Hex.of(writer.encode(true, 0, OpCode.TEXT, Hex.buffer("41"))[0]));
        }
        assertEquals(List.of(0x11111111, 0x22222222, 0x33333333), handedOut);
        assertEquals(List.of("818111111111", "818122222222", "818133333333"), headers);
    }

    @Test
    void clientMasksIntoACopyLeavingTheCallersPayloadUntouchedAndUnmoved() {
        ByteBuffer payload = Hex.buffer("00 48656c6c6f 00");
        payload.position(1).limit(6);
        ByteBuffer[] parts = new FrameWriter(Role.CLIENT, () -> 0x37fa213d).encode(true, 0, OpCode.TEXT, payload);
        assertEquals("7f9f4d5158", Hex.of(parts[1]));
        assertEquals(1, payload.position());
        assertEquals(6, payload.limit());
        assertEquals("48656c6c6f", Hex.of(payload));
    }

    @Test
    void serverSendsThePayloadFromPositionToLimitWithoutMovingIt() {
        ByteBuffer payload = Hex.buffer("ff 0102 ff");
        payload.position(1).limit(3);
        ByteBuffer[] parts = FrameWriter.server().encode(true, 0, OpCode.BINARY, payload);
        assertEquals("8202", Hex.of(parts[0]));
        assertEquals("0102", Hex.of(parts[1]));
        assertEquals(1, payload.position());
    }

    @ParameterizedTest(name = "rsv {0}")
    @CsvSource({"4, c1", "2, a1", "1, 91", "7, f1"})
    void rsvBitsAreWrittenIntoTheFirstByte(int rsv, String first) {
        assertEquals(first + "00", Hex.of(FrameWriter.server().encode(true, rsv, OpCode.TEXT,
                ByteBuffer.allocate(0))[0]));
    }

    @Test
    void finIsClearForNonFinalFragments() {
        assertEquals("0100", Hex.of(FrameWriter.server().encode(false, 0, OpCode.TEXT, ByteBuffer.allocate(0))[0]));
        assertEquals("0000", Hex.of(FrameWriter.server().encode(false, 0, OpCode.CONTINUATION,
                ByteBuffer.allocate(0))[0]));
    }

    @ParameterizedTest(name = "opcode {0}")
    @ValueSource(ints = {OpCode.CLOSE, OpCode.PING, OpCode.PONG})
    void fragmentedControlFrameIsRefused(int opcode) {
        assertThrows(IllegalArgumentException.class, () -> FrameWriter.server().encode(false, 0, opcode,
                ByteBuffer.allocate(0)));
        assertThrows(IllegalArgumentException.class, () -> FrameWriter.client().encode(false, 0, opcode,
                ByteBuffer.allocate(0)));
    }

    @ParameterizedTest(name = "opcode {0}")
    @ValueSource(ints = {OpCode.CLOSE, OpCode.PING, OpCode.PONG})
    void controlFrameLongerThan125IsRefusedAnd125IsFine(int opcode) {
        assertThrows(IllegalArgumentException.class, () -> FrameWriter.server().encode(true, 0, opcode,
                ByteBuffer.allocate(126)));
        assertEquals(125, FrameWriter.server().encode(true, 0, opcode, ByteBuffer.allocate(125))[1].remaining());
    }

    @Test
    void secureClientWriterMasksWithKeysTheParserUndoes() {
        FrameWriter writer = FrameWriter.client();
        ByteBuffer first = writer.encodeToBuffer(true, 0, OpCode.TEXT, Hex.buffer("48656c6c6f"));
        ByteBuffer second = writer.encodeToBuffer(true, 0, OpCode.TEXT, Hex.buffer("48656c6c6f"));
        List<ParsedFrame> frames = Feeder.allAtOnce().parseAll(new FrameParser(Role.SERVER, Limits.DEFAULT),
                ByteBuffer.allocate(32).put(first.duplicate()).put(second.duplicate()).flip());
        assertEquals(List.of(new ParsedFrame(true, 0, OpCode.TEXT, Hex.bytes("48656c6c6f")),
                new ParsedFrame(true, 0, OpCode.TEXT, Hex.bytes("48656c6c6f"))), frames);
        // 2^-32 odds of a false alarm: two keys from SecureRandom are equal.
        assertNotEquals(Hex.of(first.slice(2, 4)), Hex.of(second.slice(2, 4)));
    }

    @Test
    void roleIsReported() {
        assertEquals(Role.SERVER, FrameWriter.server().role());
        assertEquals(Role.CLIENT, FrameWriter.client().role());
    }
}
