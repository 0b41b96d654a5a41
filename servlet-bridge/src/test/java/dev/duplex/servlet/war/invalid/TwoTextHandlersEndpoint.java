package dev.duplex.servlet.war.invalid;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/** Part of an invalid test WAR: two text message methods (Jakarta WebSocket 2.2 section 4.7). */
@ServerEndpoint("/invalid")
public class TwoTextHandlersEndpoint {
    @OnMessage
    public void first(String text) {
    }

    @OnMessage
    public void second(String text) {
    }
}
