package dev.duplex.engine;

import dev.duplex.engine.testkit.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

/** Close frame bodies (RFC 6455 section 5.5.1) and which status codes may be on the wire (section 7.4). */
class ClosePayloadTest {

    /**
     * The rule written out independently of CloseStatus: 1000-1003 and 1007-1014 (RFC 6455 and
     * the IANA registry), 3000-4999 (registered and private use). Everything else, including the
     * reserved 1004, 1005, 1006 and 1015, is invalid on the wire.
     */
    private static boolean expectedValidOnWire(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }

    private static ByteBuffer codeOnly(int code) {
        return ByteBuffer.allocate(2).putShort(0, (short) code);
    }

    @Test
    void everyCodeIsClassifiedExactly() {
        int valid = 0;
        for (int code = 0; code <= 65535; code++) {
            boolean expected = expectedValidOnWire(code);
            assertEquals(expected, CloseStatus.isValidOnWire(code), "isValidOnWire(" + code + ")");
            assertEquals(expected, CloseStatus.maySend(code), "maySend(" + code + ")");
            valid += expected ? 1 : 0;
        }
        assertEquals(4 + 8 + 2000, valid);
    }

    @Test
    void everyCodeValidOnTheWireParsesAndEveryOtherIsProtocolError() {
        for (int code = 0; code <= 65535; code++) {
            if (expectedValidOnWire(code)) {
                try {
                    assertEquals(new ClosePayload(code, ""), ClosePayload.parse(codeOnly(code)));
                } catch (ProtocolException e) {
                    fail("code " + code + " is valid but was refused: " + e.getMessage());
                }
            } else {
                int rejected = code;
                ProtocolException e = assertThrows(ProtocolException.class,
                        () -> ClosePayload.parse(codeOnly(rejected)),
                        "code " + code + " must be refused");
                assertEquals(Violation.CLOSE_CODE_INVALID, e.violation(), "code " + code);
                assertEquals(1002, e.closeCode(), "code " + code);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 2000, 2999, 5000, 5999, 65535})
    void codesNotValidOnTheWireAreRefusedWithAReasonToo(int code) {
        ByteBuffer payload = ByteBuffer.allocate(5).putShort((short) code).put(Hex.bytes("627965")).flip();
        ProtocolException e = assertThrows(ProtocolException.class, () -> ClosePayload.parse(payload));
        assertEquals(Violation.CLOSE_CODE_INVALID, e.violation());
        assertEquals(1002, e.closeCode());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"03", "e8", "00"})
    void onePayloadByteIsProtocolError(String oneByte) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> ClosePayload.parse(Hex.buffer(oneByte)));
        assertEquals(Violation.CLOSE_PAYLOAD_ONE_BYTE, e.violation());
        assertEquals(1002, e.closeCode());
    }

    @Test
    void emptyPayloadReportsNoStatusReceived() throws ProtocolException {
        ClosePayload close = ClosePayload.parse(ByteBuffer.allocate(0));
        assertEquals(1005, close.code());
        assertEquals("", close.reason());
        assertEquals(ClosePayload.EMPTY, close);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "lone continuation byte, 80",
            "invalid byte FF, ff",
            "overlong NUL, c080",
            "overlong slash in three bytes, e080af",
            "UTF-16 surrogate, eda080",
            "above U+10FFFF, f4908080",
            "truncated three-byte sequence, e282",
            "truncated at the end after valid text, 6f6be282",
    })
    void reasonThatIsNotUtf8IsInvalidPayload(String name, String reasonHex) {
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> ClosePayload.parse(Hex.buffer("03e8" + reasonHex)));
        assertEquals(Violation.CLOSE_REASON_INVALID_UTF8, e.violation());
        assertEquals(1007, e.closeCode());
    }

    @Test
    void invalidCodeIsReportedBeforeInvalidReason() {
        ProtocolException e = assertThrows(ProtocolException.class, () -> ClosePayload.parse(Hex.buffer("03ed ff")));
        assertEquals(Violation.CLOSE_CODE_INVALID, e.violation());
    }

    @Test
    void codeAndUtf8ReasonAreRead() throws ProtocolException {
        String reason = "bye \u00e9\u20ac\ud83d\ude00";
        ByteBuffer payload = ByteBuffer.allocate(64).putShort((short) 4001)
                .put(reason.getBytes(StandardCharsets.UTF_8)).flip();
        assertEquals(new ClosePayload(4001, reason), ClosePayload.parse(payload));
    }

    @Test
    void parseReadsFromPositionToLimitWithoutMovingThem() throws ProtocolException {
        ByteBuffer payload = Hex.buffer("ffff 03e9 6869 ffff");
        payload.position(2).limit(6);
        assertEquals(new ClosePayload(1001, "hi"), ClosePayload.parse(payload));
        assertEquals(2, payload.position());
        assertEquals(6, payload.limit());
    }

    // ---------------------------------------------------------------- encoding

    @Test
    void encodesCodeAndReasonInNetworkOrder() {
        assertEquals("03e8" + Hex.utf8("bye"), Hex.of(new ClosePayload(1000, "bye").encode()));
        assertEquals("0fa0", Hex.of(new ClosePayload(4000, "").encode()));
        assertEquals("0fa0", Hex.of(new ClosePayload(4000, null).encode()));
    }

    @Test
    void noStatusEncodesAsAnEmptyPayload() {
        assertEquals("", Hex.of(ClosePayload.EMPTY.encode()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {1006, 1015, 1004, 0, 999, 1016, 2999, 5000, 65535, -1})
    void encodeRefusesCodesThatMayNotBeSent(int code) {
        assertThrows(IllegalArgumentException.class, () -> new ClosePayload(code, "").encode());
    }

    @Test
    void encodeRefusesAReasonWithoutACode() {
        ClosePayload reasonOnly = new ClosePayload(CloseStatus.NO_STATUS_RECEIVED, "why");
        assertThrows(IllegalArgumentException.class, reasonOnly::encode);
    }

    @Test
    void reasonOf123Utf8BytesFitsAnd124DoesNot() throws ProtocolException {
        String euro41 = "\u20ac".repeat(41); // 41 x 3 bytes = 123
        ByteBuffer encoded = new ClosePayload(1000, euro41).encode();
        assertEquals(125, encoded.remaining());
        assertEquals(new ClosePayload(1000, euro41), ClosePayload.parse(encoded));

        assertThrows(IllegalArgumentException.class, () -> new ClosePayload(1000, euro41 + "a").encode());
        // 62 two-byte characters: 124 bytes, though only 62 chars.
        assertThrows(IllegalArgumentException.class, () -> new ClosePayload(1000, "\u00e9".repeat(62)).encode());
        assertEquals(125, new ClosePayload(1000, "a".repeat(123)).encode().remaining());
    }

    @Test
    void encodedPayloadFitsAControlFrame() {
        ByteBuffer payload = new ClosePayload(4999, "x".repeat(123)).encode();
        assertEquals(125, FrameWriter.server().encode(true, 0, OpCode.CLOSE, payload)[1].remaining());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 4999})
    void everySendableCodeRoundTrips(int code) throws ProtocolException {
        assertEquals(new ClosePayload(code, "r"), ClosePayload.parse(new ClosePayload(code, "r").encode()));
    }
}
