package dev.duplex.monitoring;

import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The figures of {@link SessionStatistics} at one moment, or their sum over several endpoints. Immutable. What each
 * figure counts is described on {@link SessionStatistics}.
 *
 * @param name                   what the figures are of: an endpoint's path, {@code "client"}, or what a sum names
 * @param openSessions           sessions opened and not yet closed: {@code sessionsOpened - sessionsClosed}
 * @param closeCodes             sessions closed by close code, for the codes seen; unmodifiable, in code order
 * @param queuedBytes            bytes waiting in the write queues of the open sessions
 */
public record StatisticsSnapshot(String name, long openSessions, long sessionsOpened, long sessionsClosed,
        long textMessagesReceived, long binaryMessagesReceived, long textMessagesSent, long binaryMessagesSent,
        long bytesReceived, long bytesSent, long errors, SortedMap<Integer, Long> closeCodes, long queuedBytes) {

    public StatisticsSnapshot {
        Objects.requireNonNull(name, "name");
        closeCodes = Collections.unmodifiableSortedMap(new TreeMap<>(closeCodes));
    }

    /** All zero. */
    public static StatisticsSnapshot empty(String name) {
        return new StatisticsSnapshot(name, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Collections.emptySortedMap(), 0);
    }

    /** Text and binary messages received. */
    public long messagesReceived() {
        return textMessagesReceived + binaryMessagesReceived;
    }

    /** Text and binary messages sent. */
    public long messagesSent() {
        return textMessagesSent + binaryMessagesSent;
    }

    /** How many sessions were closed with {@code code}. */
    public long closes(int code) {
        return closeCodes.getOrDefault(code, 0L);
    }

    /** The figures of this and {@code other} added up, under this one's name: a container's total, say. */
    public StatisticsSnapshot plus(StatisticsSnapshot other) {
        SortedMap<Integer, Long> codes = new TreeMap<>(closeCodes);
        other.closeCodes.forEach((code, count) -> codes.merge(code, count, Long::sum));
        return new StatisticsSnapshot(name, openSessions + other.openSessions, sessionsOpened + other.sessionsOpened,
                sessionsClosed + other.sessionsClosed, textMessagesReceived + other.textMessagesReceived,
                binaryMessagesReceived + other.binaryMessagesReceived, textMessagesSent + other.textMessagesSent,
                binaryMessagesSent + other.binaryMessagesSent, bytesReceived + other.bytesReceived,
                bytesSent + other.bytesSent, errors + other.errors, codes, queuedBytes + other.queuedBytes);
    }
}
