package dev.duplex.endpoint.session;

import jakarta.websocket.Session;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The sessions open on one deployed endpoint (one {@code ServerEndpointConfig}, or one client
 * connection's configuration), behind {@code Session.getOpenSessions()}. A session joins before
 * its {@code onOpen} and leaves after its {@code onClose}. Its sessions count in a {@link SessionCounters},
 * which may be shared with other registries (a client container's, by endpoint class). Thread-safe.
 */
public final class OpenSessions {
    private final Set<DuplexSession> sessions = ConcurrentHashMap.newKeySet();
    private final SessionCounters counters;

    /** @param counters where the sessions of this registry count */
    public OpenSessions(SessionCounters counters) {
        this.counters = counters;
        counters.track(this);
    }

    SessionCounters counters() {
        return counters;
    }

    void add(DuplexSession session) {
        sessions.add(session);
    }

    void remove(DuplexSession session) {
        sessions.remove(session);
        if (sessions.isEmpty()) {
            synchronized (this) {
                notifyAll(); // awaitNone
            }
        }
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

    /** The bytes waiting in the write queues of the sessions now (for {@link SessionCounters#queuedBytes()}). */
    long queuedBytes() {
        long queued = 0;
        for (DuplexSession session : sessions) {
            queued += session.connection().queuedBytes();
        }
        return queued;
    }

    /** How many sessions have joined and not yet left. */
    public int size() {
        return sessions.size();
    }

    /**
     * Waits until every session has left (its {@code onClose} returned) or {@code deadlineNanos} (on
     * {@link System#nanoTime()}'s scale) passes.
     *
     * @return whether none is left
     */
    public boolean awaitNone(long deadlineNanos) throws InterruptedException {
        synchronized (this) {
            while (!sessions.isEmpty()) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        }
    }

    /**
     * Drops the connection of every session that has not left yet, open or closing: sends still queued fail, and
     * {@code onClose} follows with 1006 and {@code why} for each whose close was not yet reported.
     *
     * @return how many sessions had not left
     */
    public int dropAll(String why) {
        int count = 0;
        for (DuplexSession session : sessions) {
            session.dropConnection(why);
            count++;
        }
        return count;
    }
}
