package dev.duplex.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.client.transport.ConnectRequest;
import dev.duplex.endpoint.HeaderExtension;
import dev.duplex.engine.handshake.ExtensionOffer;
import dev.duplex.engine.handshake.ExtensionParameter;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Extension;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The upgrade request a ClientEndpointConfig makes, before anything is sent. */
class ClientHandshakeRequestTest {
    /** The request as formulated with permessage-deflate off: these tests are about everything else. */
    private static ConnectRequest request(URI path, ClientEndpointConfig config) throws DeploymentException {
        return ClientHandshake.request(path, config, dev.duplex.engine.deflate.DeflateSettings.DISABLED);
    }

    @Test
    void nothingIsOfferedUnlessTheConfigurationNamesItAndDeflateThenAsNamed() throws DeploymentException {
        ConnectRequest plain = ClientHandshake.request(SERVER, config().build(),
                dev.duplex.engine.deflate.DeflateSettings.CLIENT_DEFAULTS);
        assertEquals(null, plain.handshakeHeaders().get("Sec-WebSocket-Extensions"));
        ClientEndpointConfig named = config().extensions(List.of(
                dev.duplex.endpoint.AbstractWebSocketContainer.PERMESSAGE_DEFLATE)).build();
        assertEquals(List.of("permessage-deflate; client_max_window_bits"), ClientHandshake.request(SERVER, named,
                dev.duplex.engine.deflate.DeflateSettings.CLIENT_DEFAULTS).handshakeHeaders().get("Sec-WebSocket-Extensions"));
        assertEquals(null, ClientHandshake.request(SERVER, named,
                dev.duplex.engine.deflate.DeflateSettings.DISABLED).handshakeHeaders().get("Sec-WebSocket-Extensions"));
    }

    /** Named bare (as getInstalledExtensions lists it), deflate gets Duplex's parameters; named with some, those. */
    @Test
    void aBareDeflateOfferGetsDuplexsParametersAndANamedOneKeepsItsOwn() throws DeploymentException {
        var deflate = dev.duplex.engine.deflate.DeflateSettings.CLIENT_DEFAULTS;
        ClientEndpointConfig bare = config().extensions(List.of(
                dev.duplex.endpoint.AbstractWebSocketContainer.PERMESSAGE_DEFLATE)).build();
        assertEquals(List.of("permessage-deflate; client_no_context_takeover; client_max_window_bits"),
                ClientHandshake.request(SERVER, bare, new dev.duplex.engine.deflate.DeflateSettings(true, 6, 64, false, true))
                        .handshakeHeaders().get("Sec-WebSocket-Extensions"));
        ClientEndpointConfig named = config().extensions(List.of(dev.duplex.endpoint.HeaderExtension.of(
                new dev.duplex.engine.handshake.ExtensionOffer("permessage-deflate", List.of(
                        dev.duplex.engine.handshake.ExtensionParameter.of("server_no_context_takeover")))))).build();
        assertEquals(List.of("permessage-deflate; server_no_context_takeover"), ClientHandshake.request(SERVER, named,
                deflate).handshakeHeaders().get("Sec-WebSocket-Extensions"));
    }

    @Test
    void aContainerOfferingDeflateByDefaultOffersItOnlyWhereNothingIsNamed() throws DeploymentException {
        var deflate = dev.duplex.engine.deflate.DeflateSettings.CLIENT_DEFAULTS;
        assertEquals(List.of("permessage-deflate; client_max_window_bits"), ClientHandshake.request(SERVER, config().build(), deflate, true)
                .handshakeHeaders().get("Sec-WebSocket-Extensions"));
        ClientEndpointConfig other = config().extensions(List.of(dev.duplex.endpoint.HeaderExtension.of(
                new dev.duplex.engine.handshake.ExtensionOffer("x-custom", List.of())))).build();
        assertEquals(List.of("x-custom"), ClientHandshake.request(SERVER, other, deflate, true)
                .handshakeHeaders().get("Sec-WebSocket-Extensions"));
        assertEquals(null, ClientHandshake.request(SERVER, config().build(), deflate.withEnabled(false), true)
                .handshakeHeaders().get("Sec-WebSocket-Extensions"));
    }

    private static final URI SERVER = URI.create("ws://example.test:8080/chat?room=1");

    private static ClientEndpointConfig.Builder config() {
        return ClientEndpointConfig.Builder.create();
    }

    private static ClientEndpointConfig.Configurator beforeRequest(
            java.util.function.Consumer<Map<String, List<String>>> action) {
        return new ClientEndpointConfig.Configurator() {
            @Override
            public void beforeRequest(Map<String, List<String>> headers) {
                action.accept(headers);
            }
        };
    }

    @Test
    void preferredSubprotocolsAndExtensionsAreOfferedInOrder() throws Exception {
        Extension compress = HeaderExtension.of(ExtensionOffer.of("x-compress",
                ExtensionParameter.of("level", "3"), ExtensionParameter.of("fast")));
        Extension trace = HeaderExtension.of(ExtensionOffer.of("x-trace"));
        ConnectRequest request = request(SERVER, config()
                .preferredSubprotocols(List.of("v2.chat", "v1.chat"))
                .extensions(List.of(compress, trace)).build());
        assertEquals(List.of("v2.chat, v1.chat"), request.handshakeHeader("Sec-WebSocket-Protocol"));
        assertEquals(List.of("x-compress; level=3; fast, x-trace"), request.handshakeHeader("Sec-WebSocket-Extensions"));
    }

    @Test
    void withoutAnOfferThoseFieldsAreAbsent() throws Exception {
        ConnectRequest request = request(SERVER, config().build());
        assertTrue(request.handshakeHeader("Sec-WebSocket-Protocol").isEmpty());
        assertTrue(request.handshakeHeader("Sec-WebSocket-Extensions").isEmpty());
    }

    @Test
    void beforeRequestSeesTheFormulatedRequestInACaseInsensitiveMap() throws Exception {
        AtomicReference<Map<String, List<String>>> seen = new AtomicReference<>();
        request(SERVER, config().preferredSubprotocols(List.of("chat"))
                .configurator(beforeRequest(headers -> seen.set(Map.copyOf(headers)))).build());
        Map<String, List<String>> headers = seen.get();
        assertEquals(List.of("example.test:8080"), headers.get("Host"));
        assertEquals(List.of("websocket"), headers.get("Upgrade"));
        assertEquals(List.of("13"), headers.get("Sec-WebSocket-Version"));
        assertEquals(List.of("chat"), headers.get("Sec-WebSocket-Protocol"));
        assertTrue(headers.containsKey("Sec-WebSocket-Key"));

        AtomicReference<Boolean> caseInsensitive = new AtomicReference<>();
        request(SERVER, config().configurator(beforeRequest(
                map -> caseInsensitive.set(map.containsKey("sec-websocket-key") && map.containsKey("HOST")))).build());
        assertTrue(caseInsensitive.get());
    }

    @Test
    void whatBeforeRequestLeavesIsWhatIsSent() throws Exception {
        ConnectRequest request = request(SERVER, config()
                .preferredSubprotocols(List.of("a", "b"))
                .configurator(beforeRequest(headers -> {
                    headers.put("Origin", List.of("http://client.test"));
                    headers.put("X-Many", new ArrayList<>(List.of("1", "2")));
                    headers.get("sec-websocket-protocol").set(0, "b");
                    headers.remove("SEC-WEBSOCKET-VERSION");
                })).build());
        assertEquals(List.of("http://client.test"), request.handshakeHeader("Origin"));
        assertEquals(List.of("1", "2"), request.handshakeHeader("X-Many"));
        assertEquals(List.of("b"), request.handshakeHeader("Sec-WebSocket-Protocol"));
        // The transport puts back what RFC 6455 section 4.1 requires.
        assertEquals(List.of("13"), request.handshakeHeader("Sec-WebSocket-Version"));
    }

    @Test
    void fieldsAddedByBeforeRequestComeAfterTheRequiredOnes() throws Exception {
        ConnectRequest request = request(SERVER, config()
                .configurator(beforeRequest(headers -> headers.put("Authorization", List.of("Bearer x")))).build());
        assertEquals(List.of("Host", "Upgrade", "Connection", "Sec-WebSocket-Key", "Sec-WebSocket-Version",
                "Authorization"), List.copyOf(request.handshakeHeaders().keySet()));
    }

    @Test
    void aKeyChangedByBeforeRequestIsTheOneTheAcceptIsCheckedAgainst() throws Exception {
        String key = "dGhlIHNhbXBsZSBub25jZQ==";
        ConnectRequest request = request(SERVER, config()
                .configurator(beforeRequest(headers -> headers.put("Sec-WebSocket-Key", List.of(key)))).build());
        assertEquals(key, request.secWebSocketKey());
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", request.expectedAccept()); // RFC 6455 section 1.3
    }

    @Test
    void badInputIsADeploymentExceptionSayingWhy() {
        assertTrue(assertThrows(DeploymentException.class,
                () -> request(URI.create("http://example.test/"), config().build()))
                .getMessage().contains("ws or wss"));
        assertThrows(DeploymentException.class, () -> request(null, config().build()));
        assertTrue(assertThrows(DeploymentException.class, () -> request(SERVER,
                config().preferredSubprotocols(List.of("has space")).build())).getMessage().contains("token"));
        Extension badName = new Extension() {
            @Override
            public String getName() {
                return "bad name";
            }

            @Override
            public List<Parameter> getParameters() {
                return List.of();
            }
        };
        assertTrue(assertThrows(DeploymentException.class, () -> request(SERVER,
                config().extensions(List.of(badName)).build())).getMessage().contains("'bad name'"));
        DeploymentException thrown = assertThrows(DeploymentException.class, () -> request(SERVER,
                config().configurator(beforeRequest(headers -> {
                    throw new IllegalStateException("configurator bug");
                })).build()));
        assertTrue(thrown.getMessage().contains("beforeRequest threw"), thrown.getMessage());
        assertInstanceOf(IllegalStateException.class, thrown.getCause());
        assertTrue(assertThrows(DeploymentException.class, () -> request(SERVER,
                config().configurator(beforeRequest(headers -> headers.put("X-Bad", List.of("line\r\nbreak"))))
                        .build())).getMessage().contains("cannot be sent"));
    }
}
