package dev.duplex.servlet;

import dev.duplex.endpoint.server.DuplexServerContainer;
import dev.duplex.endpoint.session.OpenSessions;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open sessions of each deployed endpoint of one application ({@code Session.getOpenSessions()}
 * answers with those of its own endpoint), and ending them all when the application stops.
 * Thread-safe.
 */
final class EndpointSessions {
    private static final System.Logger LOG = System.getLogger(EndpointSessions.class.getName());

    private final DuplexServerContainer container;
    private final Map<ServerEndpointConfig, OpenSessions> byEndpoint = new ConcurrentHashMap<>();

    /** @param container counts the sessions, per endpoint path */
    EndpointSessions(DuplexServerContainer container) {
        this.container = container;
    }

    /** The registry of the endpoint deployed with {@code config}. */
    OpenSessions of(ServerEndpointConfig config) {
        return byEndpoint.computeIfAbsent(config, ignored -> new OpenSessions(container.countersFor(config)));
    }

    /**
     * Ends every session as the application stops: each open one is closed with 1001 Going Away (RFC 6455 section
     * 7.4.1); peers get {@code grace} to answer; the connections of those that did not are dropped, which fails the
     * sends still queued for them and reports 1006 to their {@code onClose}. Returns once every {@code onClose} has
     * returned, or {@code grace} plus {@code callbacksEnd} have passed (an application callback that does not
     * return; logged). Undeploying thus never leaves an {@code onClose} to run after the application has gone, nor a
     * sender waiting on a connection nobody serves.
     */
    void closeAll(Duration grace, Duration callbacksEnd) {
        int closed = 0;
        for (OpenSessions sessions : byEndpoint.values()) {
            for (Session session : sessions.snapshot()) {
                try {
                    session.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "the application is stopping"));
                    closed++;
                } catch (IOException | RuntimeException e) {
                    LOG.log(Level.DEBUG, "closing session " + session.getId() + " at shutdown failed", e);
                }
            }
        }
        if (closed > 0) {
            LOG.log(Level.INFO, "closed {0} WebSocket session(s) with 1001 Going Away as the application stops", closed);
        }
        try {
            if (awaitNone(System.nanoTime() + grace.toNanos())) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // drop them all now, and wait no more
        }
        int dropped = 0;
        for (OpenSessions sessions : byEndpoint.values()) {
            dropped += sessions.dropAll("the application stopped; the close handshake did not end within " + grace);
        }
        LOG.log(Level.INFO, "dropped {0} WebSocket connection(s) whose close handshake did not end within {1}"
                + " of the application stopping", dropped, grace);
        boolean ended = false;
        if (!Thread.currentThread().isInterrupted()) {
            try {
                ended = awaitNone(System.nanoTime() + callbacksEnd.toNanos());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!ended) {
            LOG.log(Level.WARNING, "WebSocket sessions of the stopped application whose onClose has not run or returned"
                    + " {0} after their connections were dropped: {1} (an application callback that does not return?)",
                    callbacksEnd, openCount());
        }
    }

    private boolean awaitNone(long deadlineNanos) throws InterruptedException {
        for (OpenSessions sessions : byEndpoint.values()) {
            if (!sessions.awaitNone(deadlineNanos)) {
                return false;
            }
        }
        return true;
    }

    private int openCount() {
        return byEndpoint.values().stream().mapToInt(OpenSessions::size).sum();
    }
}
