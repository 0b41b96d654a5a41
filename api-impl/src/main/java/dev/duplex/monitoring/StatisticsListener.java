package dev.duplex.monitoring;

/**
 * Hears when the statistics of a server endpoint come and go, to register and remove meters for it (a Micrometer
 * {@code MeterBinder}, the servlet bridge's MXBeans). Added with {@link ContainerStatistics#addListener}, it first
 * hears of every endpoint already there.
 *
 * <p>Calls come one at a time, in order ({@code added} before {@code removed} for each endpoint), on the thread
 * that deploys or stops; they should be short. What a listener throws is logged and does not stop the others.
 */
@FunctionalInterface
public interface StatisticsListener {

    /**
     * An endpoint's statistics exist: the endpoint was deployed, or a session was opened with a configuration given
     * to {@code upgradeHttpToWebSocket} at a path not seen before.
     */
    void added(SessionStatistics endpoint);

    /**
     * The endpoint's statistics are no longer kept up to date: the application stopped, after its sessions ended,
     * or its deployment failed. The figures stay readable as they were.
     */
    default void removed(SessionStatistics endpoint) {
    }
}
