package dev.duplex.cdi.endpoints;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/** Application-scoped: one instance answers every peer, which its reply shows. */
@ApplicationScoped
@ServerEndpoint("/shared")
public class SharedEndpoint {
    @OnMessage
    public String onMessage(String message) {
        return "instance " + System.identityHashCode(this);
    }
}
