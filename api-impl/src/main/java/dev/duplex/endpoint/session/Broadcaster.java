package dev.duplex.endpoint.session;

import dev.duplex.endpoint.coder.Encoded;
import dev.duplex.engine.Callback;
import jakarta.websocket.EncodeException;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends one message to many Duplex sessions, encoding it once, and keeps named groups of sessions.
 *
 * <p><b>Encode once.</b> A text message is turned into UTF-8 once, an object is encoded once with
 * the encoders of the first open session of the set (Jakarta encoders are per session; section
 * 4.1.2 is kept by encoding under that session's encoder lock), and the resulting payload is
 * shared read-only: each session gets its own {@link ByteBuffer#duplicate() duplicate}, so no
 * session's write moves another's position. Each session frames the payload itself: the frame
 * header is a few bytes, and sessions with permessage-deflate compress with their own context
 * (RFC 7692 section 7.2.1), so a per-session frame is what keeps every session correct.
 *
 * <p><b>Order and isolation.</b> The message goes through each session's own send path, the one
 * {@code getAsyncRemote()} uses, so it keeps its order with the session's other messages, never
 * goes between the parts of a fragmented message the session is sending (that session's outcome
 * is then a failure, RFC 6455 section 5.4), and is bounded by the session's write queue: a slow
 * reader whose queue is full fails at once, without delaying the other sessions. Sessions that
 * are not open when the broadcast begins are skipped.
 *
 * <p><b>The future</b> completes when every session's outcome is known: written to its transport,
 * refused, or failed. A message a slow reader's queue took is known when it is written or when
 * that connection ends, so such a session delays the future (never the other sessions' writes).
 * Session statistics count the message as sent on each session it was handed to.
 *
 * <p><b>Groups.</b> Sessions {@link #join join} and {@link #leave leave} named groups
 * ({@code "room:42"}); a session leaves all its groups when it closes, so groups hold no closed
 * session. Sessions not made by Duplex cannot join.
 *
 * <p>Thread-safe.
 */
public final class Broadcaster {
    private final Map<String, Set<DuplexSession>> groups = new ConcurrentHashMap<>();
    /** The groups each session joined, until it closes: its close hook is registered once. */
    private final Map<DuplexSession, Set<String>> memberships = new ConcurrentHashMap<>();

    /** A broadcaster with no groups. */
    public static Broadcaster create() {
        return new Broadcaster();
    }

    private Broadcaster() {
    }

    /**
     * Adds {@code session} to the group {@code group}; it leaves it when it closes. Joining a group
     * twice, or joining with a closed session, has no effect.
     *
     * @throws IllegalArgumentException when the session is not a Duplex session
     */
    public void join(Session session, String group) {
        Objects.requireNonNull(group, "group");
        DuplexSession duplex = duplex(session);
        if (!duplex.isOpen()) {
            return;
        }
        boolean[] first = {false};
        memberships.computeIfAbsent(duplex, s -> {
            first[0] = true;
            return ConcurrentHashMap.newKeySet();
        }).add(group);
        groups.compute(group, (g, members) -> { // the add inside: a leave cannot drop the set under it
            Set<DuplexSession> set = members != null ? members : ConcurrentHashMap.<DuplexSession>newKeySet();
            set.add(duplex);
            return set;
        });
        if (first[0]) {
            duplex.whenClosed(() -> leaveAll(duplex)); // one hook per session, however often it joins
        }
        if (duplex.closeHooksStarted()) {
            removeMember(duplex, group); // the hook may have run before the adds above
            leaveAll(duplex);
        }
    }

    /** Takes {@code session} out of {@code group}; a group left empty is forgotten. */
    public void leave(Session session, String group) {
        Set<String> joined = memberships.get(session);
        if (joined != null) {
            joined.remove(group);
        }
        removeMember(session, group);
    }

    private void leaveAll(DuplexSession session) {
        Set<String> joined = memberships.remove(session);
        if (joined != null) {
            for (String group : joined) {
                removeMember(session, group);
            }
        }
    }

    private void removeMember(Session session, String group) {
        groups.computeIfPresent(group, (g, members) -> {
            members.remove(session);
            return members.isEmpty() ? null : members;
        });
    }

    /** A snapshot of the open sessions in {@code group}; empty for an unknown group. */
    public Set<Session> members(String group) {
        Set<DuplexSession> members = groups.get(group);
        return members == null ? Set.of() : Set.copyOf(members);
    }

    /** The names of the groups that have members now. */
    public Set<String> groups() {
        return Set.copyOf(groups.keySet());
    }

    /** Sends {@code text} to every session of {@code group}; see {@link #sendText(Collection, String)}. */
    public CompletableFuture<BroadcastResult> sendTextToGroup(String group, String text) {
        return sendText(members(group), text);
    }

    /**
     * Sends {@code text} as one text message to each of {@code sessions} (for all the sessions of
     * an endpoint, pass {@link Session#getOpenSessions()}). The future completes when every
     * session's outcome is known; it does not fail for a session that failed.
     */
    public CompletableFuture<BroadcastResult> sendText(Collection<? extends Session> sessions, String text) {
        Objects.requireNonNull(text, "text");
        return send(sessions, true, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Sends the remaining bytes of {@code data} as one binary message to each of {@code sessions}. */
    public CompletableFuture<BroadcastResult> sendBinary(Collection<? extends Session> sessions, ByteBuffer data) {
        Objects.requireNonNull(data, "data");
        ByteBuffer copy = ByteBuffer.allocate(data.remaining()).put(data.duplicate()).flip();
        return send(sessions, false, copy.asReadOnlyBuffer());
    }

    /**
     * Encodes {@code value} once, with the encoders of the first open session of
     * {@code sessions}, and sends it to each of them. When encoding fails, every open session's
     * outcome is that failure.
     */
    public CompletableFuture<BroadcastResult> sendObject(Collection<? extends Session> sessions, Object value) {
        Objects.requireNonNull(value, "value");
        List<DuplexSession> targets = targets(sessions);
        DuplexSession encoder = targets.stream().filter(DuplexSession::isOpen).findFirst().orElse(null);
        if (encoder == null) {
            return send(targets, true, ByteBuffer.allocate(0));
        }
        Encoded encoded;
        try {
            encoded = encoder.encode(value);
        } catch (EncodeException | IOException | RuntimeException e) {
            return CompletableFuture.completedFuture(allFailed(targets, e));
        }
        if (encoded instanceof Encoded.Text text) {
            return send(targets, true, ByteBuffer.wrap(text.text().getBytes(StandardCharsets.UTF_8)));
        }
        ByteBuffer data = ((Encoded.Binary) encoded).data();
        return send(targets, false, ByteBuffer.allocate(data.remaining()).put(data.duplicate()).flip().asReadOnlyBuffer());
    }

    private CompletableFuture<BroadcastResult> send(Collection<? extends Session> sessions, boolean text,
            ByteBuffer payload) {
        List<DuplexSession> targets = targets(sessions);
        CompletableFuture<BroadcastResult> result = new CompletableFuture<>();
        Set<Session> skipped = new LinkedHashSet<>();
        List<DuplexSession> open = new ArrayList<>(targets.size());
        for (DuplexSession session : targets) {
            if (session.isOpen() && session.connection().isOutputOpen()) {
                open.add(session);
            } else {
                skipped.add(session);
            }
        }
        Set<Session> delivered = ConcurrentHashMap.newKeySet();
        Map<Session, Throwable> failed = new ConcurrentHashMap<>();
        AtomicInteger pending = new AtomicInteger(open.size() + 1);
        Runnable arrived = () -> {
            if (pending.decrementAndGet() == 0) {
                result.complete(new BroadcastResult(Set.copyOf(delivered), Map.copyOf(failed), skipped));
            }
        };
        for (DuplexSession session : open) {
            session.sendShared(text, payload, new Callback() {
                @Override
                public void succeeded() {
                    delivered.add(session);
                    arrived.run();
                }

                @Override
                public void failed(Throwable cause) {
                    failed.put(session, cause);
                    arrived.run();
                }
            });
        }
        arrived.run();
        return result;
    }

    private static BroadcastResult allFailed(List<DuplexSession> targets, Throwable cause) {
        Set<Session> skipped = new LinkedHashSet<>();
        Map<Session, Throwable> failed = new ConcurrentHashMap<>();
        for (DuplexSession session : targets) {
            if (session.isOpen()) {
                failed.put(session, cause);
            } else {
                skipped.add(session);
            }
        }
        return new BroadcastResult(Set.of(), failed, skipped);
    }

    private static List<DuplexSession> targets(Collection<? extends Session> sessions) {
        Objects.requireNonNull(sessions, "sessions");
        Set<DuplexSession> unique = new LinkedHashSet<>();
        for (Session session : sessions) {
            unique.add(duplex(session));
        }
        return new ArrayList<>(unique);
    }

    private static DuplexSession duplex(Session session) {
        Objects.requireNonNull(session, "session");
        if (session instanceof DuplexSession duplex) {
            return duplex;
        }
        throw new IllegalArgumentException("not a Duplex session: " + session.getClass().getName());
    }
}
