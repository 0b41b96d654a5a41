package dev.duplex.engine.testkit;

import dev.duplex.engine.FrameParser;
import dev.duplex.engine.Limits;
import dev.duplex.engine.OpCode;
import dev.duplex.engine.Role;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The test kit checks itself, so a failing engine test points at the engine. */
class TestKitTest {

    @Test
    void hexIgnoresSeparatorsAndRoundTrips() {
        assertArrayEquals(new byte[] {(byte) 0x81, 0x05, 0x48}, Hex.bytes("81 05 | 48"));
        assertEquals("810548", Hex.of(Hex.buffer("81_05 48")));
        assertEquals("48656c6c6f", Hex.utf8("Hello"));
        assertEquals("616161", Hex.repeat(0x61, 3));
        assertThrows(IllegalArgumentException.class, () -> Hex.bytes("810"));
    }

    @Test
    void hexOfBufferDoesNotMoveIt() {
        ByteBuffer buffer = Hex.buffer("010203");
        buffer.position(1);
        assertEquals("0203", Hex.of(buffer));
        assertEquals(1, buffer.position());
    }

    @Test
    void wireMasksLikeTheRfcExample() {
        // RFC 6455 section 5.7: a single-frame masked text message "Hello" with key 37 fa 21 3d.
        assertEquals("818537fa213d7f9f4d5158", Hex.of(Wire.masked("81 05 48656c6c6f", 0x37fa213d)));
    }

    @Test
    void wireMasksEveryLengthForm() {
        assertEquals("82fe0002" + "00000000" + "0102", Hex.of(Wire.masked("82 7e 0002 0102", 0)));
        assertEquals("82ff0000000000000001" + "ff000000" + "fe",
                Hex.of(Wire.masked("82 7f 0000000000000001 01", 0xff000000)));
    }

    @Test
    void wireRefusesAnAlreadyMaskedFrame() {
        assertThrows(IllegalArgumentException.class, () -> Wire.masked("81 85 00000000 01"));
    }

    @Test
    void parsedFrameWireHexUsesMinimalLengths() {
        assertEquals("8800", new ParsedFrame(true, 0, OpCode.CLOSE, new byte[0]).wireHex());
        assertEquals("c105 48656c6c6f", new ParsedFrame(true, 4, OpCode.TEXT, Hex.bytes("48656c6c6f")).wireHex());
        assertEquals("027e007e " + Hex.repeat(0, 126), new ParsedFrame(false, 0, OpCode.BINARY,
                new byte[126]).wireHex());
        assertEquals("827f0000000000010000 " + Hex.repeat(0, 65536),
                new ParsedFrame(true, 0, OpCode.BINARY, new byte[65536]).wireHex());
    }

    @Test
    void everyFeederDeliversTheSameFramesAndLeavesTheInputAlone() {
        ByteBuffer input = Wire.masked("01 03 48656c | 80 02 6c6f");
        String before = Hex.of(input);
        List<ParsedFrame> frames = ParserCheck.parsesEveryWay(Role.SERVER, Limits.DEFAULT, input);
        assertEquals(List.of(new ParsedFrame(false, 0, OpCode.TEXT, Hex.bytes("48656c")),
                new ParsedFrame(true, 0, OpCode.CONTINUATION, Hex.bytes("6c6f"))), frames);
        assertEquals(before, Hex.of(input));
    }

    @Test
    void feederReportsAFrameLeftUnfinished() {
        Feeder.Outcome outcome = Feeder.allAtOnce().feed(new FrameParser(Role.CLIENT, Limits.DEFAULT),
                Hex.buffer("81 05 4865"));
        assertEquals(List.of(), outcome.frames());
        assertEquals(false, outcome.atBoundary());
        assertThrows(AssertionError.class,
                () -> Feeder.allAtOnce().parseAll(new FrameParser(Role.CLIENT, Limits.DEFAULT),
                        Hex.buffer("81 05 4865")));
    }

    @Test
    void recordingTransportHoldsCallbacksUntilCompleted() {
        RecordingTransport transport = new RecordingTransport();
        int[] succeeded = new int[1];
        transport.write(new ByteBuffer[] {Hex.buffer("8a00")}, new dev.duplex.engine.Callback() {
            @Override
            public void succeeded() {
                succeeded[0]++;
            }

            @Override
            public void failed(Throwable cause) {
                throw new AssertionError(cause);
            }
        });
        assertEquals(1, transport.pendingCallbacks());
        assertEquals(0, succeeded[0]);
        transport.succeedAll();
        assertEquals(0, transport.pendingCallbacks());
        assertEquals(1, succeeded[0]);
        assertEquals(List.of("8a00"), transport.framesHex(Role.SERVER));
    }
}
