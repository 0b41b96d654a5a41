package dev.duplex.engine;

import dev.duplex.engine.testkit.Feeder;
import dev.duplex.engine.testkit.Hex;
import dev.duplex.engine.testkit.ParsedFrame;
import dev.duplex.engine.testkit.Wire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.util.List;

import static dev.duplex.engine.testkit.ParserCheck.failsEveryWay;
import static dev.duplex.engine.testkit.ParserCheck.parsesEveryWay;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One test per framing rule of RFC 6455 the parser enforces, each asserting the violation and
 * its close code, whichever way the bytes arrive (see {@link Feeder#all()}), and, fed one byte at
 * a time, the byte number at which it fails. Frames a client sends are written unmasked and
 * masked by {@link Wire}, so the server-side cases read like the client-side ones.
 */
class FrameParserTest {

    private static final Limits ANY_RSV = Limits.builder().allowedRsv(7).build();

    private static ParsedFrame frame(boolean fin, int opcode, String payloadHex) {
        return new ParsedFrame(fin, 0, opcode, Hex.bytes(payloadHex));
    }

    /** Input as the peer of {@code role} sends it: masked towards a server. */
    private static ByteBuffer fromPeer(Role role, String unmaskedHex) {
        return Wire.fromPeer(role == Role.SERVER, unmaskedHex);
    }

    /** Bytes a masking key adds to each frame header sent to {@code role}. */
    private static int keyBytes(Role role) {
        return role == Role.SERVER ? 4 : 0;
    }

    // ---------------------------------------------------------------- RSV bits (section 5.2)

    @ParameterizedTest(name = "{0} as first byte {1}")
    @CsvSource({"RSV1, c1", "RSV2, a1", "RSV3, 91", "all three, f1"})
    void rsvBitSetWithoutNegotiatedExtensionIsProtocolError(String bits, String firstByte) {
        for (Role role : Role.values()) {
            failsEveryWay(role, Limits.DEFAULT, fromPeer(role, firstByte + " 01 41"),
                    Violation.RESERVED_BITS_SET, 1002, 1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"continuation, 01 01 41 | c0 01 42", "ping, c9 00", "close, a8 00", "binary, 92 00"})
    void rsvBitIsProtocolErrorOnEveryKindOfFrame(String kind, String hex) {
        int at = hex.startsWith("01") ? 4 : 1;
        failsEveryWay(Role.CLIENT, Limits.DEFAULT, Hex.buffer(hex), Violation.RESERVED_BITS_SET, 1002, at);
    }

    @ParameterizedTest(name = "RSV value {0}")
    @ValueSource(ints = {Frame.RSV1, Frame.RSV2, Frame.RSV3})
    void rsvBitIsAcceptedWhenANegotiatedExtensionDefinesIt(int rsv) {
        Limits limits = Limits.builder().allowedRsv(rsv).build();
        String first = Integer.toHexString(0x81 | rsv << 4);
        for (Role role : Role.values()) {
            assertEquals(List.of(new ParsedFrame(true, rsv, OpCode.TEXT, Hex.bytes("41"))),
                    parsesEveryWay(role, limits, fromPeer(role, first + " 01 41")));
        }
    }

    @Test
    void rsvBitsNotNegotiatedStayForbiddenNextToNegotiatedOnes() {
        Limits rsv1Only = Limits.builder().allowedRsv(Frame.RSV1).build();
        failsEveryWay(Role.CLIENT, rsv1Only, Hex.buffer("a1 00"), Violation.RESERVED_BITS_SET, 1002, 1);
        failsEveryWay(Role.CLIENT, rsv1Only, Hex.buffer("d1 00"), Violation.RESERVED_BITS_SET, 1002, 1);
    }

    // ---------------------------------------------------------------- opcodes (section 5.2)

    @ParameterizedTest(name = "opcode 0x{0}")
    @ValueSource(strings = {"3", "4", "5", "6", "7", "b", "c", "d", "e", "f"})
    void reservedOpcodeIsProtocolErrorAtTheFirstByte(String opcode) {
        for (Role role : Role.values()) {
            failsEveryWay(role, Limits.DEFAULT, fromPeer(role, "8" + opcode + " 00"),
                    Violation.RESERVED_OPCODE, 1002, 1);
            failsEveryWay(role, Limits.DEFAULT, fromPeer(role, "0" + opcode + " 00"),
                    Violation.RESERVED_OPCODE, 1002, 1);
        }
    }

    @Test
    void reservedOpcodeFailsBeforeTheSecondByteExists() {
        FrameParser parser = new FrameParser(Role.CLIENT, Limits.DEFAULT);
        ByteBuffer oneByte = Hex.buffer("83");
        ProtocolException e = assertThrows(ProtocolException.class, () -> parser.parse(oneByte));
        assertEquals(Violation.RESERVED_OPCODE, e.violation());
        assertEquals(1002, e.closeCode());
        assertEquals(1, oneByte.position());
    }

    @Test
    void reservedOpcodeInsideFragmentedMessageIsProtocolError() {
        failsEveryWay(Role.CLIENT, Limits.DEFAULT, Hex.buffer("01 01 41 | 8b 00"), Violation.RESERVED_OPCODE, 1002, 4);
    }

    // ---------------------------------------------------------------- control frames (section 5.5)

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "ping with 126 in the 16-bit form, 89 7e 007e, 126",
            "pong with 126 in the 16-bit form, 8a 7e 007e, 126",
            "close with 126 in the 16-bit form, 88 7e 007e, 126",
            "ping with 126 in the 64-bit form, 89 7f 000000000000007e, 126",
            "close with 65536 in the 64-bit form, 88 7f 0000000000010000, 65536",
    })
    void controlFrameLongerThan125IsProtocolErrorAtTheLengthByte(String name, String header, int length) {
        // The whole frame is there, so the failure cannot be a matter of waiting for bytes.
        String frame = header + Hex.repeat(0x61, length);
        for (Role role : Role.values()) {
            failsEveryWay(role, Limits.DEFAULT, fromPeer(role, frame), Violation.CONTROL_FRAME_TOO_LONG, 1002, 2);
        }
    }

    /**
     * The parser decides from the 7-bit length alone: 126 or 127 there announces an extended
     * length, which a control frame may not have, so it fails at byte 2 even when the extended
     * length turns out small. Documents the behaviour (the minimal encoding is the sender's duty).
     */
    @Test
    void controlFrameWithExtendedLengthFormIsProtocolErrorEvenWhenTheLengthIsSmall() {
        failsEveryWay(Role.CLIENT, Limits.DEFAULT, Hex.buffer("89 7e 0005 48656c6c6f"),
                Violation.CONTROL_FRAME_TOO_LONG, 1002, 2);
    }

    @ParameterizedTest(name = "opcode 0x{0}")
    @ValueSource(strings = {"8", "9", "a"})
    void controlFrameOf125BytesIsAccepted(String opcode) {
        String payload = "03e8" + Hex.repeat(0x62, 123);
        for (Role role : Role.values()) {
            assertEquals(List.of(frame(true, Integer.parseInt(opcode, 16), payload)),
                    parsesEveryWay(role, Limits.DEFAULT, fromPeer(role, "8" + opcode + " 7d " + payload)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"ping, 09 00", "pong, 0a 00", "close, 08 02 03e8"})
    void fragmentedControlFrameIsProtocolError(String kind, String hex) {
        for (Role role : Role.values()) {
            failsEveryWay(role, Limits.DEFAULT, fromPeer(role, hex), Violation.CONTROL_FRAME_FRAGMENTED, 1002, 1);
            failsEveryWay(role, Limits.DEFAULT, fromPeer(role, "01 01 41 | " + hex),
                    Violation.CONTROL_FRAME_FRAGMENTED, 1002, 3 + keyBytes(role) + 1);
        }
    }

    @Test
    void controlFramesMayComeBetweenTheFragmentsOfAMessage() {
        String hex = "01 03 48656c | 89 00 | 8a 02 6869 | 00 00 | 88 02 03e8 | 80 02 6c6f";
        for (Role role : Role.values()) {
            assertEquals(List.of(
                            frame(false, OpCode.TEXT, "48656c"),
                            frame(true, OpCode.PING, ""),
                            frame(true, OpCode.PONG, "6869"),
                            frame(false, OpCode.CONTINUATION, ""),
                            frame(true, OpCode.CLOSE, "03e8"),
                            frame(true, OpCode.CONTINUATION, "6c6f")),
                    parsesEveryWay(role, Limits.DEFAULT, fromPeer(role, hex)));
        }
    }

    // ---------------------------------------------------------------- masking direction (section 5.1)

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"81 05 48656c6c6f", "89 00", "88 02 03e8", "82 7e 0100"})
    void serverRejectsUnmaskedClientFrame(String unmasked) {
        failsEveryWay(Role.SERVER, Limits.DEFAULT, Hex.buffer(unmasked), Violation.CLIENT_FRAME_NOT_MASKED, 1002, 2);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"81 05 48656c6c6f", "89 00", "88 02 03e8", "82 7e 0100"})
    void clientRejectsMaskedServerFrame(String unmasked) {
        failsEveryWay(Role.CLIENT, Limits.DEFAULT, Wire.masked(unmasked), Violation.SERVER_FRAME_MASKED, 1002, 2);
    }

    @Test
    void serverRejectsUnmaskedFrameInTheMiddleOfMaskedOnes() {
        ByteBuffer input = ByteBuffer.allocate(64);
        input.put(Wire.masked("01 01 41")).put(Hex.buffer("80 01 42")).flip();
        failsEveryWay(Role.SERVER, Limits.DEFAULT, input, Violation.CLIENT_FRAME_NOT_MASKED, 1002, 7 + 2);
    }

    // ---------------------------------------------------------------- payload length (section 5.2)

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"8000000000000000", "ffffffffffffffff", "8000000000000005"})
    void lengthWith64BitTopBitSetIsProtocolErrorAtItsFirstByte(String length) {
        for (Role role : Role.values()) {
            failsEveryWay(role, Limits.DEFAULT, fromPeer(role, "82 7f" + length),
                    Violation.LENGTH_TOP_BIT_SET, 1002, 3);
        }
    }

    /**
     * RFC 6455 section 5.2 tells senders to use the minimal length encoding; the parser accepts a
     * longer encoding of the same length, which is just as unambiguous (see FrameParser.decodeHeader).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "5 in the 16-bit form, 82 7e 0005, 5",
            "5 in the 64-bit form, 82 7f 0000000000000005, 5",
            "0 in the 16-bit form, 82 7e 0000, 0",
            "0 in the 64-bit form, 82 7f 0000000000000000, 0",
            "125 in the 16-bit form, 82 7e 007d, 125",
            "300 in the 64-bit form, 82 7f 000000000000012c, 300",
    })
    void nonMinimalLengthEncodingIsAccepted(String name, String header, int length) {
        String payload = Hex.repeat(0x5a, length);
        for (Role role : Role.values()) {
            assertEquals(List.of(frame(true, OpCode.BINARY, payload), frame(true, OpCode.PING, "")),
                    parsesEveryWay(role, Limits.DEFAULT, fromPeer(role, header + payload + " 89 00")));
        }
    }

    // ---------------------------------------------------------------- fragmentation (section 5.4)

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "first frame of the connection, 80 01 41, 1",
            "first frame and not final, 00 01 41, 1",
            "after a complete message, 81 01 41 | 80 01 42, 4",
            "after a complete fragmented message, 01 01 41 | 80 01 42 | 00 00, 7",
            "after a control frame, 89 00 | 80 00, 3",
    })
    void continuationWithoutMessageIsProtocolError(String when, String hex, int at) {
        failsEveryWay(Role.CLIENT, Limits.DEFAULT, Hex.buffer(hex), Violation.CONTINUATION_WITHOUT_MESSAGE, 1002, at);
    }

    @Test
    void continuationWithoutMessageIsProtocolErrorForServerToo() {
        failsEveryWay(Role.SERVER, Limits.DEFAULT, Wire.masked("81 01 41 | 80 01 42"),
                Violation.CONTINUATION_WITHOUT_MESSAGE, 1002, 7 + 1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "text inside text, 01 01 41 | 81 01 42, 4",
            "binary inside text, 01 01 41 | 02 00, 4",
            "text inside binary, 02 00 | 01 00, 3",
            "after a continuation, 02 00 | 00 01 41 | 82 00, 6",
            "after an interleaved ping, 01 00 | 89 00 | 81 00, 5",
    })
    void newDataMessageInsideFragmentedMessageIsProtocolError(String name, String hex, int at) {
        failsEveryWay(Role.CLIENT, Limits.DEFAULT, Hex.buffer(hex), Violation.DATA_FRAME_INSIDE_FRAGMENTED_MESSAGE,
                1002, at);
    }

    @Test
    void newMessageMayStartOnceTheFragmentedOneIsFinished() {
        assertEquals(List.of(frame(false, OpCode.TEXT, "41"), frame(true, OpCode.CONTINUATION, "42"),
                        frame(false, OpCode.BINARY, "43"), frame(true, OpCode.CONTINUATION, "")),
                parsesEveryWay(Role.CLIENT, Limits.DEFAULT, Hex.buffer("01 01 41 | 80 01 42 | 02 01 43 | 80 00")));
    }

    // ---------------------------------------------------------------- frame size limit (section 10.4, close code 1009)

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "7-bit length 101, 82 65, 2",
            "16-bit length 101, 82 7e 0065, 4",
            "64-bit length 101, 82 7f 0000000000000065, 10",
            "64-bit length 2^63-1, 82 7f 7fffffffffffffff, 10",
            "first fragment, 02 7e 1000, 4",
    })
    void frameLargerThanMaxFrameSizeFailsAtTheHeaderBeforeAnyPayloadArrives(String name, String header, int at) {
        Limits limits = Limits.builder().maxFrameSize(100).build();
        // Only the header is fed: the parser must not wait for (or buffer) the payload to decide.
        failsEveryWay(Role.CLIENT, limits, Hex.buffer(header), Violation.FRAME_TOO_LARGE, 1009, at);
        failsEveryWay(Role.SERVER, limits, Wire.masked(header), Violation.FRAME_TOO_LARGE, 1009, at + 4);
    }

    @Test
    void frameOfExactlyMaxFrameSizeIsAccepted() {
        Limits limits = Limits.builder().maxFrameSize(100).build();
        String payload = Hex.repeat(0x01, 100);
        assertEquals(List.of(frame(true, OpCode.BINARY, payload)),
                parsesEveryWay(Role.SERVER, limits, Wire.masked("82 64" + payload)));
    }

    @Test
    void maxFrameSizeAppliesToControlFramesToo() {
        Limits limits = Limits.builder().maxFrameSize(4).build();
        failsEveryWay(Role.CLIENT, limits, Hex.buffer("89 05"), Violation.FRAME_TOO_LARGE, 1009, 2);
    }

    @Test
    void maxFrameSizeAppliesToEachFragmentNotTheMessage() {
        Limits limits = Limits.builder().maxFrameSize(4).build();
        assertEquals(3, parsesEveryWay(Role.CLIENT, limits,
                Hex.buffer("02 04 01020304 | 00 04 05060708 | 80 02 090a")).size());
        failsEveryWay(Role.CLIENT, limits, Hex.buffer("02 04 01020304 | 80 05"), Violation.FRAME_TOO_LARGE, 1009, 8);
    }

    // ---------------------------------------------------------------- message size limits (close code 1009)

    @Test
    void textMessageLimitFailsAtTheHeaderOfTheFragmentThatExceedsIt() {
        Limits limits = Limits.builder().maxTextMessageSize(10).build();
        String fragments = "01 04 61616161 | 00 04 62626262 | 80 03";
        List<ParsedFrame> before = failsEveryWay(Role.CLIENT, limits, Hex.buffer(fragments),
                Violation.TEXT_MESSAGE_TOO_LARGE, 1009, 14);
        assertEquals(List.of(frame(false, OpCode.TEXT, "61616161"), frame(false, OpCode.CONTINUATION, "62626262")),
                before);
        failsEveryWay(Role.SERVER, limits, Wire.masked(fragments), Violation.TEXT_MESSAGE_TOO_LARGE, 1009, 26);
    }

    @Test
    void binaryMessageLimitFailsAtTheHeaderOfTheFragmentThatExceedsIt() {
        Limits limits = Limits.builder().maxBinaryMessageSize(10).build();
        String fragments = "02 04 01020304 | 00 04 05060708 | 80 03";
        List<ParsedFrame> before = failsEveryWay(Role.CLIENT, limits, Hex.buffer(fragments),
                Violation.BINARY_MESSAGE_TOO_LARGE, 1009, 14);
        assertEquals(2, before.size());
        failsEveryWay(Role.SERVER, limits, Wire.masked(fragments), Violation.BINARY_MESSAGE_TOO_LARGE, 1009, 26);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Role.class)
    void messageOfExactlyTheLimitIsAccepted(Role role) {
        Limits limits = Limits.builder().maxTextMessageSize(10).maxBinaryMessageSize(10).build();
        assertEquals(5, parsesEveryWay(role, limits, fromPeer(role,
                "01 04 61616161 | 00 04 62626262 | 80 02 6363 | 02 04 01020304 | 80 06 050607080910")).size());
    }

    @Test
    void unfragmentedMessageOverTheLimitFailsAtItsHeader() {
        failsEveryWay(Role.CLIENT, Limits.builder().maxTextMessageSize(10).build(), Hex.buffer("81 0b"),
                Violation.TEXT_MESSAGE_TOO_LARGE, 1009, 2);
        failsEveryWay(Role.CLIENT, Limits.DEFAULT, Hex.buffer("82 7f 0000000000010001"),
                Violation.BINARY_MESSAGE_TOO_LARGE, 1009, 10);
    }

    @Test
    void controlFramesBetweenFragmentsDoNotCountTowardsTheMessage() {
        Limits limits = Limits.builder().maxTextMessageSize(4).build();
        assertEquals(4, parsesEveryWay(Role.CLIENT, limits,
                Hex.buffer("01 02 6161 | 89 05 48656c6c6f | 8a 05 48656c6c6f | 80 02 6262")).size());
    }

    @Test
    void messageSizeIsCountedPerMessage() {
        Limits limits = Limits.builder().maxTextMessageSize(4).build();
        assertEquals(4, parsesEveryWay(Role.CLIENT, limits,
                Hex.buffer("01 02 6161 | 80 02 6262 | 01 02 6363 | 80 02 6464")).size());
    }

    @Test
    void textAndBinaryLimitsAreSeparate() {
        Limits smallText = Limits.builder().maxTextMessageSize(4).maxBinaryMessageSize(100).build();
        assertEquals(1, parsesEveryWay(Role.CLIENT, smallText, Hex.buffer("82 0a " + Hex.repeat(1, 10))).size());
        Limits smallBinary = Limits.builder().maxTextMessageSize(100).maxBinaryMessageSize(4).build();
        assertEquals(1, parsesEveryWay(Role.CLIENT, smallBinary, Hex.buffer("81 0a " + Hex.repeat(0x61, 10))).size());
    }

    // ---------------------------------------------------------------- limits replaced mid-stream

    @Test
    void tighterLimitsTakeEffectAtTheNextHeader() throws ProtocolException {
        FrameParser parser = new FrameParser(Role.CLIENT, Limits.DEFAULT);
        assertEquals(1, Feeder.allAtOnce().feed(parser, Hex.buffer("01 04 61616161")).framesOrFail().size());
        parser.setLimits(Limits.builder().maxTextMessageSize(6).build());
        assertEquals(6, parser.limits().maxTextMessageSize());
        ProtocolException e = assertThrows(ProtocolException.class, () -> parser.parse(Hex.buffer("80 04")));
        assertEquals(Violation.TEXT_MESSAGE_TOO_LARGE, e.violation());
        assertEquals(1009, e.closeCode());
    }

    @Test
    void looserLimitsLetTheRestOfAMessageThrough() {
        FrameParser parser = new FrameParser(Role.CLIENT, Limits.builder().maxBinaryMessageSize(4).build());
        assertEquals(1, Feeder.allAtOnce().feed(parser, Hex.buffer("02 04 01020304")).framesOrFail().size());
        parser.setLimits(Limits.builder().maxBinaryMessageSize(8).build());
        assertEquals(1, Feeder.allAtOnce().feed(parser, Hex.buffer("80 04 05060708")).framesOrFail().size());
    }

    @Test
    void limitsReplacedWhileAPayloadArrivesDoNotAffectThatFrame() throws ProtocolException {
        FrameParser parser = new FrameParser(Role.CLIENT, Limits.DEFAULT);
        assertNull(parser.parse(Hex.buffer("82 0a 0102030405")));
        parser.setLimits(Limits.builder().maxFrameSize(5).build());
        Frame frame = parser.parse(Hex.buffer("060708090a"));
        assertEquals("0102030405060708090a", Hex.of(frame.payload()));
        ProtocolException e = assertThrows(ProtocolException.class, () -> parser.parse(Hex.buffer("82 06")));
        assertEquals(Violation.FRAME_TOO_LARGE, e.violation());
    }

    @Test
    void allowedRsvReplacedMidStreamTakesEffectAtTheNextHeader() throws ProtocolException {
        FrameParser parser = new FrameParser(Role.CLIENT, ANY_RSV);
        assertEquals(Frame.RSV1, parser.parse(Hex.buffer("c1 00")).rsv());
        parser.setLimits(Limits.DEFAULT);
        ProtocolException e = assertThrows(ProtocolException.class, () -> parser.parse(Hex.buffer("c1 00")));
        assertEquals(Violation.RESERVED_BITS_SET, e.violation());
    }

    // ---------------------------------------------------------------- how bytes are consumed

    @Test
    void parseReturnsOneFrameAndConsumesOnlyItsBytes() throws ProtocolException {
        FrameParser parser = new FrameParser(Role.CLIENT, Limits.DEFAULT);
        ByteBuffer in = Hex.buffer("81 01 41 | 82 02 0102 | 89");
        assertEquals(frame(true, OpCode.TEXT, "41"), ParsedFrame.copyOf(parser.parse(in)));
        assertEquals(3, in.position());
        assertEquals(frame(true, OpCode.BINARY, "0102"), ParsedFrame.copyOf(parser.parse(in)));
        assertEquals(7, in.position());
        assertTrue(parser.isAtFrameBoundary());
        assertNull(parser.parse(in));
        assertEquals(8, in.position(), "a partial header is consumed and kept");
        assertFalse(parser.isAtFrameBoundary());
        assertEquals(frame(true, OpCode.PING, "6869"), ParsedFrame.copyOf(parser.parse(Hex.buffer("02 6869"))));
        assertTrue(parser.isAtFrameBoundary());
    }

    @Test
    void partialPayloadIsCollectedAcrossBuffers() throws ProtocolException {
        FrameParser parser = new FrameParser(Role.SERVER, Limits.DEFAULT);
        ByteBuffer wire = Wire.masked("82 06 010203040506");
        assertNull(parser.parse(wire.slice(0, 8)));
        assertFalse(parser.isAtFrameBoundary());
        assertNull(parser.parse(wire.slice(8, 2)));
        Frame frame = parser.parse(wire.slice(10, 2));
        assertEquals("010203040506", Hex.of(frame.payload()));
        assertTrue(parser.isAtFrameBoundary());
    }

    @Test
    void emptyInputReturnsNothing() throws ProtocolException {
        FrameParser parser = new FrameParser(Role.CLIENT, Limits.DEFAULT);
        assertNull(parser.parse(ByteBuffer.allocate(0)));
        assertTrue(parser.isAtFrameBoundary());
    }

    @Test
    void maskedPayloadInReadOnlyBufferIsUnmaskedIntoACopy() throws ProtocolException {
        ByteBuffer wire = Wire.masked("81 05 48656c6c6f", 0x37fa213d);
        String before = Hex.of(wire);
        Frame frame = new FrameParser(Role.SERVER, Limits.DEFAULT).parse(wire.asReadOnlyBuffer());
        assertEquals(Hex.utf8("Hello"), Hex.of(frame.payload()));
        assertEquals(before, Hex.of(wire), "a read-only buffer's bytes must not change");
    }

    @Test
    void framesWithEmptyPayloadsAreDelivered() {
        for (Role role : Role.values()) {
            assertEquals(List.of(frame(true, OpCode.TEXT, ""), frame(true, OpCode.BINARY, ""),
                            frame(true, OpCode.PING, ""), frame(true, OpCode.PONG, ""), frame(true, OpCode.CLOSE, "")),
                    parsesEveryWay(role, Limits.DEFAULT, fromPeer(role, "81 00 | 82 00 | 89 00 | 8a 00 | 88 00")));
        }
    }

    // ---------------------------------------------------------------- what unmasking notes about text payloads

    /** The frames in {@code wire}, parsed in order by one parser of {@code role}. */
    private static List<Frame> parseAll(Role role, ByteBuffer wire) throws ProtocolException {
        FrameParser parser = new FrameParser(role, Limits.DEFAULT);
        List<Frame> frames = new java.util.ArrayList<>();
        for (Frame frame; (frame = parser.parse(wire)) != null; ) {
            frames.add(frame);
        }
        return frames;
    }

    private static List<Integer> asciiPrefixes(List<Frame> frames) {
        return frames.stream().map(Frame::asciiPrefix).toList();
    }

    @Test
    void unmaskingATextFrameNotesHowManyLeadingBytesAreAscii() throws ProtocolException {
        List<Frame> frames = parseAll(Role.SERVER, Wire.masked("81 05 48656c6c6f | 81 04 41e282ac | 81 03 e282ac | 81 00"));
        assertEquals(List.of(5, 1, 0, 0), asciiPrefixes(frames));
        assertEquals(Hex.utf8("A\u20ac"), Hex.of(frames.get(1).payload()));
    }

    @Test
    void continuationsOfATextMessageAreNotedTooButNotThoseOfABinaryOne() throws ProtocolException {
        List<Frame> frames = parseAll(Role.SERVER,
                Wire.masked("01 02 4142 | 89 01 43 | 00 02 4344 | 80 01 45 | 02 02 4142 | 80 02 4344"));
        assertEquals(List.of(2, 0, 2, 1, 0, 0), asciiPrefixes(frames), "text, ping, text, text, binary, binary");
    }

    @Test
    void binaryAndControlPayloadsAreNotLookedAt() throws ProtocolException {
        List<Frame> frames = parseAll(Role.SERVER, Wire.masked("82 02 4142 | 89 02 4142 | 8a 02 4142 | 88 02 03e8"));
        assertEquals(List.of(0, 0, 0, 0), asciiPrefixes(frames));
    }

    @Test
    void unmaskedTextIsNotScannedForAsciiByTheParser() throws ProtocolException {
        // A client receives unmasked frames: there is no XOR pass to notice anything in, so nothing is known.
        assertEquals(List.of(0), asciiPrefixes(parseAll(Role.CLIENT, Hex.buffer("81 05 48656c6c6f"))));
    }

    @Test
    void aTextPayloadCollectedAcrossBuffersIsNotedWhenComplete() throws ProtocolException {
        FrameParser parser = new FrameParser(Role.SERVER, Limits.DEFAULT);
        ByteBuffer wire = Wire.masked("81 06 414243444546");
        assertNull(parser.parse(wire.slice(0, 9)));
        Frame frame = parser.parse(wire.slice(9, 3));
        assertEquals(6, frame.asciiPrefix());
        assertEquals(Hex.utf8("ABCDEF"), Hex.of(frame.payload()));
    }

    @Test
    void aLongTextPayloadIsNotedUpToItsFirstNonAsciiByteAtMostAndLessThan64BytesShort() throws ProtocolException {
        String ascii300 = "41".repeat(300);
        Frame all = parseAll(Role.SERVER, Wire.masked("81 7e 012c " + ascii300)).get(0);
        assertEquals(300, all.asciiPrefix());
        Frame mixed = parseAll(Role.SERVER, Wire.masked("81 7e 012e " + ascii300 + " c3a9")).get(0);
        assertTrue(mixed.asciiPrefix() <= 300 && mixed.asciiPrefix() > 300 - 64, "prefix " + mixed.asciiPrefix());
    }
}
