package dev.duplex.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.client.transport.HandshakeException;
import dev.duplex.client.transport.UpgradeResponse;
import jakarta.websocket.DeploymentException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which redirects of the opening handshake are followed, where to, and how each refusal reads. */
class RedirectChainTest {
    private static final URI START = URI.create("ws://a.test:8080/app/chat?room=1");

    private static UpgradeResponse response(int status, String... locations) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (locations.length > 0) {
            headers.put("location", List.of(locations)); // any case: names are looked up ignoring it
        }
        return new UpgradeResponse(status, "Moved", headers, ByteBuffer.allocate(0));
    }

    private static URI next(URI from, String location) throws DeploymentException {
        return RedirectChain.startingAt(from, 5).follow(response(302, location)).current();
    }

    private static String refusal(RedirectChain chain, UpgradeResponse response) {
        DeploymentException refused = assertThrows(DeploymentException.class, () -> chain.follow(response));
        HandshakeException cause = assertInstanceOf(HandshakeException.class, refused.getCause());
        assertEquals(response.status(), cause.status());
        return refused.getMessage();
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 302, 303, 307, 308})
    void theFiveRedirectStatusesAreFollowed(int status) throws Exception {
        assertTrue(RedirectChain.isFollowable(status));
        RedirectChain chain = RedirectChain.startingAt(START, 5).follow(response(status, "ws://b.test/chat"));
        assertEquals(List.of(START, URI.create("ws://b.test/chat")), chain.uris());
        assertEquals(1, chain.redirects());
    }

    @ParameterizedTest
    @ValueSource(ints = {300, 304, 305, 306, 200, 101, 404})
    void otherStatusesAreNot(int status) {
        assertFalse(RedirectChain.isFollowable(status));
    }

    /** RFC 9110 section 10.2.2: a relative Location is resolved against the target URI (RFC 3986 section 5). */
    @ParameterizedTest
    @CsvSource({
        "/other,            ws://a.test:8080/other",
        "other,             ws://a.test:8080/app/other",
        "../up?x=1,         ws://a.test:8080/up?x=1",
        "?room=2,           ws://a.test:8080/app/chat?room=2",
        "//b.test/chat,     ws://b.test/chat",
        "http://b.test/c,   ws://b.test/c",
        "HTTPS://b.test/c,  wss://b.test/c",
        "wss://b.test:9/c,  wss://b.test:9/c",
        "ws://b.test/c#top, ws://b.test/c"
    })
    void locationsAreResolvedAndMadeWebSocketUris(String location, String expected) throws Exception {
        assertEquals(URI.create(expected), next(START, location));
    }

    @Test
    void aRelativeLocationAgainstAUriWithoutPathStartsAtTheRoot() throws Exception {
        assertEquals(URI.create("ws://a.test/chat"), next(URI.create("ws://a.test"), "chat"));
    }

    @Test
    void aRedirectWithoutLocationIsAFailedHandshakeNamingTheStatus() {
        String message = refusal(RedirectChain.startingAt(START, 5), response(307));
        assertTrue(message.contains("307") && message.contains("no Location"), message);
        assertTrue(refusal(RedirectChain.startingAt(START, 5), response(301, " ")).contains("no Location"));
        assertTrue(refusal(RedirectChain.startingAt(START, 5), response(301, "/a", "/b")).contains("2 Location"));
    }

    @Test
    void aLocationThatIsNoWebSocketUriIsRefused() {
        String message = refusal(RedirectChain.startingAt(START, 5), response(302, "ftp://b.test/file"));
        assertTrue(message.contains("ftp://b.test/file") && message.contains("RFC 6455 section 3"), message);
        assertTrue(refusal(RedirectChain.startingAt(START, 5), response(302, "http://[bad")).contains("no URI"));
    }

    /** RFC 6455 section 10.6: a wss connection is never continued without TLS, whatever the Location's scheme. */
    @ParameterizedTest
    @ValueSource(strings = {"ws://a.test/chat", "http://a.test/chat"})
    void aRedirectFromWssToPlainIsRefused(String location) throws Exception {
        RedirectChain secure = RedirectChain.startingAt(URI.create("wss://a.test/chat"), 5);
        String message = refusal(secure, response(301, location));
        assertTrue(message.contains("wss to ws") && message.contains("ws://a.test/chat"), message);
        assertEquals(URI.create("wss://b.test/chat"), secure.follow(response(301, "https://b.test/chat")).current());
        assertEquals(URI.create("wss://b.test/chat"), next(START, "wss://b.test/chat"), "ws to wss is an upgrade");
    }

    @Test
    void aLoopIsRefusedNamingTheChain() throws Exception {
        RedirectChain chain = RedirectChain.startingAt(URI.create("ws://a.test/1"), 5)
                .follow(response(302, "/2"));
        String message = refusal(chain, response(302, "/1"));
        assertTrue(message.contains("loop: ws://a.test/1 -> ws://a.test/2 -> ws://a.test/1"), message);
    }

    @Test
    void moreRedirectsThanTheLimitAreRefusedNamingTheChain() throws Exception {
        RedirectChain chain = RedirectChain.startingAt(URI.create("ws://a.test/0"), 2);
        chain = chain.follow(response(307, "/1")).follow(response(307, "/2"));
        assertEquals(2, chain.redirects());
        String message = refusal(chain, response(307, "/3"));
        assertTrue(message.contains("more than 2 times: ws://a.test/0 -> ws://a.test/1 -> ws://a.test/2 -> "
                + "ws://a.test/3") && message.contains(ClientProperties.MAX_REDIRECTS), message);
    }

    @Test
    void withRedirectsOffTheRefusalNamesTheStatusTheLocationAndTheProperty() {
        String message = refusal(RedirectChain.startingAt(START, 0), response(308, "/elsewhere"));
        assertTrue(message.contains("308") && message.contains("ws://a.test:8080/elsewhere")
                && message.contains(ClientProperties.MAX_REDIRECTS + " is 0"), message);
    }
}
