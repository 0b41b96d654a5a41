package dev.duplex.engine;

import dev.duplex.engine.ConnectionHarness.RecordingCallback;
import dev.duplex.engine.testkit.Hex;
import dev.duplex.engine.testkit.Wire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The connection over a recording transport, for both roles: what the listener hears, what goes
 * on the wire, when the transport is closed, and the close handshake of RFC 6455 section 7.
 */
class WebSocketConnectionTest {

    private static ByteBuffer utf8(String text) {
        return Hex.buffer(Hex.utf8(text));
    }

    // ---------------------------------------------------------------- receiving data

    @ParameterizedTest
    @EnumSource(Role.class)
    void textAndBinaryMessagesAreDeliveredWithTheirFinFlags(Role role) {
        ConnectionHarness h = new ConnectionHarness(role);
        ByteBuffer in = h.receive("01 03 48656c | 80 02 6c6f | 82 02 0102 | 02 01 03 | 00 00 | 80 01 04 | 81 00");
        assertEquals(List.of("text \"Hel\" more", "text \"lo\" last", "binary 0102 last",
                "binary 03 more", "binary more", "binary 04 last", "text \"\" last"), h.events());
        assertEquals(0, in.remaining());
        assertEquals(List.of(), h.sent());
        assertEquals(0, h.transport.closeCalls());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void framesArrivingOneByteAtATimeAreDeliveredTheSame(Role role) {
        ConnectionHarness h = new ConnectionHarness(role);
        h.receiveByteByByte("01 03 48656c | 89 02 6869 | 80 02 6c6f | 82 7e 0100 " + Hex.repeat(7, 256));
        assertEquals(List.of("text \"Hel\" more", "ping 6869", "text \"lo\" last",
                        "binary " + Hex.repeat(7, 256) + " last"),
                h.events());
        assertEquals(List.of("8a02 6869"), h.sent());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void textFragmentsSplittingACharacterAreDeliveredAsTheyCome(Role role) {
        ConnectionHarness h = new ConnectionHarness(role);
        h.receive("01 02 e282 | 80 01 ac"); // U+20AC in two fragments
        assertEquals(List.of("text hex:e282 more", "text hex:ac last"), h.events());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void binaryMessagesAreNotCheckedForUtf8(Role role) {
        ConnectionHarness h = new ConnectionHarness(role);
        h.receive("82 03 ffc080");
        assertEquals(List.of("binary ffc080 last"), h.events());
    }

    // ---------------------------------------------------------------- ping and pong

    @ParameterizedTest
    @EnumSource(Role.class)
    void pingIsAnsweredWithPongCarryingTheSamePayload(Role role) {
        ConnectionHarness h = new ConnectionHarness(role);
        h.receive("89 05 48656c6c6f | 89 00 | 89 7d " + Hex.repeat(0x2a, 125));
        assertEquals(List.of("8a05 48656c6c6f", "8a00", "8a7d " + Hex.repeat(0x2a, 125)), h.sent());
        assertEquals(List.of("ping 48656c6c6f", "ping", "ping " + Hex.repeat(0x2a, 125)), h.events());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void pongPayloadDoesNotShareTheReadBuffer(Role role) {
        ConnectionHarness h = new ConnectionHarness(role);
        ByteBuffer in = h.receive("89 05 48656c6c6f");
        // The transport reuses its read buffer; a pong still queued must keep its bytes.
        Arrays.fill(in.array(), (byte) 0);
        assertTrue(h.transport.buffersUnchangedSinceWritten());
        assertEquals(List.of("8a05 48656c6c6f"), h.sent());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void pongIsDeliveredAndNotAnswered(Role role) {
        ConnectionHarness h = new ConnectionHarness(role);
        h.receive("8a 02 6869 | 8a 00");
        assertEquals(List.of("pong 6869", "pong"), h.events());
        assertEquals(List.of(), h.sent());
    }

    // ---------------------------------------------------------------- close handshake

    @ParameterizedTest
    @EnumSource(Role.class)
    void peerInitiatedCloseIsEchoedAndReportedOnce(Role role) {
        ConnectionHarness h = new ConnectionHarness(role);
        h.receive("88 05 03e8 627965");
        assertEquals(List.of("8802 03e8"), h.sent(), "the reply echoes the code");
        assertEquals(1, h.transport.closeCalls());
        assertEquals(List.of("closed 1000 \"bye\""), h.events());
        assertTrue(h.connection.isClosed());
        assertFalse(h.connection.isOutputOpen());

        h.connection.onTransportClosed(null);
        assertEquals(List.of("closed 1000 \"bye\""), h.events(), "onClosed is called once");
        assertEquals(1, h.transport.closeCalls());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void peerCloseCodeIsEchoedWhateverItIs(Role role) {
        for (String code : List.of("03e9", "03f3", "0bb8", "0fa0", "1387")) {
            ConnectionHarness h = new ConnectionHarness(role);
            h.receive("88 04 " + code + " 6869");
            assertEquals(List.of("8802 " + code), h.sent(), code);
        }
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void closeFrameWithoutCodeIsAnsweredWithoutCodeAndReportedAs1005(Role role) {
        ConnectionHarness h = new ConnectionHarness(role);
        h.receive("88 00");
        assertEquals(List.of("8800"), h.sent());
        assertEquals(List.of("closed 1005 \"\""), h.events());
        assertEquals(1, h.transport.closeCalls());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void locallyInitiatedCloseEndsWhenThePeerReplies(Role role) {
        ConnectionHarness h = new ConnectionHarness(role);
        RecordingCallback closing = new RecordingCallback();
        h.connection.close(new ClosePayload(1000, "done"), closing);

        assertEquals(List.of("8806 03e8" + Hex.utf8("done")), h.sent());
        assertFalse(h.connection.isOutputOpen());
        assertFalse(h.connection.isClosed(), "waiting for the peer's close frame");
        assertEquals(0, h.transport.closeCalls());
        assertEquals(List.of(), h.events());
        assertEquals(List.of(), closing.outcomes, "completes when the transport has written it");
        h.transport.succeedNext();
        assertEquals(List.of("succeeded"), closing.outcomes);

        h.receive("88 04 03e9 6f6b");
        assertEquals(List.of("closed 1001 \"ok\""), h.events(), "reported with the peer's payload");
        assertEquals(1, h.transport.closeCalls());
        assertTrue(h.connection.isClosed());
        assertEquals(1, h.sent().size(), "no second close frame");

        h.connection.onTransportClosed(null);
        assertEquals(1, h.events().size());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void peerCloseArrivingInsideAFragmentedMessageIsProcessed(Role role) {
        ConnectionHarness h = new ConnectionHarness(role);
        h.receive("01 01 41 | 88 02 03e8");
        assertEquals(List.of("text \"A\" more", "closed 1000 \"\""), h.events());
        assertEquals(List.of("8802 03e8"), h.sent());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void bytesAfterThePeersCloseFrameAreDiscarded(Role role) {
        ConnectionHarness h = new ConnectionHarness(role);
        ByteBuffer in = h.receive("88 02 03e8 | 81 01 41 | 89 00 | 83 00");
        assertEquals(0, in.remaining());
        assertEquals(List.of("closed 1000 \"\""), h.events());
        assertEquals(List.of("8802 03e8"), h.sent());
        h.receive("81 01 42");
        assertEquals(List.of("closed 1000 \"\""), h.events());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void dataFramesAfterOurCloseAreDiscardedButThePeersCloseIsProcessed(Role role) {
        ConnectionHarness h = new ConnectionHarness(role);
        h.connection.close(new ClosePayload(1001, ""), Callback.NOOP);
        h.receive("81 01 41 | 01 01 42 | 89 00 | 80 01 43 | 82 01 03 | 8a 00 | 88 02 03e8");
        // Control frames still reach the listener; a ping is no longer answered (our close is out).
        assertEquals(List.of("ping", "pong", "closed 1000 \"\""), h.events());
        assertEquals(List.of("8802 03e9"), h.sent());
        assertEquals(1, h.transport.closeCalls());
        assertTrue(h.connection.isClosed());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void closeFromInsideACallbackDiscardsTheDataAfterIt(Role role) {
        ConnectionHarness h = new ConnectionHarness(role);
        h.listener.onEvent(event -> {
            if (event.equals("text \"A\" last")) {
                h.connection.close(new ClosePayload(1000, ""), Callback.NOOP);
            }
        });
        h.receive("81 01 41 | 81 01 42 | 89 00 | 88 02 03e8 | 81 01 43");
        assertEquals(List.of("text \"A\" last", "ping", "closed 1000 \"\""), h.events());
        assertEquals(List.of("8802 03e8"), h.sent());
        assertEquals(1, h.transport.closeCalls());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void secondCloseDoesNothingButSucceed(Role role) {
        ConnectionHarness h = new ConnectionHarness(role);
        h.connection.close(new ClosePayload(1000, ""), Callback.NOOP);
        RecordingCallback second = new RecordingCallback();
        h.connection.close(new ClosePayload(1001, ""), second);
        assertEquals(List.of("succeeded"), second.outcomes);
        assertEquals(List.of("8802 03e8"), h.sent());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void closeWithACodeThatMayNotBeSentIsRefusedAndChangesNothing(Role role) {
        ConnectionHarness h = new ConnectionHarness(role);
        ClosePayload unsendable = new ClosePayload(1006, "");
        ClosePayload tooLong = new ClosePayload(1000, "x".repeat(124));
        assertThrows(IllegalArgumentException.class, () -> h.connection.close(unsendable, Callback.NOOP));
        assertThrows(IllegalArgumentException.class, () -> h.connection.close(tooLong, Callback.NOOP));
        assertTrue(h.connection.isOutputOpen());
        assertEquals(List.of(), h.sent());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void closeWithoutCodeSendsAnEmptyCloseFrame(Role role) {
        ConnectionHarness h = new ConnectionHarness(role);
        h.connection.close(ClosePayload.EMPTY, Callback.NOOP);
        assertEquals(List.of("8800"), h.sent());
        h.receive("88 00");
        assertEquals(List.of("closed 1005 \"\""), h.events());
    }

    // ---------------------------------------------------------------- failing the connection (section 7.1.7)

    static Stream<Arguments> violations() {
        return Stream.of(
                Arguments.of("83 00", Violation.RESERVED_OPCODE, 1002),
                Arguments.of("c1 00", Violation.RESERVED_BITS_SET, 1002),
                Arguments.of("09 00", Violation.CONTROL_FRAME_FRAGMENTED, 1002),
                Arguments.of("89 7e 007e", Violation.CONTROL_FRAME_TOO_LONG, 1002),
                Arguments.of("80 01 41", Violation.CONTINUATION_WITHOUT_MESSAGE, 1002),
                Arguments.of("01 01 41 | 82 00", Violation.DATA_FRAME_INSIDE_FRAGMENTED_MESSAGE, 1002),
                Arguments.of("82 7f 8000000000000000", Violation.LENGTH_TOP_BIT_SET, 1002),
                Arguments.of("88 01 03", Violation.CLOSE_PAYLOAD_ONE_BYTE, 1002),
                Arguments.of("88 02 03ee", Violation.CLOSE_CODE_INVALID, 1002),
                Arguments.of("88 02 03ed", Violation.CLOSE_CODE_INVALID, 1002),
                Arguments.of("88 03 03e8 ff", Violation.CLOSE_REASON_INVALID_UTF8, 1007),
                Arguments.of("82 7f 0000000000010001", Violation.BINARY_MESSAGE_TOO_LARGE, 1009),
                Arguments.of("01 01 41 | 00 7f 0000000000010000", Violation.TEXT_MESSAGE_TOO_LARGE, 1009));
    }

    @ParameterizedTest(name = "{1} from {0}")
    @MethodSource("violations")
    void protocolViolationFailsTheConnectionWithItsCloseCode(String hex, Violation violation, int code) {
        for (Role role : Role.values()) {
            ConnectionHarness h = new ConnectionHarness(role);
            h.receive(hex);
            String context = role + " receiving " + hex;

            List<String> events = h.events();
            assertTrue(events.size() >= 2, context + ": " + events);
            List<String> before = events.subList(0, events.size() - 2);
            assertEquals("failure " + code + " " + violation, events.get(events.size() - 2), context);
            assertTrue(events.get(events.size() - 1).startsWith("closed " + code + " \"" + violation.description()),
                    context);
            assertTrue(before.stream().noneMatch(e -> e.startsWith("closed") || e.startsWith("failure")), context);

            List<ClosePayload> closes = h.sentCloses();
            assertEquals(1, closes.size(), context);
            assertEquals(code, closes.get(0).code(), context);
            assertEquals(h.listener.closes().get(0), closes.get(0), "onClosed reports what was sent: " + context);
            assertInstanceOf(ProtocolException.class, h.listener.failures().get(0));
            assertEquals(1, h.transport.closeCalls(), context);
            assertTrue(h.connection.isClosed(), context);
            assertFalse(h.connection.isOutputOpen(), context);

            // Section 7.1.7: once failed, further input is discarded, whatever it is.
            int writes = h.transport.writes().size();
            ByteBuffer later = h.receive("81 01 41 | 89 00 | 88 02 03e8");
            assertEquals(0, later.remaining(), context);
            assertEquals(events, h.events(), context);
            assertEquals(writes, h.transport.writes().size(), context);

            h.connection.onTransportClosed(null);
            assertEquals(events, h.events(), "onClosed only once: " + context);
        }
    }

    /**
     * A transport that ends inside a frame or a fragmented message (Jetty reports a reset as an end of input) is a
     * failure the endpoint hears of, then 1006; one that ends between messages is 1006 alone.
     */
    @Test
    void anEndOfInputInsideAMessageIsAFailureThen1006AndBetweenMessagesOnly1006() {
        ConnectionHarness insideFrame = new ConnectionHarness(Role.CLIENT);
        insideFrame.receive("81 05 4865");
        insideFrame.connection.onTransportClosed(null);
        assertEquals(List.of("failure EOFException: the connection ended in the middle of a message",
                "closed 1006 \"the connection ended in the middle of a message\""), insideFrame.events());

        ConnectionHarness insideMessage = new ConnectionHarness(Role.CLIENT);
        insideMessage.receive("01 02 4865");
        insideMessage.connection.onTransportClosed(null);
        assertEquals("failure EOFException: the connection ended in the middle of a message",
                insideMessage.events().get(insideMessage.events().size() - 2));

        ConnectionHarness between = new ConnectionHarness(Role.CLIENT);
        between.receive("81 02 4869");
        between.connection.onTransportClosed(null);
        assertEquals("closed 1006 \"\"", between.events().get(between.events().size() - 1));
        assertFalse(between.events().stream().anyMatch(event -> event.startsWith("failure")), between.events().toString());
    }

    // ---------------------------------------------------------------- long frames in pieces

    /** Hands {@code wire} to the connection {@code chunk} bytes at a time. */
    private static void receiveInChunks(ConnectionHarness h, ByteBuffer wire, int chunk) {
        for (int at = 0; at < wire.limit(); at += chunk) {
            h.connection.receive(wire.slice(at, Math.min(chunk, wire.limit() - at)));
        }
    }

    @Test
    void aTextFrameDeliveredInPiecesIsValidatedAcrossThemAndEndsTheMessageOnce() {
        ConnectionHarness h = new ConnectionHarness(Role.SERVER, Limits.builder().maxWholeFrameSize(4).build());
        // "h\u00e9llo\u20ac": the two-byte and three-byte characters are cut by the 4-byte reads.
        receiveInChunks(h, h.fromPeer("81 09 68c3a96c6c6fe282ac"), 4);

        assertEquals(List.of("text hex:68c3 more", "text hex:a96c6c6f more", "text \"\u20ac\" last"), h.events());
        assertTrue(h.sent().isEmpty());
    }

    @Test
    void invalidUtf8InALaterPieceFailsTheConnectionWith1007There() {
        ConnectionHarness h = new ConnectionHarness(Role.SERVER, Limits.builder().maxWholeFrameSize(4).build());
        receiveInChunks(h, h.fromPeer("81 09 68c3a96c6c6fe282ff"), 4);

        assertEquals(List.of("text hex:68c3 more", "text hex:a96c6c6f more", "failure 1007 TEXT_INVALID_UTF8"),
                h.events().subList(0, 3));
        assertEquals(1007, h.sentCloses().get(0).code());
    }

    // ---------------------------------------------------------------- a listener that throws

    @ParameterizedTest
    @EnumSource(Role.class)
    void aListenerThatThrowsFailsTheConnectionWith1011InsteadOfThrowingFromReceive(Role role) {
        ConnectionHarness h = new ConnectionHarness(role);
        IllegalStateException bug = new IllegalStateException("bug in the application");
        h.listener.onEvent(event -> {
            if (event.startsWith("text")) {
                throw bug;
            }
        });

        ByteBuffer in = h.receive("81 01 41 | 81 01 42");

        assertFalse(in.hasRemaining(), "input after the failure is discarded");
        assertEquals(List.of("text \"A\" last", "failure IllegalStateException: bug in the application",
                "closed 1011 \"internal error\""), h.events());
        assertEquals(List.of(new ClosePayload(1011, "internal error")), h.sentCloses());
        assertTrue(h.connection.isClosed());
        assertEquals(1, h.transport.closeCalls());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void whatOnFailureAndOnClosedThrowIsOnlyLogged(Role role) {
        ConnectionHarness h = new ConnectionHarness(role);
        h.listener.onEvent(event -> {
            throw new IllegalStateException("throws from " + event);
        });

        h.receive("8f 00"); // reserved opcode: the connection fails, and every callback throws

        assertEquals(2, h.events().size(), h.events().toString());
        assertEquals("failure 1002 RESERVED_OPCODE", h.events().get(0));
        assertTrue(h.events().get(1).startsWith("closed 1002 "), h.events().get(1));
        assertEquals(1002, h.sentCloses().get(0).code());
        h.connection.onTransportClosed(new IOException("reset")); // after the end: no second report, no throw
        assertEquals(2, h.events().size());
    }

    @Test
    void serverFailsOnUnmaskedClientFrame() {
        ConnectionHarness h = new ConnectionHarness(Role.SERVER);
        h.receiveRaw("81 01 41");
        assertEquals("failure 1002 CLIENT_FRAME_NOT_MASKED", h.events().get(0));
        assertEquals(1002, h.sentCloses().get(0).code());
    }

    @Test
    void clientFailsOnMaskedServerFrame() {
        ConnectionHarness h = new ConnectionHarness(Role.CLIENT);
        h.connection.receive(Wire.masked("81 01 41"));
        assertEquals("failure 1002 SERVER_FRAME_MASKED", h.events().get(0));
        assertEquals(1002, h.sentCloses().get(0).code());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void framesBeforeTheViolationInTheSameBufferAreDelivered(Role role) {
        ConnectionHarness h = new ConnectionHarness(role);
        h.receive("81 01 41 | 89 00 | 8f 00 | 81 01 42");
        assertEquals(List.of("text \"A\" last", "ping", "failure 1002 RESERVED_OPCODE"), h.events().subList(0, 3));
        assertEquals("8a00", h.sent().get(0));
        assertEquals(1002, h.sentCloses().get(0).code());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void violationAfterOurCloseClosesWithoutASecondCloseFrame(Role role) {
        ConnectionHarness h = new ConnectionHarness(role);
        h.connection.close(new ClosePayload(1000, ""), Callback.NOOP);
        h.receive("83 00");
        assertEquals("failure 1002 RESERVED_OPCODE", h.events().get(0));
        assertTrue(h.events().get(1).startsWith("closed 1002 "));
        assertEquals(List.of("8802 03e8"), h.sent(), "our close frame is already out; no second one");
        assertEquals(1, h.transport.closeCalls());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void limitsSetOnTheConnectionApplyFromTheNextHeader(Role role) {
        ConnectionHarness h = new ConnectionHarness(role);
        h.receive("01 02 6869");
        h.connection.setLimits(Limits.builder().maxTextMessageSize(3).build());
        assertEquals(3, h.connection.limits().maxTextMessageSize());
        h.receive("80 02 6869");
        assertEquals(List.of("text \"hi\" more", "failure 1009 TEXT_MESSAGE_TOO_LARGE"), h.events().subList(0, 2));
        assertEquals(1009, h.sentCloses().get(0).code());
    }

    // ---------------------------------------------------------------- invalid UTF-8 in text (section 8.1, 1007)
    //
    // These run against the real Utf8Validator merged from engine-utf8-handshake. Written while the engine
    // still had a placeholder that accepted everything; with that placeholder back they would fail.

    @ParameterizedTest
    @EnumSource(Role.class)
    void invalidUtf8InATextFrameFailsWith1007(Role role) {
        ConnectionHarness h = new ConnectionHarness(role);
        h.receive("81 04 6869 c328");
        assertEquals("failure 1007 TEXT_INVALID_UTF8", h.events().get(0));
        assertTrue(h.events().get(1).startsWith("closed 1007 "));
        assertEquals(1007, h.sentCloses().get(0).code());
        assertEquals(1, h.transport.closeCalls());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void invalidUtf8SplitAcrossFragmentsFailsAtTheFragmentThatBreaksIt(Role role) {
        ConnectionHarness h = new ConnectionHarness(role);
        h.receive("01 01 e2 | 00 01 82 | 80 02 2841");
        assertEquals(List.of("text hex:e2 more", "text hex:82 more", "failure 1007 TEXT_INVALID_UTF8"),
                h.events().subList(0, 3));
        assertEquals(1007, h.sentCloses().get(0).code());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void textMessageEndingInsideACharacterFailsWith1007(Role role) {
        ConnectionHarness h = new ConnectionHarness(role);
        h.receive("01 01 41 | 80 02 e282");
        assertEquals(List.of("text \"A\" more", "failure 1007 TEXT_INVALID_UTF8"), h.events().subList(0, 2));
        assertEquals(1007, h.sentCloses().get(0).code());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void utf8StateStartsAfreshWithEachMessage(Role role) {
        ConnectionHarness h = new ConnectionHarness(role);
        // A message that ended validly must not leave state behind for the next one.
        h.receive("81 03 e282ac | 81 01 41 | 82 01 e2 | 81 01 42");
        assertEquals(List.of("text \"\u20ac\" last", "text \"A\" last", "binary e2 last", "text \"B\" last"),
                h.events());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void controlFramesBetweenTextFragmentsDoNotDisturbUtf8Validation(Role role) {
        ConnectionHarness h = new ConnectionHarness(role);
        h.receive("01 01 e2 | 89 01 ff | 8a 01 c0 | 80 02 82ac"); // U+20AC split around a ping and a pong
        assertEquals(List.of("text hex:e2 more", "ping ff", "pong c0", "text hex:82ac last"), h.events());
    }

    // A server's parser notes the ASCII prefix of each masked text payload and validation skips it; a client's
    // parser sees unmasked frames and notes nothing. Both roles must fail at the same byte.

    @ParameterizedTest
    @EnumSource(Role.class)
    void invalidUtf8AfterALongAsciiRunFailsAtThatByte(Role role) {
        ConnectionHarness h = new ConnectionHarness(role);
        h.receive("81 7e 012e " + "41".repeat(300) + " ff41");
        assertEquals(List.of("failure 1007 TEXT_INVALID_UTF8"), h.events().subList(0, 1));
        assertEquals("text message is not valid UTF-8: at byte 300 of a frame",
                h.listener.failures().get(0).getMessage());
        assertEquals(1007, h.sentCloses().get(0).code());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void asciiFragmentWhereACharacterMustContinueFailsAtItsFirstByte(Role role) {
        ConnectionHarness h = new ConnectionHarness(role);
        h.receive("01 01 e2 | 80 7e 0100 " + "41".repeat(256));
        assertEquals(List.of("text hex:e2 more", "failure 1007 TEXT_INVALID_UTF8"), h.events().subList(0, 2));
        assertEquals("text message is not valid UTF-8: at byte 0 of a frame", h.listener.failures().get(0).getMessage());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void asciiFragmentsAfterCompleteCharactersAreDelivered(Role role) {
        ConnectionHarness h = new ConnectionHarness(role);
        h.receive("01 03 e282ac | 00 7e 0100 " + "41".repeat(256) + " | 80 02 c3a9");
        assertEquals(List.of("text \"\u20ac\" more", "text \"" + "A".repeat(256) + "\" more", "text \"\u00e9\" last"),
                h.events());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void invalidUtf8InTheCloseReasonFailsWith1007(Role role) {
        ConnectionHarness h = new ConnectionHarness(role);
        h.receive("88 04 03e8 c328");
        assertEquals("failure 1007 CLOSE_REASON_INVALID_UTF8", h.events().get(0));
        assertEquals(1007, h.sentCloses().get(0).code());
    }

    // ---------------------------------------------------------------- the transport ending

    /**
     * Transport.close() may report onTransportClosed before it returns (an in-memory transport, or
     * a socket that is already gone). The connection must still report the code it failed with,
     * not 1006.
     */
    @ParameterizedTest
    @EnumSource(Role.class)
    void failureIsReportedWithItsCodeWhenTheTransportReportsClosedAtOnce(Role role) {
        ConnectionHarness h = new ConnectionHarness(role);
        h.transport.closeSynchronously(h.connection);
        h.receive("83 00");
        assertEquals(List.of("failure 1002 RESERVED_OPCODE", "closed 1002 \"reserved opcode: 0x3\""), h.events());
        assertEquals(h.sentCloses(), h.listener.closes());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void closeHandshakeIsReportedWithThePeersCodeWhenTheTransportReportsClosedAtOnce(Role role) {
        ConnectionHarness peerFirst = new ConnectionHarness(role);
        peerFirst.transport.closeSynchronously(peerFirst.connection);
        peerFirst.receive("88 04 0fa0 6869");
        assertEquals(List.of("closed 4000 \"hi\""), peerFirst.events());

        ConnectionHarness usFirst = new ConnectionHarness(role);
        usFirst.transport.closeSynchronously(usFirst.connection);
        usFirst.connection.close(new ClosePayload(1000, ""), Callback.NOOP);
        usFirst.receive("88 02 03e9");
        assertEquals(List.of("closed 1001 \"\""), usFirst.events());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void transportEndingWithoutCloseFrameReports1006(Role role) {
        ConnectionHarness h = new ConnectionHarness(role);
        h.connection.onTransportClosed(null);
        assertEquals(List.of("closed 1006 \"\""), h.events());
        assertTrue(h.connection.isClosed());
        assertEquals(List.of(), h.sent(), "nothing can be sent on a transport that is gone");
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void transportFailingReportsTheCauseThen1006(Role role) {
        ConnectionHarness h = new ConnectionHarness(role);
        h.connection.onTransportClosed(new IOException("connection reset"));
        assertEquals(List.of("failure IOException: connection reset", "closed 1006 \"connection reset\""), h.events());
        h.connection.onTransportClosed(new IOException("again"));
        assertEquals(2, h.events().size());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void transportFailingWithoutAMessageReportsAnEmptyReason(Role role) {
        ConnectionHarness h = new ConnectionHarness(role);
        h.connection.onTransportClosed(new IOException());
        assertEquals(List.of("failure IOException: null", "closed 1006 \"\""), h.events());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void transportEndingAfterOurCloseWithoutAReplyReports1006(Role role) {
        ConnectionHarness h = new ConnectionHarness(role);
        h.connection.close(new ClosePayload(1000, ""), Callback.NOOP);
        h.connection.onTransportClosed(null);
        assertEquals(List.of("closed 1006 \"\""), h.events());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void abortEndsTheTransportAtOnceWithoutACloseFrame(Role role) {
        ConnectionHarness h = new ConnectionHarness(role);
        h.connection.abort();
        assertEquals(1, h.transport.abortCalls()); // not close(): that would wait for queued writes
        assertEquals(0, h.transport.closeCalls());
        assertEquals(List.of(), h.sent());
        assertTrue(h.connection.isClosed());
        h.connection.onTransportClosed(null);
        assertEquals(List.of("closed 1006 \"\""), h.events());
    }

    /** Section 7.1.3: the end whose close frame goes first started the closing handshake; an abort is this end's too. */
    @ParameterizedTest
    @EnumSource(Role.class)
    void closeIsStartedHereOnlyByThisEndsCloseFrameOrAbort(Role role) {
        ConnectionHarness ours = new ConnectionHarness(role);
        assertFalse(ours.connection.isCloseStartedHere());
        ours.connection.close(new ClosePayload(1001, ""), Callback.NOOP);
        ours.receive("88 02 03e9");
        assertTrue(ours.connection.isCloseStartedHere());

        ConnectionHarness peers = new ConnectionHarness(role);
        peers.receive("88 02 03e9");
        peers.connection.close(new ClosePayload(1000, ""), Callback.NOOP); // too late: the reply went already
        assertFalse(peers.connection.isCloseStartedHere());

        ConnectionHarness dropped = new ConnectionHarness(role);
        dropped.connection.onTransportClosed(null);
        assertFalse(dropped.connection.isCloseStartedHere());

        ConnectionHarness failedByPeer = new ConnectionHarness(role);
        failedByPeer.receive("8f 00"); // a reserved opcode: this end fails the connection, the peer caused it
        assertFalse(failedByPeer.connection.isCloseStartedHere());

        ConnectionHarness aborted = new ConnectionHarness(role);
        aborted.connection.abort();
        assertTrue(aborted.connection.isCloseStartedHere());
    }

    // ---------------------------------------------------------------- sending

    @ParameterizedTest
    @EnumSource(Role.class)
    void sendsBecomeFramesAndCompleteWhenTheTransportDoes(Role role) {
        ConnectionHarness h = new ConnectionHarness(role);
        RecordingCallback text = new RecordingCallback();
        RecordingCallback binary = new RecordingCallback();
        RecordingCallback ping = new RecordingCallback();
        h.connection.sendText(utf8("Hi"), true, text);
        h.connection.sendBinary(Hex.buffer("0102"), true, binary);
        h.connection.sendPing(Hex.buffer("70"), ping);
        h.connection.sendPong(Hex.buffer("71"), Callback.NOOP);
        assertEquals(List.of("8102 4869", "8202 0102", "8901 70", "8a01 71"), h.sent());
        assertEquals(List.of(), text.outcomes);

        h.transport.succeedNext();
        IOException broken = new IOException("broken pipe");
        h.transport.failNext(broken);
        assertEquals(List.of("succeeded"), text.outcomes);
        assertEquals(List.of("failed IOException"), binary.outcomes);
        assertEquals(broken, binary.cause);
        assertEquals(List.of(), ping.outcomes);
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void pingLongerThan125BytesIsRefused(Role role) {
        ConnectionHarness h = new ConnectionHarness(role);
        assertThrows(IllegalArgumentException.class, () -> h.connection.sendPing(ByteBuffer.allocate(126),
                Callback.NOOP));
        assertEquals(List.of(), h.sent());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void fragmentedOutgoingMessageUsesContinuationFramesAndAllowsControlFramesBetween(Role role) {
        ConnectionHarness h = new ConnectionHarness(role);
        h.connection.sendText(utf8("Hel"), false, Callback.NOOP);
        assertTrue(h.connection.isSendingFragmentedMessage());
        h.connection.sendPing(ByteBuffer.allocate(0), Callback.NOOP);
        h.connection.sendPong(ByteBuffer.allocate(0), Callback.NOOP);
        h.connection.sendText(utf8(""), false, Callback.NOOP);
        h.connection.sendText(utf8("lo"), true, Callback.NOOP);
        assertFalse(h.connection.isSendingFragmentedMessage());
        h.connection.sendBinary(Hex.buffer("01"), true, Callback.NOOP);
        assertEquals(List.of("0103 48656c", "8900", "8a00", "0000", "8002 6c6f", "8201 01"), h.sent());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void newDataMessageInsideAFragmentedOutgoingMessageIsIllegalState(Role role) {
        ConnectionHarness h = new ConnectionHarness(role);
        h.connection.sendBinary(Hex.buffer("01"), false, Callback.NOOP);
        RecordingCallback refused = new RecordingCallback();
        assertThrows(IllegalStateException.class, () -> h.connection.sendText(utf8("x"), true, refused));
        assertEquals(List.of(), refused.outcomes, "an exception, not a callback");
        assertEquals(List.of("0201 01"), h.sent());

        h.connection.sendBinary(Hex.buffer("02"), true, Callback.NOOP);
        h.connection.sendText(utf8("x"), true, Callback.NOOP);
        assertEquals(List.of("0201 01", "8001 02", "8101 78"), h.sent());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void sendsAfterOurCloseFailWithConnectionClosedException(Role role) {
        ConnectionHarness h = new ConnectionHarness(role);
        h.connection.close(new ClosePayload(1000, ""), Callback.NOOP);
        assertSendsFail(h);
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void sendsAfterThePeersCloseFailWithConnectionClosedException(Role role) {
        ConnectionHarness h = new ConnectionHarness(role);
        h.receive("88 02 03e8");
        assertSendsFail(h);
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void sendsAfterAFailureFailWithConnectionClosedException(Role role) {
        ConnectionHarness h = new ConnectionHarness(role);
        h.receive("83 00");
        assertSendsFail(h);
    }

    /**
     * Section 7.1.7: a failed connection sends nothing after its close frame. An application's
     * error handler often answers the failure with a message; that send must fail, not reach the
     * peer ahead of the close frame that tells it why the connection ended (here 1009).
     */
    @ParameterizedTest
    @EnumSource(Role.class)
    void aSendFromInsideOnFailureFailsAndTheCloseFrameIsAllThePeerGets(Role role) {
        ConnectionHarness h = new ConnectionHarness(role, Limits.builder().maxTextMessageSize(3).build());
        RecordingCallback answer = new RecordingCallback();
        h.listener.onEvent(event -> {
            if (event.startsWith("failure")) {
                h.connection.sendText(utf8("too big, sorry"), true, answer);
            }
        });
        h.receive("81 04 41424344");
        assertEquals(List.of("failed ConnectionClosedException"), answer.outcomes);
        assertEquals(1, h.sent().size(), "frames sent: " + h.sent());
        assertEquals(1009, h.sentCloses().get(0).code());
    }

    private static void assertSendsFail(ConnectionHarness h) {
        int writes = h.transport.writes().size();
        RecordingCallback text = new RecordingCallback();
        RecordingCallback binary = new RecordingCallback();
        RecordingCallback ping = new RecordingCallback();
        RecordingCallback pong = new RecordingCallback();
        h.connection.sendText(utf8("x"), true, text);
        h.connection.sendBinary(Hex.buffer("01"), true, binary);
        h.connection.sendPing(ByteBuffer.allocate(0), ping);
        h.connection.sendPong(ByteBuffer.allocate(0), pong);
        for (RecordingCallback callback : List.of(text, binary, ping, pong)) {
            assertEquals(List.of("failed ConnectionClosedException"), callback.outcomes);
            assertInstanceOf(ConnectionClosedException.class, callback.cause);
        }
        assertEquals(writes, h.transport.writes().size());
        assertFalse(h.connection.isOutputOpen());
    }

    // ---------------------------------------------------------------- pausing reading

    @ParameterizedTest
    @EnumSource(Role.class)
    void pauseReadingInACallbackStopsDeliveryAndLeavesTheRestUnconsumed(Role role) {
        ConnectionHarness h = new ConnectionHarness(role);
        h.listener.onEvent(event -> {
            if (event.startsWith("text")) {
                h.connection.pauseReading();
            }
        });
        ByteBuffer in = h.fromPeer("81 01 41 | 89 00 | 82 01 03");
        int total = in.remaining();
        h.connection.receive(in);

        assertEquals(List.of("text \"A\" last"), h.events());
        assertTrue(h.connection.isReadingPaused());
        int firstFrame = role == Role.SERVER ? 7 : 3;
        assertEquals(total - firstFrame, in.remaining(), "the frames after the pause stay in the buffer");
        assertEquals(List.of(), h.sent(), "the ping after the pause is not read yet");

        h.connection.receive(in);
        assertEquals(1, h.events().size(), "nothing is delivered while paused");
        assertEquals(total - firstFrame, in.remaining());
        assertEquals(0, h.transport.resumeReadingCalls());

        h.listener.onEvent(event -> { });
        h.connection.resumeReading();
        assertFalse(h.connection.isReadingPaused());
        assertEquals(1, h.transport.resumeReadingCalls());
        h.connection.receive(in); // as the transport does: the left-over bytes first
        assertEquals(List.of("text \"A\" last", "ping", "binary 03 last"), h.events());
        assertEquals(List.of("8a00"), h.sent());
        assertEquals(0, in.remaining());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void pauseWhileAFrameIsHalfReceivedTakesEffectAfterThatFrame(Role role) {
        ConnectionHarness h = new ConnectionHarness(role);
        h.listener.onEvent(event -> h.connection.pauseReading());
        ByteBuffer wire = h.fromPeer("82 04 01020304 | 82 01 05");
        int split = role == Role.SERVER ? 8 : 4;
        ByteBuffer first = wire.slice(0, split);
        ByteBuffer rest = wire.slice(split, wire.limit() - split);
        h.connection.receive(first);
        assertEquals(0, first.remaining());
        assertEquals(List.of(), h.events());
        h.connection.receive(rest);
        assertEquals(List.of("binary 01020304 last"), h.events());
        assertTrue(rest.hasRemaining());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void resumeReadingWhenNotPausedDoesNotBotherTheTransport(Role role) {
        ConnectionHarness h = new ConnectionHarness(role);
        h.connection.resumeReading();
        assertEquals(0, h.transport.resumeReadingCalls());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void pauseInOnPingStillAnswersThatPing(Role role) {
        ConnectionHarness h = new ConnectionHarness(role);
        h.listener.onEvent(event -> h.connection.pauseReading());
        ByteBuffer in = h.receive("89 01 61 | 89 01 62");
        assertEquals(List.of("ping 61"), h.events());
        assertEquals(List.of("8a01 61"), h.sent());
        assertTrue(in.hasRemaining());
    }

    // ---------------------------------------------------------------- identity

    @ParameterizedTest
    @EnumSource(Role.class)
    void connectionReportsItsRoleAndLimits(Role role) {
        Limits limits = Limits.builder().maxTextMessageSize(77).build();
        ConnectionHarness h = new ConnectionHarness(role, limits);
        assertEquals(role, h.connection.role());
        assertEquals(limits, h.connection.limits());
        assertTrue(h.connection.isOutputOpen());
        assertFalse(h.connection.isClosed());
        assertFalse(h.connection.isReadingPaused());
    }
}
