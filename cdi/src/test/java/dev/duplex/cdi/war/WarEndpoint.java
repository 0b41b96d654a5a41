package dev.duplex.cdi.war;

import jakarta.inject.Inject;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/** Found by the container's annotation scan; its fields injected by Weld Servlet. */
@ServerEndpoint(value = "/greet", configurator = WarConfigurator.class)
public class WarEndpoint {
    @Inject
    WarGreetings greetings;
    @Inject
    WarCallId callId;

    @OnMessage
    public String onMessage(String name) {
        return greetings.greet(name) + " call=" + callId.id();
    }
}
