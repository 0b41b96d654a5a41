package dev.duplex.endpoint.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectionEndpointConfigTest {
    public static class Echo extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
        }
    }

    private final ServerEndpointConfig deployed = ServerEndpointConfig.Builder.create(Echo.class, "/echo")
            .subprotocols(List.of("chat")).build();

    @Test
    void userPropertiesAreAShallowCopyPerConnection() {
        Object shared = new Object();
        deployed.getUserProperties().put("k", shared);
        ConnectionEndpointConfig first = ConnectionEndpointConfig.of(deployed);
        ConnectionEndpointConfig second = ConnectionEndpointConfig.of(deployed);
        assertSame(shared, first.getUserProperties().get("k"));
        first.getUserProperties().put("mine", 1);
        first.getUserProperties().remove("k");
        assertFalse(second.getUserProperties().containsKey("mine"));
        assertTrue(second.getUserProperties().containsKey("k"));
        assertEquals(Map.of("k", shared), deployed.getUserProperties());
    }

    @Test
    void userPropertiesAreNotPrefilled() {
        assertTrue(ConnectionEndpointConfig.of(deployed).getUserProperties().isEmpty());
    }

    @Test
    void configuratorIsResolvedOncePerConnection() {
        int[] calls = {0};
        ServerEndpointConfig fresh = new DelegatingServerEndpointConfig(deployed) {
            @Override
            public Configurator getConfigurator() {
                calls[0]++;
                return new Configurator();
            }
        };
        ConnectionEndpointConfig view = ConnectionEndpointConfig.of(fresh);
        assertSame(view.getConfigurator(), view.getConfigurator());
        assertEquals(1, calls[0]);
    }

    @Test
    void missingConfiguratorMeansThePlatformDefault() {
        ServerEndpointConfig none = new DelegatingServerEndpointConfig(deployed) {
            @Override
            public Configurator getConfigurator() {
                return null;
            }
        };
        assertInstanceOf(DefaultServerConfigurator.class, ConnectionEndpointConfig.of(none).getConfigurator());
    }

    @Test
    void everythingElseComesFromTheDeployedConfig() {
        ConnectionEndpointConfig view = ConnectionEndpointConfig.of(deployed);
        assertSame(deployed, view.deployed());
        assertEquals(Echo.class, view.getEndpointClass());
        assertEquals("/echo", view.getPath());
        assertEquals(List.of("chat"), view.getSubprotocols());
        assertEquals(deployed.getEncoders(), view.getEncoders());
        assertEquals(deployed.getDecoders(), view.getDecoders());
    }

    @Test
    void viewOfAViewWrapsTheDeployedConfig() {
        ConnectionEndpointConfig view = ConnectionEndpointConfig.of(deployed);
        ConnectionEndpointConfig again = ConnectionEndpointConfig.of(view);
        assertNotSame(view, again);
        assertSame(deployed, again.deployed());
    }
}
