package dev.duplex.client.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.engine.handshake.ExtensionOffer;
import dev.duplex.engine.handshake.ExtensionParameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** RFC 6455 section 4.1, points 1 to 6, each with its own message. No sockets. */
class HandshakeValidatorTest {
    // The example of RFC 6455 section 1.3.
    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    private static final String ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    private static Map<String, List<String>> validHeaders() {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("Upgrade", List.of("websocket"));
        headers.put("Connection", List.of("Upgrade"));
        headers.put("Sec-WebSocket-Accept", List.of(ACCEPT));
        return headers;
    }

    private static HandshakeValidator.Agreement validate(Map<String, List<String>> headers) throws HandshakeException {
        return HandshakeValidator.validate(ACCEPT, List.of("chat", "superchat"),
                List.of(ExtensionOffer.of("permessage-deflate")), 101, "Switching Protocols", headers);
    }

    private static String refusal(Map<String, List<String>> headers) {
        return assertThrows(HandshakeException.class, () -> validate(headers)).getMessage();
    }

    @Test
    void theExampleOfTheRfcIsAccepted() throws HandshakeException {
        HandshakeValidator.Agreement agreement = validate(validHeaders());
        assertNull(agreement.subprotocol());
        assertEquals(List.of(), agreement.extensions());
    }

    @Test
    void acceptedHandshakeReportsTheChosenSubprotocolAndExtensions() throws HandshakeException {
        Map<String, List<String>> headers = validHeaders();
        headers.put("Sec-WebSocket-Protocol", List.of("superchat"));
        headers.put("Sec-WebSocket-Extensions", List.of("permessage-deflate; server_no_context_takeover"));
        HandshakeValidator.Agreement agreement = validate(headers);
        assertEquals("superchat", agreement.subprotocol());
        ExtensionOffer deflate = ExtensionOffer.of("permessage-deflate",
                ExtensionParameter.of("server_no_context_takeover"));
        assertEquals(List.of(deflate), agreement.extensions());
    }

    @Test
    void upgradeAndConnectionCompareIgnoringCaseAndConnectionMayListMoreTokens() throws HandshakeException {
        Map<String, List<String>> headers = validHeaders();
        headers.put("Upgrade", List.of("WebSocket"));
        headers.put("Connection", List.of("keep-alive, UPGRADE"));
        validate(headers);
    }

    @Test
    void statusOtherThan101IsARefusal() {
        HandshakeException e = assertThrows(HandshakeException.class,
                () -> HandshakeValidator.validate(ACCEPT, List.of(), List.of(), 404, "Not Found", validHeaders()));
        assertEquals("the server answered 404 Not Found instead of 101 Switching Protocols (RFC 6455 section 4.1)",
                e.getMessage());
        assertEquals(404, e.status());
    }

    @Test
    void missingUpgrade() {
        Map<String, List<String>> headers = validHeaders();
        headers.remove("Upgrade");
        assertEquals("the 101 response has no Upgrade header field (RFC 6455 section 4.1, point 2)", refusal(headers));
    }

    @Test
    void upgradeToAnotherProtocol() {
        Map<String, List<String>> headers = validHeaders();
        headers.put("Upgrade", List.of("h2c"));
        assertEquals("the 101 response's Upgrade header field is 'h2c', not 'websocket'"
                + " (RFC 6455 section 4.1, point 2)", refusal(headers));
    }

    @Test
    void missingConnection() {
        Map<String, List<String>> headers = validHeaders();
        headers.remove("Connection");
        assertEquals("the 101 response has no Connection header field (RFC 6455 section 4.1, point 3)",
                refusal(headers));
    }

    @Test
    void connectionWithoutUpgradeToken() {
        Map<String, List<String>> headers = validHeaders();
        headers.put("Connection", List.of("keep-alive"));
        assertEquals("the 101 response's Connection header field 'keep-alive' has no 'Upgrade' token"
                + " (RFC 6455 section 4.1, point 3)", refusal(headers));
    }

    @Test
    void missingAccept() {
        Map<String, List<String>> headers = validHeaders();
        headers.remove("Sec-WebSocket-Accept");
        assertEquals("the 101 response has no Sec-WebSocket-Accept header field (RFC 6455 section 4.1, point 4)",
                refusal(headers));
    }

    @Test
    void repeatedAccept() {
        Map<String, List<String>> headers = validHeaders();
        headers.put("Sec-WebSocket-Accept", List.of(ACCEPT, ACCEPT));
        assertEquals("the 101 response has 2 Sec-WebSocket-Accept header fields; exactly one is allowed"
                + " (RFC 6455 section 4.1, point 4)", refusal(headers));
    }

    @Test
    void wrongAccept() {
        Map<String, List<String>> headers = validHeaders();
        headers.put("Sec-WebSocket-Accept", List.of(ACCEPT.toLowerCase()));
        assertEquals("the 101 response's Sec-WebSocket-Accept is '" + ACCEPT.toLowerCase()
                + "' but the key sent calls for '" + ACCEPT + "' (RFC 6455 section 4.1, point 4)", refusal(headers));
    }

    @Test
    void extensionThatWasNotOffered() {
        Map<String, List<String>> headers = validHeaders();
        headers.put("Sec-WebSocket-Extensions", List.of("x-webkit-deflate-frame"));
        assertEquals("the server answered with extension 'x-webkit-deflate-frame', which was not offered"
                + " (offered: [permessage-deflate]) (RFC 6455 section 4.1, point 5)", refusal(headers));
    }

    @Test
    void subprotocolThatWasNotOffered() {
        Map<String, List<String>> headers = validHeaders();
        headers.put("Sec-WebSocket-Protocol", List.of("Chat"));
        assertEquals("the server chose subprotocol 'Chat', which was not offered (offered: [chat, superchat])"
                + " (RFC 6455 section 4.1, point 6)", refusal(headers));
    }

    @Test
    void moreThanOneSubprotocol() {
        Map<String, List<String>> headers = validHeaders();
        headers.put("Sec-WebSocket-Protocol", List.of("chat, superchat"));
        assertEquals("the server answered with 2 subprotocols [chat, superchat]; it must choose at most one"
                + " (RFC 6455 section 4.2.2)", refusal(headers));
    }

    @Test
    void malformedExtensionsField() {
        Map<String, List<String>> headers = validHeaders();
        headers.put("Sec-WebSocket-Extensions", List.of("permessage-deflate;"));
        String message = refusal(headers);
        assertTrue(message.startsWith("the 101 response has a malformed header field: "), message);
    }

    @Test
    void requestAndResponseFromTheTransportTypesAreCheckedTogether() throws HandshakeException {
        ConnectRequest request = ConnectRequest.builder(java.net.URI.create("ws://server.test/chat"))
                .secWebSocketKey(KEY)
                .header("Sec-WebSocket-Protocol", "chat, superchat")
                .build();
        Map<String, List<String>> headers = validHeaders();
        headers.put("Sec-WebSocket-Protocol", List.of("chat"));
        UpgradeResponse response = new UpgradeResponse(101, "Switching Protocols", headers,
                java.nio.ByteBuffer.allocate(0));
        assertEquals("chat", HandshakeValidator.validate(request, response).subprotocol());
    }

    @Test
    void headerNamesAreLookedUpIgnoringCaseWhateverTheMap() throws HandshakeException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        validHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), new ArrayList<>(values)));
        validate(headers);
    }
}
