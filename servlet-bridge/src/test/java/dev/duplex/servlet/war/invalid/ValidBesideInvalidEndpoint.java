package dev.duplex.servlet.war.invalid;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/** Part of an invalid test WAR: valid itself, but out of service with the rest of its application. */
@ServerEndpoint("/valid")
public class ValidBesideInvalidEndpoint {
    @OnMessage
    public String echo(String text) {
        return text;
    }
}
