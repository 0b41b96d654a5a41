package dev.duplex.samples;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.UncheckedIOException;

/** A programmatic endpoint (no annotations), deployed by {@link SamplesApplicationConfig}: answers each text reversed. */
public class ReverseEndpoint extends Endpoint {
    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.addMessageHandler(String.class, text -> {
            try {
                session.getBasicRemote().sendText(new StringBuilder(text).reverse().toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
