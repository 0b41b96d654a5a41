package dev.duplex.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.client.transport.ClientConnector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.FutureTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The connector that runs only while leased: the idle check is run by hand here, so nothing waits. */
class ConnectorLeasesTest {
    /** The idle checks scheduled so far, to be run (or found cancelled) by the test. */
    private final List<FutureTask<Void>> checks = new ArrayList<>();
    private final List<Duration> delays = new ArrayList<>();
    private final List<ClientConnector> created = new ArrayList<>();
    private final ConnectorLeases leases = new ConnectorLeases(() -> {
        ClientConnector connector = new ClientConnector();
        created.add(connector);
        return connector;
    }, Duration.ofSeconds(30), (check, delay) -> {
        FutureTask<Void> task = new FutureTask<>(check, null);
        checks.add(task);
        delays.add(delay);
        return task;
    });

    @AfterEach
    void shutdown() {
        leases.shutdown();
    }

    private FutureTask<Void> lastCheck() {
        return checks.get(checks.size() - 1);
    }

    @Test
    void noConnectorRunsBeforeTheFirstLease() {
        assertFalse(leases.isRunning());
        assertTrue(created.isEmpty());
    }

    @Test
    void concurrentLeasesShareOneConnector() {
        ConnectorLeases.Lease first = leases.lease();
        ConnectorLeases.Lease second = leases.lease();
        assertSame(first.connector(), second.connector());
        first.release();
        assertTrue(checks.isEmpty(), "a lease is still held");
        second.release();
        assertEquals(List.of(Duration.ofSeconds(30)), delays);
    }

    @Test
    void idleConnectorIsClosedWithItsThreadsAndANewLeaseStartsAnother() throws Exception {
        ConnectorLeases.Lease lease = leases.lease();
        ClientConnector first = lease.connector();
        lease.release();
        lease.release(); // idempotent: one release, one check
        assertEquals(1, checks.size());

        lastCheck().run();
        assertTrue(first.isClosed());
        assertFalse(leases.isRunning());
        // ClientConnector.close() returns once its selector threads have ended.

        ClientConnector second = leases.lease().connector();
        assertNotSame(first, second);
        assertFalse(second.isClosed());
        assertEquals(2, created.size());
    }

    @Test
    void leaseTakenBeforeTheIdleCheckRunsKeepsTheConnector() {
        ConnectorLeases.Lease lease = leases.lease();
        ClientConnector connector = lease.connector();
        lease.release();
        FutureTask<Void> staleCheck = lastCheck();

        ConnectorLeases.Lease again = leases.lease();
        assertTrue(staleCheck.isCancelled());
        staleCheck.run(); // even if it had already started, it belongs to an idle period that is over
        assertSame(connector, again.connector());
        assertFalse(connector.isClosed());
    }

    @Test
    void shutdownClosesTheConnectorAndRefusesLeases() {
        ClientConnector connector = leases.lease().connector();
        leases.shutdown();
        assertTrue(connector.isClosed());
        assertThrows(IllegalStateException.class, leases::lease);
    }
}
