package dev.duplex.endpoint.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Extension;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class DefaultServerConfiguratorTest {
    private final DefaultServerConfigurator configurator = new DefaultServerConfigurator();

    public static class GoodEndpoint extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
        }
    }

    public static class NoDefaultConstructor extends Endpoint {
        public NoDefaultConstructor(String ignored) {
        }

        @Override
        public void onOpen(Session session, EndpointConfig config) {
        }
    }

    public static class ThrowingConstructor {
        public ThrowingConstructor() {
            throw new IllegalStateException("boom");
        }
    }

    static class NotPublic {
    }

    public abstract static class Abstract {
    }

    private record Ext(String getName) implements Extension {
        @Override
        public List<Parameter> getParameters() {
            return List.of();
        }
    }

    @Test
    void isTheServiceLoadedPlatformDefault() {
        ServerEndpointConfig.Configurator plain = new ServerEndpointConfig.Configurator();
        assertInstanceOf(DefaultServerConfigurator.class, plain.getContainerDefaultConfigurator());
    }

    @Test
    void plainConfiguratorDelegatesToTheDefaultWithoutRecursion() {
        ServerEndpointConfig.Configurator plain = new ServerEndpointConfig.Configurator();
        assertTrue(plain.checkOrigin("http://example.com"));
        assertEquals("b", plain.getNegotiatedSubprotocol(List.of("b", "a"), List.of("b", "a")));
    }

    @Test
    void containerDefaultOfTheDefaultIsItself() {
        assertSame(configurator, configurator.getContainerDefaultConfigurator());
    }

    @Test
    void builderWithoutConfiguratorUsesThePlatformDefault() {
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(GoodEndpoint.class, "/x").build();
        assertInstanceOf(DefaultServerConfigurator.class, config.getConfigurator());
    }

    @Test
    void subprotocolIsTheClientsFirstThatTheServerSupports() {
        // Same lists as the TCK uses: requested [MBWS, soap, v10.stomp], supported [MBLWS, wamp, x, v10.stomp, soap].
        String chosen = configurator.getNegotiatedSubprotocol(
                List.of("MBLWS.huawei.com", "wamp", "x", "v10.stomp", "soap"),
                List.of("MBWS.huawei.com", "soap", "v10.stomp"));
        assertEquals("soap", chosen);
    }

    @Test
    void subprotocolIsEmptyWhenNoneMatches() {
        assertEquals("", configurator.getNegotiatedSubprotocol(List.of("a"), List.of("b")));
        assertEquals("", configurator.getNegotiatedSubprotocol(List.of("a"), List.of()));
        assertEquals("", configurator.getNegotiatedSubprotocol(List.of(), List.of("a")));
    }

    @Test
    void subprotocolNamesCompareCaseSensitively() {
        assertEquals("", configurator.getNegotiatedSubprotocol(List.of("Chat"), List.of("chat")));
    }

    @Test
    void extensionsAreTheRequestedInstalledOnesInTheClientsOrder() {
        Extension offeredC = new Ext("c");
        Extension offeredA = new Ext("a");
        List<Extension> negotiated = configurator.getNegotiatedExtensions(
                List.of(new Ext("a"), new Ext("b"), new Ext("c")),
                List.of(offeredC, new Ext("unknown"), offeredA));
        assertEquals(List.of(offeredC, offeredA), negotiated);
        assertSame(offeredC, negotiated.get(0));
    }

    @Test
    void extensionOfferedTwiceIsTakenOnce() {
        Extension first = new Ext("a");
        List<Extension> negotiated = configurator.getNegotiatedExtensions(List.of(new Ext("a")),
                List.of(first, new Ext("a")));
        assertEquals(1, negotiated.size());
        assertSame(first, negotiated.get(0));
    }

    @Test
    void extensionsAreEmptyWhenNothingIsInstalled() {
        assertEquals(List.of(), configurator.getNegotiatedExtensions(List.of(), List.of(new Ext("a"))));
    }

    @Test
    void everyOriginPasses() {
        assertTrue(configurator.checkOrigin("http://anywhere.example"));
        assertTrue(configurator.checkOrigin(null));
    }

    @Test
    void endpointInstanceIsNewPerCall() throws InstantiationException {
        GoodEndpoint first = configurator.getEndpointInstance(GoodEndpoint.class);
        GoodEndpoint second = configurator.getEndpointInstance(GoodEndpoint.class);
        assertNotSame(first, second);
    }

    @Test
    void endpointWithoutPublicNoArgConstructorFailsWithInstantiationException() {
        InstantiationException e = assertThrows(InstantiationException.class,
                () -> configurator.getEndpointInstance(NoDefaultConstructor.class));
        assertTrue(e.getMessage().contains(NoDefaultConstructor.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains("no public no-argument constructor"), e.getMessage());
    }

    @Test
    void endpointConstructorFailureIsTheCause() {
        InstantiationException e = assertThrows(InstantiationException.class,
                () -> configurator.getEndpointInstance(ThrowingConstructor.class));
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertEquals("boom", e.getCause().getMessage());
    }

    @Test
    void nonPublicEndpointClassFailsWithInstantiationException() {
        assertThrows(InstantiationException.class, () -> configurator.getEndpointInstance(NotPublic.class));
    }

    @Test
    void abstractEndpointClassFailsWithInstantiationException() {
        InstantiationException e = assertThrows(InstantiationException.class,
                () -> configurator.getEndpointInstance(Abstract.class));
        assertTrue(e.getMessage().contains("abstract"), e.getMessage());
    }
}
