package dev.duplex.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.cdi.beans.CallId;
import dev.duplex.cdi.beans.Greetings;
import dev.duplex.cdi.endpoints.InjectedEndpoint;
import dev.duplex.client.DuplexWebSocketContainer;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/** 10,000 sessions of a CDI-made endpoint opened and closed: each instance destroyed, none retained. */
class SessionLeakTest {
    private static final int SESSIONS = 10_000;
    private static final int CLIENTS = 4;

    @Test
    void tenThousandSessionsLeaveNoInstanceBehind() throws Exception {
        InjectedEndpoint.MADE.clear();
        InjectedEndpoint.DESTROYED.drainPermits();
        try (WeldContainer weld = new Weld("duplex-cdi-leak-test").disableDiscovery()
                .addBeanClasses(Greetings.class, CallId.class).initialize()) {
            CdiInstanceProvider[] provider = new CdiInstanceProvider[1];
            try (CdiServer server = CdiServer.embedded(container -> {
                provider[0] = DuplexCdi.enable(container, weld);
                container.addEndpoint(InjectedEndpoint.class);
            })) {
                // The configurator InjectedEndpoint names is made once, at deployment, and lives as long as it.
                int deploymentInstances = provider[0].liveInstances();
                DuplexWebSocketContainer client = DuplexWebSocketContainer.create();
                ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
                try {
                    List<Future<?>> done = new ArrayList<>();
                    for (int c = 0; c < CLIENTS; c++) {
                        done.add(clients.submit(() -> {
                            for (int i = 0; i < SESSIONS / CLIENTS; i++) {
                                try (TextClient session = new TextClient(client, server.ws("/injected"))) {
                                    session.ask("n" + i);
                                }
                            }
                            return null;
                        }));
                    }
                    for (Future<?> each : done) {
                        each.get(5, TimeUnit.MINUTES);
                    }
                } finally {
                    clients.shutdownNow();
                    client.stop();
                }
                assertTrue(InjectedEndpoint.DESTROYED.tryAcquire(SESSIONS, 30, TimeUnit.SECONDS),
                        "@PreDestroy ran for every endpoint instance");
                assertEquals(SESSIONS, InjectedEndpoint.MADE.size(), "one endpoint instance per session");
                assertEquals(deploymentInstances, provider[0].liveInstances(),
                        "the provider holds no instance of a closed session");
            }
        }
        assertTrue(allCollected(), "no endpoint instance is reachable once its session closed");
    }

    /** Whether every instance made was garbage collected; asks for collections until so, a bounded number of times. */
    private static boolean allCollected() throws InterruptedException {
        for (int attempt = 0; attempt < 20; attempt++) {
            System.gc();
            InjectedEndpoint.MADE.removeIf(reference -> reference.get() == null);
            if (InjectedEndpoint.MADE.isEmpty()) {
                return true;
            }
            Thread.sleep(50);
        }
        WeakReference<InjectedEndpoint> left = InjectedEndpoint.MADE.peek();
        System.err.println(InjectedEndpoint.MADE.size() + " instances still reachable, one of them: "
                + (left == null ? null : left.get()));
        return false;
    }
}
