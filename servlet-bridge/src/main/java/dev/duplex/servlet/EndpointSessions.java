package dev.duplex.servlet;

import dev.duplex.endpoint.session.OpenSessions;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open sessions of each deployed endpoint of one application ({@code Session.getOpenSessions()}
 * answers with those of its own endpoint), and closing them all when the application stops.
 * Thread-safe.
 */
final class EndpointSessions {
    private static final System.Logger LOG = System.getLogger(EndpointSessions.class.getName());

    private final Map<ServerEndpointConfig, OpenSessions> byEndpoint = new ConcurrentHashMap<>();

    /** The registry of the endpoint deployed with {@code config}. */
    OpenSessions of(ServerEndpointConfig config) {
        return byEndpoint.computeIfAbsent(config, ignored -> new OpenSessions());
    }

    /** Closes every open session with 1001 Going Away (RFC 6455 section 7.4.1), as the application stops. */
    void closeAll() {
        int count = 0;
        for (OpenSessions sessions : byEndpoint.values()) {
            for (Session session : sessions.snapshot()) {
                try {
                    session.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "the application is stopping"));
                    count++;
                } catch (IOException | RuntimeException e) {
                    LOG.log(Level.DEBUG, "closing session " + session.getId() + " at shutdown failed", e);
                }
            }
        }
        if (count > 0) {
            LOG.log(Level.INFO, "closed {0} WebSocket session(s) with 1001 Going Away as the application stops", count);
        }
    }
}
