package dev.duplex.cdi.endpoints;

import dev.duplex.cdi.beans.Greetings;
import jakarta.inject.Inject;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

/** A programmatic endpoint with an injected bean. */
public class ProgrammaticEndpoint extends Endpoint {
    @Inject
    Greetings greetings;

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.addMessageHandler(String.class,
                (MessageHandler.Whole<String>) message -> session.getAsyncRemote().sendText(greetings.greet(message)));
    }
}
