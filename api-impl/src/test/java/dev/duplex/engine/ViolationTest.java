package dev.duplex.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.EnumSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Violation is the one place a broken rule becomes a close code (RFC 6455 section 7.4.1); pin the table. */
class ViolationTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "RESERVED_BITS_SET, 1002",
            "RESERVED_OPCODE, 1002",
            "CONTROL_FRAME_TOO_LONG, 1002",
            "CONTROL_FRAME_FRAGMENTED, 1002",
            "CLIENT_FRAME_NOT_MASKED, 1002",
            "SERVER_FRAME_MASKED, 1002",
            "LENGTH_TOP_BIT_SET, 1002",
            "CONTINUATION_WITHOUT_MESSAGE, 1002",
            "DATA_FRAME_INSIDE_FRAGMENTED_MESSAGE, 1002",
            "CLOSE_PAYLOAD_ONE_BYTE, 1002",
            "CLOSE_CODE_INVALID, 1002",
            "CLOSE_REASON_INVALID_UTF8, 1007",
            "TEXT_INVALID_UTF8, 1007",
            "FRAME_TOO_LARGE, 1009",
            "TEXT_MESSAGE_TOO_LARGE, 1009",
            "BINARY_MESSAGE_TOO_LARGE, 1009",
            "COMPRESSED_BIT_ON_CONTINUATION, 1002",
            "COMPRESSED_BIT_ON_CONTROL_FRAME, 1002",
            "COMPRESSED_DATA_INVALID, 1007",
    })
    void violationMapsToTheCloseCodeTheRfcNames(Violation violation, int closeCode) {
        assertEquals(closeCode, violation.closeCode());
        assertEquals(closeCode, new ProtocolException(violation).closeCode());
        assertTrue(CloseStatus.maySend(closeCode));
    }

    @Test
    void theTableAboveCoversEveryViolation() {
        assertEquals(19, Violation.values().length,
                "a new Violation needs a row in violationMapsToTheCloseCodeTheRfcNames");
    }

    @ParameterizedTest
    @EnumSource(Violation.class)
    void closeReasonFitsACloseFrame(Violation violation) {
        ProtocolException e = new ProtocolException(violation, "x".repeat(300));
        assertTrue(e.closeReason().length() <= CloseStatus.MAX_REASON_BYTES);
        assertTrue(e.closeReason().startsWith(violation.description()));
        ClosePayload close = new ClosePayload(e.closeCode(), e.closeReason());
        assertTrue(close.encode().remaining() <= 125);
    }

    @Test
    void messageCarriesDescriptionAndDetail() {
        ProtocolException e = new ProtocolException(Violation.RESERVED_OPCODE, "0x3");
        assertEquals("reserved opcode: 0x3", e.getMessage());
        assertEquals(Violation.RESERVED_OPCODE, e.violation());
        assertEquals("reserved opcode", new ProtocolException(Violation.RESERVED_OPCODE).getMessage());
    }

    @Test
    void everyViolationIsOneOfTheThreeCodesAReceiverSends() {
        Set<Integer> codes = Set.of(1002, 1007, 1009);
        for (Violation violation : EnumSet.allOf(Violation.class)) {
            assertTrue(codes.contains(violation.closeCode()), violation.name());
        }
    }
}
