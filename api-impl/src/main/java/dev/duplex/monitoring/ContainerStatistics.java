package dev.duplex.monitoring;

import java.util.List;

/**
 * The statistics of the endpoints of one server container (one web application): one {@link SessionStatistics}
 * per endpoint path. Thread-safe.
 */
public interface ContainerStatistics {

    /** The statistics of each endpoint, in the order they were added; a copy. */
    List<SessionStatistics> endpoints();

    /** The figures of every endpoint, summed, named {@code "total"}. */
    StatisticsSnapshot total();

    /**
     * Adds a listener; it hears {@link StatisticsListener#added added} for every endpoint there is now before this
     * returns, then of later ones as they come and go.
     */
    void addListener(StatisticsListener listener);

    void removeListener(StatisticsListener listener);
}
