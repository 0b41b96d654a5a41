package dev.duplex.client;

import dev.duplex.client.transport.ClientConnector;
import dev.duplex.client.transport.HostResolver;
import dev.duplex.endpoint.session.SessionRuntime;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A {@link ClientConnector} started on demand and stopped when idle: each connection attempt
 * takes a {@link Lease} and releases it once its connection has ended (or the attempt failed).
 * When no lease has been held for the idle delay, the connector is closed and its selector
 * threads end; the next lease starts a new one. So a JVM that connects now and then, through any
 * number of containers, has client threads only while it uses them.
 *
 * <p>{@link #shared()} is the one the containers of {@link DuplexContainerProvider} use; a
 * container made with {@link DuplexWebSocketContainer#create(ClientOptions)} has its own, which it
 * {@linkplain #shutdown() shuts down} when it stops.
 *
 * <p>Thread-safe: the state changes under one lock; connectors are closed outside it.
 */
final class ConnectorLeases {
    private static final System.Logger LOG = System.getLogger(ConnectorLeases.class.getName());

    /** How long the shared connector stays up without connections. */
    static final Duration DEFAULT_IDLE_DELAY = Duration.ofSeconds(30);

    /** Schedules the idle check; the returned future cancels it. */
    @FunctionalInterface
    interface IdleTimer {
        Future<?> schedule(Runnable check, Duration delay);
    }

    /** One attempt's hold on the connector. {@link #release()} is idempotent. */
    final class Lease {
        private final ClientConnector connector;
        private final AtomicBoolean released = new AtomicBoolean();

        private Lease(ClientConnector connector) {
            this.connector = connector;
        }

        ClientConnector connector() {
            return connector;
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                returned();
            }
        }
    }

    private final Supplier<ClientConnector> factory;
    private final Duration idleDelay;
    private final IdleTimer timer;
    private final Object lock = new Object();
    private ClientConnector current; // guarded by lock
    private int leases; // guarded by lock
    private long generation; // guarded by lock: which idle period a pending check belongs to
    private Future<?> idleCheck; // guarded by lock
    private boolean shutdown; // guarded by lock

    ConnectorLeases(Supplier<ClientConnector> factory, Duration idleDelay, IdleTimer timer) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.idleDelay = Objects.requireNonNull(idleDelay, "idleDelay");
        this.timer = Objects.requireNonNull(timer, "timer");
    }

    /** Connectors with the given number of selector threads, stopped after {@code idleDelay} without use. */
    static ConnectorLeases of(int selectorThreads, Duration idleDelay) {
        return new ConnectorLeases(() -> new ClientConnector(selectorThreads, HostResolver.SYSTEM),
                idleDelay, ConnectorLeases::onSharedRuntime);
    }

    /** The process-wide connector of the provider's containers: one selector thread, 30 s idle delay. */
    static ConnectorLeases shared() {
        return Shared.INSTANCE;
    }

    /** The check runs on the session executor: closing a connector waits for its threads to end. */
    private static Future<?> onSharedRuntime(Runnable check, Duration delay) {
        return SessionRuntime.shared().schedule(check, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Takes a lease, starting a connector if none runs.
     *
     * @throws IllegalStateException after {@link #shutdown()}
     * @throws java.io.UncheckedIOException when a selector cannot be opened
     */
    Lease lease() {
        synchronized (lock) {
            if (shutdown) {
                throw new IllegalStateException("the client connector has been shut down");
            }
            if (idleCheck != null) {
                idleCheck.cancel(false);
                idleCheck = null;
            }
            generation++;
            if (current == null) {
                current = factory.get();
            }
            leases++;
            return new Lease(current);
        }
    }

    private void returned() {
        synchronized (lock) {
            leases--;
            if (leases > 0 || current == null || shutdown) {
                return;
            }
            long idlePeriod = ++generation;
            idleCheck = timer.schedule(() -> idleFor(idlePeriod), idleDelay);
        }
    }

    /** The idle delay has passed: stop the connector unless a lease was taken meanwhile. */
    private void idleFor(long idlePeriod) {
        ClientConnector idle;
        synchronized (lock) {
            if (generation != idlePeriod || leases > 0 || current == null) {
                return;
            }
            idle = current;
            current = null;
            idleCheck = null;
        }
        LOG.log(Level.DEBUG, "stopping the client selector threads after {0} without connections", idleDelay);
        idle.close();
    }

    /** Closes the connector, ending the connections left on it; no lease can be taken afterwards. Idempotent. */
    void shutdown() {
        ClientConnector running;
        synchronized (lock) {
            shutdown = true;
            if (idleCheck != null) {
                idleCheck.cancel(false);
                idleCheck = null;
            }
            running = current;
            current = null;
        }
        if (running != null) {
            running.close();
        }
    }

    /** Whether a connector is running now; for tests. */
    boolean isRunning() {
        synchronized (lock) {
            return current != null;
        }
    }

    private static final class Shared {
        static final ConnectorLeases INSTANCE = of(1, DEFAULT_IDLE_DELAY);
    }
}
