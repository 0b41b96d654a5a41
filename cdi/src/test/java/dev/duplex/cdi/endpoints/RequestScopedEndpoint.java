package dev.duplex.cdi.endpoints;

import jakarta.enterprise.context.RequestScoped;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/** Request-scoped: refused at deployment, its state would not outlive one callback. */
@RequestScoped
@ServerEndpoint("/request-scoped")
public class RequestScopedEndpoint {
    @OnMessage
    public String onMessage(String message) {
        return message;
    }
}
