package dev.duplex.endpoint.session;

import jakarta.websocket.Session;
import java.util.Collections;
import java.util.Map;
import java.util.Set;

/**
 * What became of one broadcast message on each session it was meant for: written to the
 * session's transport, failed (with the cause: a full write queue, a closed connection, a
 * fragmented send of the session's own in progress, an encoding error), or skipped because the
 * session was already closed when the broadcast began.
 *
 * <p>Immutable.
 */
public final class BroadcastResult {
    private final Set<Session> delivered;
    private final Map<Session, Throwable> failed;
    private final Set<Session> skipped;

    BroadcastResult(Set<Session> delivered, Map<Session, Throwable> failed, Set<Session> skipped) {
        this.delivered = Collections.unmodifiableSet(delivered);
        this.failed = Collections.unmodifiableMap(failed);
        this.skipped = Collections.unmodifiableSet(skipped);
    }

    /** The sessions whose transport took the whole message. */
    public Set<Session> delivered() {
        return delivered;
    }

    /** The sessions the message could not be sent to, each with why. */
    public Map<Session, Throwable> failed() {
        return failed;
    }

    /** The sessions that were closed (or closing) when the broadcast began: nothing was sent to them. */
    public Set<Session> skipped() {
        return skipped;
    }

    @Override
    public String toString() {
        return "BroadcastResult[delivered=" + delivered.size() + ", failed=" + failed.size()
                + ", skipped=" + skipped.size() + "]";
    }
}
