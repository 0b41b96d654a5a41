package dev.duplex.engine.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 6455 §4.1 item 10, §4.2.1 item 8, §11.3.4. */
class SubprotocolHeaderTest {

    @Test
    void keepsOrderAndCaseAcrossRepeatedHeaders() {
        assertEquals(List.of("chat", "Chat.V2", "superchat"),
                SubprotocolHeader.subprotocols(List.of("chat, Chat.V2", "superchat")));
    }

    @Test
    void dropsOwsAndEmptyElements() {
        assertEquals(List.of("a", "b"), SubprotocolHeader.subprotocols(List.of(" ,\ta ,, b\t", "")));
    }

    @Test
    void keepsDuplicatesAsSent() {
        assertEquals(List.of("chat", "chat"), SubprotocolHeader.subprotocols(List.of("chat, chat")));
    }

    @Test
    void yieldsNothingForAnAbsentHeader() {
        assertEquals(List.of(), SubprotocolHeader.subprotocols(List.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"chat v2", "chat/2", "\"chat\"", "chat;q=1", "ch\u00e4t", "chat:2", "a,b c"})
    void rejectsNamesThatAreNotTokens(String value) {
        HandshakeFormatException e = assertThrows(HandshakeFormatException.class,
                () -> SubprotocolHeader.subprotocols(List.of(value)));

        assertTrue(e.getMessage().startsWith("Sec-WebSocket-Protocol:"), e.getMessage());
    }
}
