package dev.duplex.servlet.war.app;

import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/**
 * Part of a test WAR: sets an idle timeout (so Duplex's timer runs for it) and tells whose copy of Duplex
 * serves it, the application's (loaded with this class, from WEB-INF/lib) or the container's.
 */
@ServerEndpoint("/war-idle-timeout")
public class WarIdleTimeoutEndpoint {
    @OnOpen
    public void open(Session session) {
        session.setMaxIdleTimeout(60_000);
    }

    @OnMessage
    public String whose(String ignored, Session session) {
        return session.getClass().getClassLoader() == WarIdleTimeoutEndpoint.class.getClassLoader()
                ? "the application's Duplex" : "the container's Duplex";
    }
}
