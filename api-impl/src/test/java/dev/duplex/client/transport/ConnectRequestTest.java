package dev.duplex.client.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.engine.handshake.WebSocketKey;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the upgrade request says, and which requests cannot be built. No sockets. */
class ConnectRequestTest {

    private static ConnectRequest request(String uri) {
        return ConnectRequest.builder(URI.create(uri)).build();
    }

    private static String text(java.nio.ByteBuffer bytes) {
        return StandardCharsets.ISO_8859_1.decode(bytes).toString();
    }

    @Test
    void defaultPortsAreLeftOutOfHostAndOthersKept() {
        assertEquals(List.of("server.test"), request("ws://server.test/").handshakeHeader("host"));
        assertEquals(List.of("server.test"), request("wss://server.test:443/").handshakeHeader("Host"));
        assertEquals(List.of("server.test:443"), request("ws://server.test:443/").handshakeHeader("Host"));
        assertEquals(List.of("[::1]:8080"), request("ws://[::1]:8080/").handshakeHeader("Host"));
        assertEquals(80, request("ws://server.test").port());
        assertEquals(443, request("WSS://server.test").port());
    }

    @Test
    void requestTargetIsThePathAndQueryAsEscapedInTheUri() {
        assertEquals("/", request("ws://server.test").requestTarget());
        assertEquals("/a%20b/c?x=1&y=%2F", request("ws://server.test/a%20b/c?x=1&y=%2F").requestTarget());
        assertEquals("/?only=query", request("ws://server.test?only=query").requestTarget());
    }

    @Test
    void upgradeRequestHasTheRequiredFieldsFirstThenTheCallers() {
        ConnectRequest request = ConnectRequest.builder(URI.create("ws://server.test:8080/chat?x=1"))
                .secWebSocketKey("dGhlIHNhbXBsZSBub25jZQ==")
                .header("Origin", "http://client.test")
                .header("X-Many", "1", "2")
                .build();
        assertEquals("GET /chat?x=1 HTTP/1.1\r\n"
                + "Host: server.test:8080\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "Origin: http://client.test\r\n"
                + "X-Many: 1\r\n"
                + "X-Many: 2\r\n"
                + "\r\n", text(RequestEncoder.upgrade(request)));
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", request.expectedAccept()); // RFC 6455 section 1.3
    }

    @Test
    void everyRequestGetsAFreshKey() {
        ConnectRequest first = request("ws://server.test/");
        ConnectRequest second = request("ws://server.test/");
        assertNotEquals(first.secWebSocketKey(), second.secWebSocketKey());
        assertEquals(WebSocketKey.acceptFor(first.secWebSocketKey()), first.expectedAccept());
    }

    @Test
    void configuratorMapReplacesFieldsOfTheSameNameIgnoringCase() {
        ConnectRequest draft = ConnectRequest.builder(URI.create("ws://server.test/"))
                .header("Origin", "http://a.test").build();
        // As a Jakarta configurator's beforeRequest would: change some required fields, drop a caller field.
        Map<String, List<String>> edited = new LinkedHashMap<>(draft.handshakeHeaders());
        edited.remove("Origin");
        edited.remove("Sec-WebSocket-Key");
        edited.put("sec-websocket-key", List.of("AAAAAAAAAAAAAAAAAAAAAA=="));
        edited.put("X-Added", List.of("yes"));
        ConnectRequest request = draft.toBuilder().headers(edited).build();

        assertEquals("AAAAAAAAAAAAAAAAAAAAAA==", request.secWebSocketKey());
        assertEquals(List.of("AAAAAAAAAAAAAAAAAAAAAA=="), request.handshakeHeader("Sec-WebSocket-Key"));
        assertEquals(List.of(), request.handshakeHeader("Origin"));
        assertEquals(List.of("yes"), request.handshakeHeader("x-added"));
        assertEquals(WebSocketKey.acceptFor("AAAAAAAAAAAAAAAAAAAAAA=="), request.expectedAccept());
    }

    @Test
    void keyReplacedByAnInvalidOneLeavesNoExpectedAccept() {
        ConnectRequest request = ConnectRequest.builder(URI.create("ws://server.test/"))
                .header("Sec-WebSocket-Key", "not a key").build();
        assertNull(request.secWebSocketKey());
        assertNull(request.expectedAccept());
    }

    @Test
    void proxyConnectNamesTheServersHostAndPort() {
        ConnectRequest request = ConnectRequest.builder(URI.create("wss://server.test/"))
                .proxy(InetSocketAddress.createUnresolved("proxy.test", 3128))
                .proxyHeader("Proxy-Authorization", "Basic dTpw")
                .build();
        assertEquals("CONNECT server.test:443 HTTP/1.1\r\n"
                + "Host: server.test:443\r\n"
                + "Proxy-Authorization: Basic dTpw\r\n\r\n",
                text(RequestEncoder.connect(request)));
    }

    @Test
    void uriMustBeWsOrWssWithAHostAndNoFragment() {
        assertEquals("the URI's scheme must be ws or wss (RFC 6455 section 3): http://server.test/",
                assertThrows(IllegalArgumentException.class, () -> request("http://server.test/")).getMessage());
        assertEquals("the URI has no host (RFC 6455 section 3): ws:/relative",
                assertThrows(IllegalArgumentException.class, () -> request("ws:/relative")).getMessage());
        assertEquals("a WebSocket URI must not have a fragment (RFC 6455 section 3): ws://server.test/#part",
                assertThrows(IllegalArgumentException.class, () -> request("ws://server.test/#part")).getMessage());
    }

    @Test
    void headerFieldsThatCouldSplitTheRequestAreRefused() {
        ConnectRequest.Builder builder = ConnectRequest.builder(URI.create("ws://server.test/"));
        IllegalArgumentException value = assertThrows(IllegalArgumentException.class,
                () -> builder.header("X-Evil", "a\r\nInjected: yes"));
        assertTrue(value.getMessage().startsWith("header field X-Evil has a value with CR, LF, NUL"),
                value.getMessage());
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class,
                () -> builder.header("Bad Name", "x"));
        assertEquals("not an HTTP header field name: 'Bad Name'", name.getMessage());
    }

    @Test
    void timeoutsAndKeysAreChecked() {
        ConnectRequest.Builder builder = ConnectRequest.builder(URI.create("ws://server.test/"));
        assertEquals("connectTimeout must be positive: PT0S",
                assertThrows(IllegalArgumentException.class, () -> builder.connectTimeout(Duration.ZERO)).getMessage());
        assertEquals("handshakeTimeout must be positive: PT-1S",
                assertThrows(IllegalArgumentException.class,
                        () -> builder.handshakeTimeout(Duration.ofSeconds(-1))).getMessage());
        assertEquals("a Sec-WebSocket-Key is 16 bytes in base64 (RFC 6455 section 4.1): 'short=='",
                assertThrows(IllegalArgumentException.class, () -> builder.secWebSocketKey("short==")).getMessage());
    }
}
