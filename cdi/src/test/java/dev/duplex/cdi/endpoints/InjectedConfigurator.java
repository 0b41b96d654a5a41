package dev.duplex.cdi.endpoints;

import dev.duplex.cdi.beans.Greetings;
import jakarta.inject.Inject;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;

/** Puts an injected bean's answer into a handshake response header. */
public class InjectedConfigurator extends ServerEndpointConfig.Configurator {
    @Inject
    Greetings greetings;

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        response.getHeaders().put("X-Greeting", List.of(greetings == null ? "not injected" : greetings.greet("handshake")));
    }
}
