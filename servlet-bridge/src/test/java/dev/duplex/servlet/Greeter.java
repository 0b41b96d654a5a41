package dev.duplex.servlet;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.UncheckedIOException;

/** A programmatic endpoint: greets the {@code name} path parameter on open, then echoes text. */
public class Greeter extends Endpoint {
    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.addMessageHandler(String.class, text -> session.getAsyncRemote().sendText(text));
        try {
            session.getBasicRemote().sendText("hello " + session.getPathParameters().get("name"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
