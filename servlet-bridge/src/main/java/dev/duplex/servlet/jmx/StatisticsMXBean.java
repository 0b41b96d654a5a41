package dev.duplex.servlet.jmx;

import java.util.Map;

/**
 * The figures of a group of WebSocket sessions, as attributes of an MXBean: those of one endpoint
 * ({@link EndpointMXBean}), of all the endpoints of one web application ({@link ContainerMXBean}), or of the
 * application's client sessions ({@code ServerContainer.connectToServer}, the MBean of type {@code Client}). What
 * each counts is described on {@link dev.duplex.monitoring.SessionStatistics}; every attribute is read when asked.
 */
public interface StatisticsMXBean {

    /** Sessions opened and not yet closed. */
    long getOpenSessions();

    long getSessionsOpened();

    long getSessionsClosed();

    /** Whole messages received, text and binary. */
    long getMessagesReceived();

    long getTextMessagesReceived();

    long getBinaryMessagesReceived();

    /** Whole messages sent, text and binary. */
    long getMessagesSent();

    long getTextMessagesSent();

    long getBinaryMessagesSent();

    /** Payload bytes of the messages received, after decompression. */
    long getBytesReceived();

    /** Payload bytes of the messages sent, before compression. */
    long getBytesSent();

    /** Calls of {@code onError}. */
    long getErrors();

    /** Closed sessions by the code {@code onClose} heard (a table of key and value in JMX), for the codes seen. */
    Map<Integer, Long> getCloseCodes();

    /** Bytes accepted for sending and not yet taken by the network, over the open sessions' write queues. */
    long getQueuedBytes();
}
