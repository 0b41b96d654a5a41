package dev.duplex.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.endpoint.session.SessionRuntime;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Containers and their threads: stop() closes sessions with 1001 and leaves no client thread behind. */
@Timeout(60)
class ContainerLifecycleTest {
    private JettyTestServer server;
    private Set<Thread> threadsBefore;

    @BeforeEach
    void start() throws Exception {
        server = JettyTestServer.plain();
        threadsBefore = Set.copyOf(Thread.getAllStackTraces().keySet());
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    /** Client threads of a kind ({@code selector}, {@code resolver}, or "" for both) started since the test began. */
    private List<Thread> newClientThreads(String kind) {
        List<Thread> threads = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("duplex-client-" + kind) && thread.isAlive()
                    && !threadsBefore.contains(thread)) {
                threads.add(thread);
            }
        }
        return threads;
    }

    /** Waits for the client threads started since the test began to end (close() has stopped them); those left. */
    private List<Thread> clientThreadsLeft() throws InterruptedException {
        for (Thread thread : newClientThreads("")) {
            thread.join(10_000);
        }
        return newClientThreads("");
    }

    private static Session connect(WebSocketContainer container, RecordingClient client, JettyTestServer server)
            throws Exception {
        return container.connectToServer(client, ClientEndpointConfig.Builder.create().build(), server.uri("/echo"));
    }

    @Test
    void stopClosesEverySessionWithGoingAwayAndEndsTheContainersThreads() throws Exception {
        DuplexWebSocketContainer container = DuplexWebSocketContainer.create(
                ClientOptions.defaults().withSelectorThreads(2));
        List<RecordingClient> clients = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            RecordingClient client = new RecordingClient();
            clients.add(client);
            connect(container, client, server).getBasicRemote().sendText("hello " + i);
            assertEquals("hello " + i, client.nextText());
        }
        assertEquals(2, newClientThreads("selector").size(),
                "the container's selector threads run while it has connections");

        container.stop();
        for (RecordingClient client : clients) {
            assertEquals(1001, client.closeReason().getCloseCode().getCode());
        }
        List<String> serverSaw = new ArrayList<>();
        while (serverSaw.size() < 6) {
            serverSaw.add(server.events.poll(10, TimeUnit.SECONDS));
        }
        assertEquals(3, serverSaw.stream().filter(event -> event.startsWith("closed 1001")).count(),
                serverSaw.toString());
        List<Thread> left = clientThreadsLeft();
        assertTrue(left.isEmpty(), "threads left after stop(): " + left);
        assertTrue(container.isStopped());
        assertThrows(IllegalStateException.class, () -> connect(container, new RecordingClient(), server));
        container.stop(); // idempotent
    }

    @Test
    void providerContainersShareOneConnectorAndStopOnlyTheirOwnSessions() throws Exception {
        WebSocketContainer first = ContainerProvider.getWebSocketContainer();
        WebSocketContainer second = ContainerProvider.getWebSocketContainer();
        RecordingClient firstClient = new RecordingClient();
        RecordingClient secondClient = new RecordingClient();
        connect(first, firstClient, server);
        Session secondSession = connect(second, secondClient, server);
        assertTrue(newClientThreads("selector").size() <= 1, "one shared selector thread: " + newClientThreads(""));

        ((DuplexWebSocketContainer) first).stop();
        assertEquals(1001, firstClient.closeReason().getCloseCode().getCode());
        secondSession.getBasicRemote().sendText("still here");
        assertEquals("still here", secondClient.nextText());
        secondSession.close();
        secondClient.closeReason();
    }

    @Test
    void idleSharedConnectorEndsItsThreadAndTheNextConnectionStartsAnother() throws Exception {
        ConnectorLeases leases = ConnectorLeases.of(1, Duration.ofMillis(20));
        DuplexWebSocketContainer container = new DuplexWebSocketContainer(leases, false, SessionRuntime.shared(),
                Duration.ofSeconds(5));
        RecordingClient client = new RecordingClient();
        Session session = connect(container, client, server);
        List<Thread> running = newClientThreads("selector");
        assertEquals(1, running.size(), running.toString());

        session.close();
        client.closeReason();
        running.get(0).join(10_000); // the idle check closes the connector 20 ms after the connection ended
        assertFalse(running.get(0).isAlive(), "the idle connector's selector thread ended");
        assertFalse(leases.isRunning());

        RecordingClient again = new RecordingClient();
        Session next = connect(container, again, server);
        next.getBasicRemote().sendText("back again");
        assertEquals("back again", again.nextText());
        assertTrue(leases.isRunning());
        next.close();
        again.closeReason();
        leases.shutdown();
    }
}
