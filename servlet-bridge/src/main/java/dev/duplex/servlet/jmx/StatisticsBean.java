package dev.duplex.servlet.jmx;

import dev.duplex.monitoring.StatisticsSnapshot;
import java.util.Map;
import java.util.function.Supplier;

/** A {@link StatisticsMXBean} over snapshots taken when an attribute is read. */
class StatisticsBean implements StatisticsMXBean {
    private final Supplier<StatisticsSnapshot> figures;

    StatisticsBean(Supplier<StatisticsSnapshot> figures) {
        this.figures = figures;
    }

    @Override
    public long getOpenSessions() {
        return figures.get().openSessions();
    }

    @Override
    public long getSessionsOpened() {
        return figures.get().sessionsOpened();
    }

    @Override
    public long getSessionsClosed() {
        return figures.get().sessionsClosed();
    }

    @Override
    public long getMessagesReceived() {
        return figures.get().messagesReceived();
    }

    @Override
    public long getTextMessagesReceived() {
        return figures.get().textMessagesReceived();
    }

    @Override
    public long getBinaryMessagesReceived() {
        return figures.get().binaryMessagesReceived();
    }

    @Override
    public long getMessagesSent() {
        return figures.get().messagesSent();
    }

    @Override
    public long getTextMessagesSent() {
        return figures.get().textMessagesSent();
    }

    @Override
    public long getBinaryMessagesSent() {
        return figures.get().binaryMessagesSent();
    }

    @Override
    public long getBytesReceived() {
        return figures.get().bytesReceived();
    }

    @Override
    public long getBytesSent() {
        return figures.get().bytesSent();
    }

    @Override
    public long getErrors() {
        return figures.get().errors();
    }

    @Override
    public Map<Integer, Long> getCloseCodes() {
        return figures.get().closeCodes();
    }

    @Override
    public long getQueuedBytes() {
        return figures.get().queuedBytes();
    }
}
