package dev.duplex.monitoring;

import java.util.SortedMap;

/**
 * The figures of a group of sessions as they are now: those of one deployed server endpoint (every
 * {@code ServerEndpointConfig} with its path), or those of one client container. Each getter reads its counter
 * when called; two getters called one after the other may see sessions and messages that came in between. For a
 * set of figures taken together, {@link #snapshot()}.
 *
 * <p>What is counted:
 * <ul>
 * <li><b>Sessions</b>: a session is opened as {@code onOpen} is about to be called, and closed as {@code onClose}
 *     is about to be called, so an endpoint that counts down a latch in {@code onClose} finds itself counted.
 *     {@link #openSessions()} is the difference of the two, never negative.</li>
 * <li><b>Messages</b>: whole text and binary messages, however many frames they came in or were sent in; pings,
 *     pongs and close frames are not counted. Received: delivered to the session (messages that arrive after this
 *     end has sent its close frame are discarded, RFC 6455 section 7.1.2, and not counted). Sent: handed to the
 *     connection while it could still send, counted then, whether or not the network later takes them (a send the
 *     write queue refuses, {@code WriteQueueFullException}, is counted).</li>
 * <li><b>Bytes</b>: application payload, as the application sees it: received after decompression
 *     (permessage-deflate), sent before compression; frame headers, masks and control frames are not counted. A
 *     message's bytes count as its parts arrive or go, its count once its last part has.</li>
 * <li><b>Errors</b>: calls of {@code onError}, whatever the cause (a protocol violation, a failed connection, an
 *     exception from application code).</li>
 * <li><b>Close codes</b>: the code {@code onClose} heard, once per closed session: the peer's code, the code of a
 *     protocol violation, 1006 for a connection that ended without a close frame or a session closed by the
 *     container (idle timeout; Jakarta WebSocket 2.2 section 2.1.5), or the application's own code when it closed.</li>
 * <li><b>Queued bytes</b>: bytes accepted for sending and not yet taken by the network, summed over the open
 *     sessions' write queues when asked (a gauge, not a counter).</li>
 * </ul>
 *
 * <p>Thread-safe. The counters only grow (but {@link #openSessions()} and {@link #queuedBytes()}).
 */
public interface SessionStatistics {

    /**
     * What the figures are of: a server endpoint's path as deployed, the template itself ({@code /chat/{room}});
     * {@code "client"} for a client container's sessions.
     */
    String name();

    /** Sessions opened and not yet closed. */
    long openSessions();

    long sessionsOpened();

    long sessionsClosed();

    long textMessagesReceived();

    long binaryMessagesReceived();

    /** Text and binary messages received. */
    default long messagesReceived() {
        return textMessagesReceived() + binaryMessagesReceived();
    }

    long textMessagesSent();

    long binaryMessagesSent();

    /** Text and binary messages sent. */
    default long messagesSent() {
        return textMessagesSent() + binaryMessagesSent();
    }

    /** Payload bytes of the messages received, after decompression. */
    long bytesReceived();

    /** Payload bytes of the messages sent, before compression. */
    long bytesSent();

    /** Calls of {@code onError}. */
    long errors();

    /** How many sessions were closed with {@code code} (as {@code onClose} heard it). */
    long closes(int code);

    /** Sessions closed by close code, for the codes seen at least once; an unmodifiable copy, in code order. */
    SortedMap<Integer, Long> closeCodes();

    /** Bytes waiting in the write queues of the open sessions now. */
    long queuedBytes();

    /** The figures, taken together now. */
    StatisticsSnapshot snapshot();
}
