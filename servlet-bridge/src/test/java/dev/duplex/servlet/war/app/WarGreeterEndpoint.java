package dev.duplex.servlet.war.app;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;

/** Part of a test WAR: a programmatic endpoint, deployed by {@link WarApplicationConfig} only. */
public class WarGreeterEndpoint extends Endpoint {
    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.getAsyncRemote().sendText("greetings from the WAR");
    }
}
