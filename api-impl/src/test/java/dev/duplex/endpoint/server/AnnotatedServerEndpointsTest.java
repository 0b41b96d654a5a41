package dev.duplex.endpoint.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnnotatedServerEndpointsTest {
    private final AnnotatedServerEndpoints scanner = new AnnotatedServerEndpoints();

    public static class Configured extends ServerEndpointConfig.Configurator {
    }

    @ServerEndpoint(value = "/rooms/{room}", subprotocols = {"chat", "superchat"}, configurator = Configured.class)
    public static class Room {
        @OnMessage
        public String echo(String message, @PathParam("room") String room) {
            return room + ":" + message;
        }
    }

    @ServerEndpoint("/rooms/{room")
    public static class BadTemplate {
        @OnMessage
        public void echo(String message) {
        }
    }

    @ServerEndpoint("/counters/{name}")
    public static class PrimitiveNamesNoVariable {
        @OnMessage
        public void echo(String message, @PathParam("count") int count) {
        }
    }

    @Test
    void annotationBecomesTheConfigurationItDeclares() throws DeploymentException {
        ServerEndpointConfig config = scanner.scan(Room.class);
        assertEquals("/rooms/{room}", config.getPath());
        assertEquals(Room.class, config.getEndpointClass());
        assertEquals(List.of("chat", "superchat"), config.getSubprotocols());
        assertInstanceOf(Configured.class, config.getConfigurator());
    }

    @Test
    void pathThatIsNotAUriTemplateFailsDeploymentNamingTheClass() {
        DeploymentException e = assertThrows(DeploymentException.class, () -> scanner.scan(BadTemplate.class));
        assertTrue(e.getMessage().contains(BadTemplate.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains("3.1.1"), e.getMessage());
    }

    @Test
    void primitivePathParamMustNameATemplateVariable() {
        DeploymentException e = assertThrows(DeploymentException.class,
                () -> scanner.scan(PrimitiveNamesNoVariable.class));
        assertTrue(e.getMessage().contains("count"), e.getMessage());
    }
}
