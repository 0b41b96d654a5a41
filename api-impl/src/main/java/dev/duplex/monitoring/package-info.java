/**
 * What Duplex counts about its sessions, for monitoring: per deployed server endpoint and per client container,
 * sessions opened, closed and open now, whole messages and payload bytes received and sent, {@code onError} calls,
 * close codes, and the bytes waiting in write queues.
 *
 * <p>Pull, not push: the sessions add to counters as they go ({@link java.util.concurrent.atomic.LongAdder}s, no
 * allocation, no call out per message), and a reader takes the figures when it wants them, from a live
 * {@link dev.duplex.monitoring.SessionStatistics} or an immutable {@link dev.duplex.monitoring.StatisticsSnapshot}.
 * A {@link dev.duplex.monitoring.StatisticsListener} hears when an endpoint's statistics come and go (deployed,
 * application stopped), which is what a metrics library needs to register and remove its meters.
 *
 * <p>Where to find them: {@code DuplexServerContainer.statistics()} (the {@code jakarta.websocket.server.ServerContainer}
 * of a web application) and {@code DuplexWebSocketContainer.statistics()} (a client container). The servlet bridge
 * also publishes them as MXBeans in the platform MBean server (see its README, "Monitoring").
 *
 * <p>This package depends on nothing but the JDK: no Jakarta type, no other Duplex package.
 */
package dev.duplex.monitoring;
