package dev.duplex.cdi.war;

import jakarta.inject.Inject;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;

/** Created as the application deploys its endpoints; says whether it was injected. */
public class WarConfigurator extends ServerEndpointConfig.Configurator {
    @Inject
    WarGreetings greetings;

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        response.getHeaders().put("X-Greeting", List.of(greetings == null ? "not injected" : greetings.greet("handshake")));
    }
}
