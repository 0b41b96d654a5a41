package dev.duplex.endpoint.session;

import jakarta.websocket.Session;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sessions open on one deployed endpoint (one {@code ServerEndpointConfig}, or one client
 * connection's configuration), behind {@code Session.getOpenSessions()}. A session joins before
 * its {@code onOpen} and leaves after its {@code onClose}. Thread-safe.
 */
public final class OpenSessions {
    private final Set<DuplexSession> sessions = ConcurrentHashMap.newKeySet();

    void add(DuplexSession session) {
        sessions.add(session);
    }

    void remove(DuplexSession session) {
        sessions.remove(session);
    }

    /** A copy of the sessions open at the time of the call (Session javadoc, {@code getOpenSessions}). */
    public Set<Session> snapshot() {
        Set<Session> open = new HashSet<>();
        for (DuplexSession session : sessions) {
            if (session.isOpen()) {
                open.add(session);
            }
        }
        return open;
    }

    /** How many sessions have joined and not yet left. */
    public int size() {
        return sessions.size();
    }
}
