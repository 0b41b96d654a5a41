package dev.duplex.engine.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 7230 §6.7 {@code Upgrade = 1#protocol}; RFC 6455 §4.2.1 item 3. */
class UpgradeHeaderTest {

    @Test
    void containsWebsocketIgnoringAsciiCase() {
        assertTrue(UpgradeHeader.containsProtocol(List.of("websocket"), "websocket"));
        assertTrue(UpgradeHeader.containsProtocol(List.of("WebSocket"), "websocket"));
    }

    @Test
    void acceptsProtocolsWithVersionsBesideWebsocket() {
        assertTrue(UpgradeHeader.containsProtocol(List.of("HTTP/2.0, websocket"), "websocket"));
        assertEquals(List.of("HTTP/2.0", "websocket", "h2c"), UpgradeHeader.protocols(List.of("HTTP/2.0, websocket",
                "h2c")));
    }

    @Test
    void doesNotCountAVersionedWebsocketElementAsPlainWebsocket() {
        assertFalse(UpgradeHeader.containsProtocol(List.of("websocket/13"), "websocket"));
    }

    @Test
    void isFalseForAnAbsentHeaderOrOtherProtocols() {
        assertFalse(UpgradeHeader.containsProtocol(List.of(), "websocket"));
        assertFalse(UpgradeHeader.containsProtocol(List.of("h2c, websockets"), "websocket"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "web socket", "websocket/", "/13", "a/b/c", "websocket/1 3", "\"websocket\"", "websocket;q=1"})
    void rejectsElementsThatAreNotProtocols(String value) {
        HandshakeFormatException e = assertThrows(HandshakeFormatException.class,
                () -> UpgradeHeader.containsProtocol(List.of(value), "websocket"));

        assertTrue(e.getMessage().startsWith("Upgrade:"), e.getMessage());
    }

    @Test
    void refusesToSearchForANonToken() {
        assertThrows(IllegalArgumentException.class,
                () -> UpgradeHeader.containsProtocol(List.of("websocket"), "web/socket"));
    }
}
