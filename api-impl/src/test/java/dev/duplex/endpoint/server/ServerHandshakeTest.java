package dev.duplex.endpoint.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Extension;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ServerHandshakeTest {
    /** RFC 6455 section 1.3's sample key and its accept value. */
    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    private static final String ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    public static class Echo extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
        }
    }

    public static class Unbuildable extends Endpoint {
        public Unbuildable(String ignored) {
        }

        @Override
        public void onOpen(Session session, EndpointConfig config) {
        }
    }

    /** Records what the container asked, in order. */
    static class RecordingConfigurator extends ServerEndpointConfig.Configurator {
        final List<String> calls = new ArrayList<>();
        String origin = "unset";
        boolean acceptOrigin = true;
        ServerEndpointConfig modifySec;
        HandshakeRequest modifyRequest;
        Map<String, List<String>> proposedResponse;
        Consumer<HandshakeResponse> responseEdit = response -> { };

        @Override
        public boolean checkOrigin(String originHeaderValue) {
            calls.add("checkOrigin");
            origin = originHeaderValue;
            return acceptOrigin;
        }

        @Override
        public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
            calls.add("getNegotiatedSubprotocol");
            return super.getNegotiatedSubprotocol(supported, requested);
        }

        @Override
        public List<Extension> getNegotiatedExtensions(List<Extension> installed, List<Extension> requested) {
            calls.add("getNegotiatedExtensions");
            return super.getNegotiatedExtensions(installed, requested);
        }

        @Override
        public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
            calls.add("modifyHandshake");
            modifySec = sec;
            modifyRequest = request;
            proposedResponse = Map.copyOf(response.getHeaders());
            responseEdit.accept(response);
        }

        @Override
        public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
            calls.add("getEndpointInstance");
            return super.getEndpointInstance(endpointClass);
        }
    }

    private final ServerHandshake handshake = new ServerHandshake(() -> dev.duplex.engine.deflate.DeflateSettings.DISABLED);
    private final RecordingConfigurator configurator = new RecordingConfigurator();

    private ServerEndpointConfig config(String... subprotocols) {
        return ServerEndpointConfig.Builder.create(Echo.class, "/chat/{room}")
                .subprotocols(List.of(subprotocols)).configurator(configurator).build();
    }

    /** A valid version 13 handshake for ws://example.com/chat/lobby. */
    private static UpgradeRequest.Builder validRequest() {
        return UpgradeRequest.builder("GET", URI.create("ws://example.com/chat/lobby?user=ann"))
                .header("Host", "example.com")
                .header("Upgrade", "websocket")
                .header("Connection", "Upgrade")
                .header("Sec-WebSocket-Key", KEY)
                .header("Sec-WebSocket-Version", "13");
    }

    /** A valid request without the named header, for the missing-header rules. */
    private static UpgradeRequest.Builder validRequestWithout(String omitted, String... extra) {
        UpgradeRequest.Builder builder = UpgradeRequest.builder("GET", URI.create("ws://example.com/chat/lobby"));
        String[][] headers = {{"Host", "example.com"}, {"Upgrade", "websocket"}, {"Connection", "Upgrade"},
            {"Sec-WebSocket-Key", KEY}, {"Sec-WebSocket-Version", "13"}};
        for (String[] header : headers) {
            if (!header[0].equals(omitted)) {
                builder.header(header[0], header[1]);
            }
        }
        for (int i = 0; i < extra.length; i += 2) {
            builder.header(extra[i], extra[i + 1]);
        }
        return builder;
    }

    private HandshakeAcceptance accept(UpgradeRequest request, ServerEndpointConfig config) {
        return assertInstanceOf(HandshakeAcceptance.class, handshake.process(request, config, Map.of("room", "lobby")));
    }

    private HandshakeRejection reject(UpgradeRequest request, ServerEndpointConfig config) {
        return assertInstanceOf(HandshakeRejection.class, handshake.process(request, config, Map.of("room", "lobby")));
    }

    private static void assertOneLine(HandshakeRejection rejection) {
        assertFalse(rejection.reason().contains("\n") || rejection.reason().contains("\r"), rejection.reason());
        assertFalse(rejection.reason().isBlank());
    }

    // ---- acceptance -----------------------------------------------------------------------------

    @Test
    void validRequestGetsTheRfcResponseHeaders() {
        HandshakeAcceptance acceptance = accept(validRequest().build(), config());
        Map<String, List<String>> headers = acceptance.responseHeaders();
        assertEquals(List.of("websocket"), headers.get("Upgrade"));
        assertEquals(List.of("Upgrade"), headers.get("Connection"));
        assertEquals(List.of(ACCEPT), headers.get("Sec-WebSocket-Accept"));
        assertFalse(headers.containsKey("Sec-WebSocket-Protocol"));
        assertFalse(headers.containsKey("Sec-WebSocket-Extensions"));
        assertEquals(List.of(ACCEPT), headers.get("sec-websocket-accept"), "response headers are case-insensitive");
    }

    @Test
    void acceptanceCarriesWhatTheSessionNeeds() {
        HandshakeAcceptance acceptance = accept(validRequest().build(), config());
        assertInstanceOf(Echo.class, acceptance.endpoint());
        assertEquals(Map.of("room", "lobby"), acceptance.pathParameters());
        assertEquals("", acceptance.subprotocol());
        assertEquals(List.of(), acceptance.extensions());
        assertEquals(URI.create("ws://example.com/chat/lobby?user=ann"), acceptance.requestUri());
        assertEquals("user=ann", acceptance.queryString());
        assertEquals(List.of("lobby"), acceptance.parameterMap().get("room"));
        assertEquals(List.of("ann"), acceptance.parameterMap().get("user"));
        assertNull(acceptance.userPrincipal());
        assertFalse(acceptance.isSecure());
    }

    @Test
    void tokensCompareCaseInsensitivelyAndMayShareTheirHeaders() {
        UpgradeRequest request = validRequestWithout("Connection", "Connection", "keep-alive, UPGRADE")
                .build();
        accept(request, config());
        UpgradeRequest upgrade = validRequestWithout("Upgrade", "Upgrade", "HTTP/2.0, WebSocket").build();
        accept(upgrade, config());
    }

    @Test
    void registryMatchDrivesTheHandshake() throws Exception {
        EndpointRegistry registry = new EndpointRegistry();
        registry.add(config());
        HandshakeOutcome outcome = handshake.process(validRequest().build(), registry.match("/chat/lobby"));
        assertEquals(Map.of("room", "lobby"), assertInstanceOf(HandshakeAcceptance.class, outcome).pathParameters());
    }

    // ---- rejections, one per rule ----------------------------------------------------------------

    @Test
    void nonGetMethodIs405WithAllow() {
        UpgradeRequest request = UpgradeRequest.builder("POST", URI.create("ws://example.com/chat/lobby"))
                .header("Host", "example.com").header("Upgrade", "websocket").header("Connection", "Upgrade")
                .header("Sec-WebSocket-Key", KEY).header("Sec-WebSocket-Version", "13").build();
        HandshakeRejection rejection = reject(request, config());
        assertEquals(405, rejection.status());
        assertEquals(List.of("GET"), rejection.headers().get("Allow"));
        assertOneLine(rejection);
    }

    @Test
    void missingHostIs400() {
        HandshakeRejection rejection = reject(validRequestWithout("Host").build(), config());
        assertEquals(400, rejection.status());
        assertTrue(rejection.reason().contains("Host"), rejection.reason());
    }

    @Test
    void upgradeWithoutWebsocketIs400() {
        HandshakeRejection rejection = reject(validRequestWithout("Upgrade", "Upgrade", "h2c").build(), config());
        assertEquals(400, rejection.status());
        assertTrue(rejection.reason().contains("Upgrade"), rejection.reason());
        assertEquals(400, reject(validRequestWithout("Upgrade").build(), config()).status());
    }

    @Test
    void versionedWebsocketUpgradeIsNotWebsocket() {
        assertEquals(400, reject(validRequestWithout("Upgrade", "Upgrade", "websocket/13").build(), config()).status());
    }

    @Test
    void malformedUpgradeHeaderIs400() {
        HandshakeRejection rejection = reject(validRequestWithout("Upgrade", "Upgrade", "web socket").build(),
                config());
        assertEquals(400, rejection.status());
        assertOneLine(rejection);
    }

    @Test
    void connectionWithoutUpgradeIs400() {
        HandshakeRejection rejection = reject(validRequestWithout("Connection", "Connection", "keep-alive").build(),
                config());
        assertEquals(400, rejection.status());
        assertTrue(rejection.reason().contains("Connection"), rejection.reason());
    }

    @Test
    void missingVersionIs426WithTheSupportedVersion() {
        HandshakeRejection rejection = reject(validRequestWithout("Sec-WebSocket-Version").build(), config());
        assertEquals(426, rejection.status());
        assertEquals(List.of("13"), rejection.headers().get("Sec-WebSocket-Version"));
    }

    @Test
    void otherVersionIs426WithTheSupportedVersion() {
        HandshakeRejection rejection = reject(
                validRequestWithout("Sec-WebSocket-Version", "Sec-WebSocket-Version", "8").build(), config());
        assertEquals(426, rejection.status());
        assertEquals(List.of("13"), rejection.headers().get("sec-websocket-version"));
        assertTrue(rejection.reason().contains("\"8\""), rejection.reason());
    }

    @Test
    void versionIsCheckedBeforeTheKey() {
        UpgradeRequest noKey = UpgradeRequest.builder("GET", URI.create("ws://h/x")).header("Host", "h")
                .header("Upgrade", "websocket").header("Connection", "Upgrade").header("Sec-WebSocket-Version", "8")
                .build();
        assertEquals(426, reject(noKey, config()).status());
    }

    @Test
    void missingKeyIs400() {
        HandshakeRejection rejection = reject(validRequestWithout("Sec-WebSocket-Key").build(), config());
        assertEquals(400, rejection.status());
        assertTrue(rejection.reason().contains("Sec-WebSocket-Key"), rejection.reason());
    }

    @Test
    void keyThatIsNotSixteenBytesIs400() {
        HandshakeRejection rejection = reject(
                validRequestWithout("Sec-WebSocket-Key", "Sec-WebSocket-Key", "c2hvcnQ=").build(), config());
        assertEquals(400, rejection.status());
        assertTrue(rejection.reason().contains("16 bytes"), rejection.reason());
    }

    @Test
    void twoKeysAre400() {
        HandshakeRejection rejection = reject(validRequest().header("Sec-WebSocket-Key", KEY).build(), config());
        assertEquals(400, rejection.status());
        assertTrue(rejection.reason().contains("more than one"), rejection.reason());
    }

    @Test
    void refusedOriginIs403() {
        configurator.acceptOrigin = false;
        HandshakeRejection rejection = reject(validRequest().header("Origin", "http://evil.example").build(),
                config());
        assertEquals(403, rejection.status());
        assertTrue(rejection.reason().contains("http://evil.example"), rejection.reason());
        assertFalse(configurator.calls.contains("modifyHandshake"));
    }

    @Test
    void malformedSubprotocolHeaderIs400() {
        HandshakeRejection rejection = reject(validRequest().header("Sec-WebSocket-Protocol", "a b").build(),
                config("a"));
        assertEquals(400, rejection.status());
        assertOneLine(rejection);
    }

    @Test
    void malformedExtensionsHeaderIs400() {
        HandshakeRejection rejection = reject(validRequest().header("Sec-WebSocket-Extensions", "x; =1").build(),
                config());
        assertEquals(400, rejection.status());
        assertOneLine(rejection);
    }

    @Test
    void reasonStaysOnOneLine() {
        HandshakeRejection rejection = reject(
                validRequestWithout("Sec-WebSocket-Key", "Sec-WebSocket-Key", "a\r\nInjected: 1").build(), config());
        assertOneLine(rejection);
    }

    // ---- configurator steps ------------------------------------------------------------------------

    @Test
    void configuratorStepsRunInSpecOrder() {
        accept(validRequest().build(), config());
        assertEquals(List.of("checkOrigin", "getNegotiatedSubprotocol", "getNegotiatedExtensions", "modifyHandshake",
                "getEndpointInstance"), configurator.calls);
    }

    @Test
    void originIsPassedAsSentOrNull() {
        accept(validRequest().header("Origin", "http://example.com").build(), config());
        assertEquals("http://example.com", configurator.origin);
        accept(validRequest().build(), config());
        assertNull(configurator.origin);
    }

    @Test
    void subprotocolIsTheClientsFirstSupportedAndIsAnswered() {
        HandshakeAcceptance acceptance = accept(
                validRequest().header("Sec-WebSocket-Protocol", "MBWS.huawei.com, soap").header(
                        "Sec-WebSocket-Protocol", "v10.stomp").build(),
                config("MBLWS.huawei.com", "wamp", "v10.stomp", "soap"));
        assertEquals("soap", acceptance.subprotocol());
        assertEquals(List.of("soap"), acceptance.responseHeaders().get("Sec-WebSocket-Protocol"));
    }

    @Test
    void noCommonSubprotocolMeansNoProtocolHeader() {
        HandshakeAcceptance acceptance = accept(validRequest().header("Sec-WebSocket-Protocol", "x").build(),
                config("y"));
        assertEquals("", acceptance.subprotocol());
        assertFalse(acceptance.responseHeaders().containsKey("Sec-WebSocket-Protocol"));
    }

    @Test
    void subprotocolTheClientDidNotRequestIs500() {
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(Echo.class, "/x")
                .configurator(new ServerEndpointConfig.Configurator() {
                    @Override
                    public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
                        return "invented";
                    }
                }).build();
        HandshakeRejection rejection = reject(validRequest().header("Sec-WebSocket-Protocol", "a").build(), config);
        assertEquals(500, rejection.status());
        assertTrue(rejection.reason().contains("invented"), rejection.reason());
    }

    @Test
    void extensionsDeclaredByTheConfigAreNegotiatedInTheClientsOrder() {
        Extension first = extension("firstExt");
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(Echo.class, "/x").configurator(configurator)
                .extensions(List.of(first, extension("secondExt"))).build();
        HandshakeAcceptance acceptance = accept(
                validRequest().header("Sec-WebSocket-Extensions", "secondExt; a=1, unknown, firstExt").build(), config);
        assertEquals(List.of("secondExt", "firstExt"),
                acceptance.extensions().stream().map(Extension::getName).toList());
        assertEquals(List.of("secondExt; a=1, firstExt"), acceptance.responseHeaders().get("Sec-WebSocket-Extensions"));
    }

    @Test
    void noExtensionsAreNegotiatedWhenNoneIsInstalled() {
        HandshakeAcceptance acceptance = accept(
                validRequest().header("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits").build(),
                config());
        assertEquals(List.of(), acceptance.extensions());
        assertFalse(acceptance.responseHeaders().containsKey("Sec-WebSocket-Extensions"));
    }

    private static Extension extension(String name) {
        return new Extension() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public List<Parameter> getParameters() {
                return List.of();
            }
        };
    }

    // ---- modifyHandshake ----------------------------------------------------------------------------

    @Test
    void modifyHandshakeSeesCaseInsensitiveReadOnlyRequestHeaders() {
        accept(validRequest().header("caseInsensitiveKey", "RequestValue1").build(), config());
        Map<String, List<String>> headers = configurator.modifyRequest.getHeaders();
        assertTrue(headers.containsKey("caseInsensitiveKey"));
        assertTrue(headers.containsKey("caseinsensitivekey"));
        assertTrue(headers.containsKey("CASEINSENSITIVEKEY"));
    }

    @Test
    void modifyHandshakeSeesTheProposedResponse() {
        accept(validRequest().header("Sec-WebSocket-Protocol", "chat").build(), config("chat"));
        assertEquals(List.of(ACCEPT), configurator.proposedResponse.get("Sec-WebSocket-Accept"));
        assertEquals(List.of("chat"), configurator.proposedResponse.get("Sec-WebSocket-Protocol"));
    }

    @Test
    void modifyHandshakeCanAddReplaceAndRemoveHeadersUnderAnySpelling() {
        configurator.responseEdit = response -> {
            response.getHeaders().put("X-Custom", List.of("a", "b"));
            response.getHeaders().put("set-cookie", List.of("id=1"));
            response.getHeaders().put("SET-COOKIE", List.of("id=2"));
        };
        HandshakeAcceptance acceptance = accept(validRequest().build(), config());
        assertEquals(List.of("a", "b"), acceptance.responseHeaders().get("x-custom"));
        assertEquals(List.of("id=2"), acceptance.responseHeaders().get("Set-Cookie"));
    }

    @Test
    void copiedRequestHeadersCannotBreakTheProtocolHeaders() {
        // As the TCK's ReadonlyGetHeadersConfigurator and SetHeadersConfigurator do.
        configurator.responseEdit = response -> response.getHeaders().putAll(configurator.modifyRequest.getHeaders());
        HandshakeAcceptance acceptance = accept(validRequest()
                .header("Sec-WebSocket-Protocol", "a, b")
                .header("Sec-WebSocket-Extensions", "permessage-deflate").build(), config("b"));
        Map<String, List<String>> headers = acceptance.responseHeaders();
        assertEquals(List.of(ACCEPT), headers.get("Sec-WebSocket-Accept"));
        assertEquals(List.of("b"), headers.get("Sec-WebSocket-Protocol"));
        assertFalse(headers.containsKey("Sec-WebSocket-Extensions"));
        assertEquals(List.of("websocket"), headers.get("Upgrade"));
        assertEquals(List.of("example.com"), headers.get("Host"), "other copied headers are sent as set");
    }

    @Test
    void modifyHandshakeThatThrowsIs500WithTheCause() {
        IllegalStateException failure = new IllegalStateException("no");
        configurator.responseEdit = response -> {
            throw failure;
        };
        HandshakeRejection rejection = reject(validRequest().build(), config());
        assertEquals(500, rejection.status());
        assertSame(failure, rejection.cause());
        assertTrue(rejection.reason().contains("modifyHandshake"), rejection.reason());
    }

    // ---- configuration identity and user properties ------------------------------------------------

    @Test
    void modifyHandshakeGetsTheSameConfigObjectTheEndpointWillGet() {
        ServerEndpointConfig deployed = config();
        HandshakeAcceptance acceptance = accept(validRequest().build(), deployed);
        assertSame(configurator.modifySec, acceptance.config());
        assertSame(deployed, acceptance.config().deployed());
    }

    @Test
    void eachConnectionGetsItsOwnConfigView() {
        ServerEndpointConfig deployed = config();
        HandshakeAcceptance first = accept(validRequest().build(), deployed);
        HandshakeAcceptance second = accept(validRequest().build(), deployed);
        assertNotSame(first.config(), second.config());
    }

    @Test
    void userPropertiesChangedInModifyHandshakeSeedTheSessionOnly() {
        ServerEndpointConfig deployed = config();
        deployed.getUserProperties().put("SEC-1", "one");
        deployed.getUserProperties().put("SEC-2", "two");
        configurator.responseEdit = response -> {
            Map<String, Object> properties = configurator.modifySec.getUserProperties();
            properties.remove("SEC-2");
            properties.put("UPC-1", "three");
        };
        HandshakeAcceptance acceptance = accept(validRequest().build(), deployed);
        assertEquals(Map.of("SEC-1", "one", "UPC-1", "three"), Map.copyOf(acceptance.userProperties()));
        assertEquals(Map.of("SEC-1", "one", "SEC-2", "two"), deployed.getUserProperties());
    }

    @Test
    void userPropertiesAreNotPrefilledByTheContainer() {
        HandshakeAcceptance acceptance = accept(validRequest().build(), config());
        assertTrue(acceptance.userProperties().isEmpty());
    }

    @Test
    void configuratorReturnedFreshOnEachCallIsUsedAsOneInstance() {
        List<RecordingConfigurator> created = new ArrayList<>();
        ServerEndpointConfig fresh = new DelegatingServerEndpointConfig(config()) {
            @Override
            public Configurator getConfigurator() {
                RecordingConfigurator made = new RecordingConfigurator();
                created.add(made);
                return made;
            }
        };
        accept(validRequest().build(), fresh);
        assertEquals(1, created.size());
        assertEquals(List.of("checkOrigin", "getNegotiatedSubprotocol", "getNegotiatedExtensions", "modifyHandshake",
                "getEndpointInstance"), created.get(0).calls);
    }

    // ---- endpoint instance ---------------------------------------------------------------------------

    @Test
    void eachHandshakeGetsANewEndpointInstance() {
        ServerEndpointConfig deployed = config();
        Object first = accept(validRequest().build(), deployed).endpoint();
        Object second = accept(validRequest().build(), deployed).endpoint();
        assertNotSame(first, second);
    }

    @Test
    void endpointThatCannotBeInstantiatedIs500() {
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(Unbuildable.class, "/x").build();
        HandshakeRejection rejection = reject(validRequest().build(), config);
        assertEquals(500, rejection.status());
        assertInstanceOf(InstantiationException.class, rejection.cause());
        assertTrue(rejection.reason().contains(Unbuildable.class.getName()), rejection.reason());
    }

    // ---- transport helper ----------------------------------------------------------------------------

    @Test
    void upgradeAttemptIsRecognisedByItsUpgradeHeader() {
        assertTrue(ServerHandshake.isUpgradeAttempt(validRequest().build()));
        assertTrue(ServerHandshake.isUpgradeAttempt(validRequestWithout("Upgrade", "Upgrade", "WebSocket").build()));
        assertFalse(ServerHandshake.isUpgradeAttempt(validRequestWithout("Upgrade").build()));
        assertFalse(ServerHandshake.isUpgradeAttempt(validRequestWithout("Upgrade", "Upgrade", "h2c").build()));
    }
}
