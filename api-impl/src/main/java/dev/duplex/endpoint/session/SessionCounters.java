package dev.duplex.endpoint.session;

import dev.duplex.monitoring.SessionStatistics;
import dev.duplex.monitoring.StatisticsSnapshot;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters behind {@link SessionStatistics} for one group of sessions (a deployed endpoint's, a client
 * container's), which its sessions add to as they go; what each counts is said there.
 *
 * <p>The counters a message touches are {@link LongAdder}s: sessions of one endpoint run on many threads at once,
 * and an adder spreads their updates over cells instead of making them retry on one contended word. Nothing is
 * allocated per message or held per session: the open sessions' queued bytes are summed from their
 * {@link OpenSessions} when asked.
 *
 * <p>Thread-safe.
 */
public final class SessionCounters implements SessionStatistics {
    /** Codes 1000 to 1015, the ones RFC 6455 section 7.4.1 defines, have a slot each; others go to a map. */
    private static final int FIRST_STANDARD_CODE = 1000;
    private static final int STANDARD_CODES = 16;

    private final String name;
    private final LongAdder sessionsOpened = new LongAdder();
    private final LongAdder sessionsClosed = new LongAdder();
    private final LongAdder textMessagesReceived = new LongAdder();
    private final LongAdder binaryMessagesReceived = new LongAdder();
    private final LongAdder textMessagesSent = new LongAdder();
    private final LongAdder binaryMessagesSent = new LongAdder();
    private final LongAdder bytesReceived = new LongAdder();
    private final LongAdder bytesSent = new LongAdder();
    private final LongAdder errors = new LongAdder();
    /** Once per closed session: an atomic array is enough. */
    private final AtomicLongArray standardCloses = new AtomicLongArray(STANDARD_CODES);
    private final Map<Integer, LongAdder> otherCloses = new ConcurrentHashMap<>();
    /** The registries of the sessions counted here, for {@link #queuedBytes()}. */
    private final Set<OpenSessions> sessions = ConcurrentHashMap.newKeySet();

    /** @param name see {@link SessionStatistics#name()} */
    public SessionCounters(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    // ---------------------------------------------------------------- recording, by the sessions

    void track(OpenSessions registry) {
        sessions.add(registry);
    }

    void sessionOpened() {
        sessionsOpened.increment();
    }

    void sessionClosed(int code) {
        int slot = code - FIRST_STANDARD_CODE;
        if (slot >= 0 && slot < STANDARD_CODES) {
            standardCloses.incrementAndGet(slot);
        } else {
            otherCloses.computeIfAbsent(code, ignored -> new LongAdder()).increment();
        }
        // Last: whoever sees the session counted as closed also sees its code.
        sessionsClosed.increment();
    }

    /** A part of a received message, after decompression; {@code last} ends the message. */
    void received(boolean text, int bytes, boolean last) {
        bytesReceived.add(bytes);
        if (last) {
            (text ? textMessagesReceived : binaryMessagesReceived).increment();
        }
    }

    /** A part of a message handed to the connection, before compression; {@code last} ends the message. */
    void sent(boolean text, int bytes, boolean last) {
        bytesSent.add(bytes);
        if (last) {
            (text ? textMessagesSent : binaryMessagesSent).increment();
        }
    }

    void error() {
        errors.increment();
    }

    // ---------------------------------------------------------------- SessionStatistics

    @Override
    public String name() {
        return name;
    }

    @Override
    public long openSessions() {
        // Closed first: every session counted closed by then was counted opened before, so this is never negative.
        long closed = sessionsClosed.sum();
        return sessionsOpened.sum() - closed;
    }

    @Override
    public long sessionsOpened() {
        return sessionsOpened.sum();
    }

    @Override
    public long sessionsClosed() {
        return sessionsClosed.sum();
    }

    @Override
    public long textMessagesReceived() {
        return textMessagesReceived.sum();
    }

    @Override
    public long binaryMessagesReceived() {
        return binaryMessagesReceived.sum();
    }

    @Override
    public long textMessagesSent() {
        return textMessagesSent.sum();
    }

    @Override
    public long binaryMessagesSent() {
        return binaryMessagesSent.sum();
    }

    @Override
    public long bytesReceived() {
        return bytesReceived.sum();
    }

    @Override
    public long bytesSent() {
        return bytesSent.sum();
    }

    @Override
    public long errors() {
        return errors.sum();
    }

    @Override
    public long closes(int code) {
        int slot = code - FIRST_STANDARD_CODE;
        if (slot >= 0 && slot < STANDARD_CODES) {
            return standardCloses.get(slot);
        }
        LongAdder count = otherCloses.get(code);
        return count == null ? 0 : count.sum();
    }

    @Override
    public SortedMap<Integer, Long> closeCodes() {
        SortedMap<Integer, Long> codes = new TreeMap<>();
        for (int slot = 0; slot < STANDARD_CODES; slot++) {
            long count = standardCloses.get(slot);
            if (count > 0) {
                codes.put(FIRST_STANDARD_CODE + slot, count);
            }
        }
        otherCloses.forEach((code, count) -> codes.put(code, count.sum()));
        return Collections.unmodifiableSortedMap(codes);
    }

    @Override
    public long queuedBytes() {
        long queued = 0;
        for (OpenSessions registry : sessions) {
            queued += registry.queuedBytes();
        }
        return queued;
    }

    @Override
    public StatisticsSnapshot snapshot() {
        long closed = sessionsClosed.sum();
        long opened = sessionsOpened.sum();
        return new StatisticsSnapshot(name, opened - closed, opened, closed, textMessagesReceived.sum(),
                binaryMessagesReceived.sum(), textMessagesSent.sum(), binaryMessagesSent.sum(), bytesReceived.sum(),
                bytesSent.sum(), errors.sum(), closeCodes(), queuedBytes());
    }

    @Override
    public String toString() {
        return "SessionCounters[" + name + ", " + openSessions() + " open]";
    }
}
