package dev.duplex.endpoint.server;

import dev.duplex.endpoint.session.SessionCounters;
import dev.duplex.monitoring.ContainerStatistics;
import dev.duplex.monitoring.SessionStatistics;
import dev.duplex.monitoring.StatisticsListener;
import dev.duplex.monitoring.StatisticsSnapshot;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * The counters of a server container's endpoints, one {@link SessionCounters} per path: every configuration with
 * that path counts in the same one (a deployed endpoint, and configurations given to {@code upgradeHttpToWebSocket}
 * with the same path). Counters are made as an endpoint is deployed, or at the first session of a path not
 * deployed; listeners hear of them then, and of their removal when the transport says the application stopped.
 *
 * <p>Thread-safe. Adding, removing and calling listeners are serialised by one lock, so a listener hears of an
 * endpoint once, and of its removal after its addition; none of it is on a session's path.
 */
final class ServerEndpointStatistics implements ContainerStatistics {
    private static final System.Logger LOG = System.getLogger(ServerEndpointStatistics.class.getName());

    private final Object lock = new Object();
    // Guarded by lock.
    private final Map<String, SessionCounters> byPath = new LinkedHashMap<>();
    private final List<StatisticsListener> listeners = new CopyOnWriteArrayList<>();

    /** The counters of the endpoint at {@code path}, made (and announced) the first time. */
    SessionCounters countersFor(String path) {
        synchronized (lock) {
            SessionCounters counters = byPath.get(path);
            if (counters == null) {
                counters = new SessionCounters(path);
                byPath.put(path, counters);
                for (StatisticsListener listener : listeners) {
                    tell(listener, StatisticsListener::added, counters);
                }
            }
            return counters;
        }
    }

    /**
     * Forgets every endpoint's counters and tells the listeners: the application stopped, or its deployment failed.
     * Sessions still open keep counting into them, unseen; a later {@link #countersFor} starts afresh.
     */
    void removeAll() {
        synchronized (lock) {
            List<SessionCounters> removed = new ArrayList<>(byPath.values());
            byPath.clear();
            for (SessionCounters counters : removed) {
                for (StatisticsListener listener : listeners) {
                    tell(listener, StatisticsListener::removed, counters);
                }
            }
        }
    }

    @Override
    public List<SessionStatistics> endpoints() {
        synchronized (lock) {
            return List.copyOf(byPath.values());
        }
    }

    @Override
    public StatisticsSnapshot total() {
        StatisticsSnapshot total = StatisticsSnapshot.empty("total");
        for (SessionStatistics endpoint : endpoints()) {
            total = total.plus(endpoint.snapshot());
        }
        return total;
    }

    @Override
    public void addListener(StatisticsListener listener) {
        if (listener == null) {
            throw new NullPointerException("listener");
        }
        synchronized (lock) {
            listeners.add(listener);
            for (SessionCounters counters : byPath.values()) {
                tell(listener, StatisticsListener::added, counters);
            }
        }
    }

    @Override
    public void removeListener(StatisticsListener listener) {
        listeners.remove(listener);
    }

    private static void tell(StatisticsListener listener, BiConsumer<StatisticsListener, SessionStatistics> call,
            SessionStatistics endpoint) {
        try {
            call.accept(listener, endpoint);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "statistics listener " + listener + " threw for endpoint " + endpoint.name(), e);
        }
    }
}
