package dev.duplex.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.Session;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The reconnect policy against Jetty's own WebSocket server, whose /echo closes with the code a client asks for:
 * which closes start a series, and that stopping the container cancels a pending attempt and leaves nothing behind.
 */
@Timeout(60)
class ReconnectTest {
    private final DuplexWebSocketContainer container = DuplexWebSocketContainer.create();
    private final List<ReconnectPolicy.Attempt> attempts = new CopyOnWriteArrayList<>();
    private final CompletableFuture<ReconnectPolicy.Attempt> firstAttempt = new CompletableFuture<>();
    private final CompletableFuture<Session> reconnected = new CompletableFuture<>();
    private final CompletableFuture<ReconnectPolicy.GaveUp> gaveUp = new CompletableFuture<>();
    private JettyTestServer server;

    @BeforeEach
    void start() throws Exception {
        server = JettyTestServer.plain();
    }

    @AfterEach
    void stop() throws Exception {
        container.stop();
        server.close();
    }

    private ClientEndpointConfig reconnecting(Duration initialDelay) {
        ReconnectPolicy policy = ReconnectPolicy.builder().initialDelay(initialDelay).maxDelay(Duration.ofMinutes(5))
                .jitter(0)
                .beforeAttempt(attempt -> {
                    attempts.add(attempt);
                    firstAttempt.complete(attempt);
                    return true;
                })
                .onReconnected(reconnected::complete)
                .onGaveUp(gaveUp::complete)
                .build();
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create().build();
        config.getUserProperties().put(ClientProperties.RECONNECT, policy);
        return config;
    }

    /** Waits until the session has finished closing: its onClose, and what runs after it, have returned. */
    private static void awaitEnd(Session session) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (session.isOpen()) {
            assertTrue(System.nanoTime() < deadline, "the session did not finish closing within 20 s");
            Thread.yield();
        }
    }

    private String nextServerEvent() throws InterruptedException {
        String event = server.events.poll(20, TimeUnit.SECONDS);
        assertTrue(event != null, "the server saw nothing within 20 s");
        return event;
    }

    @Test
    void theServerGoingAwayIsFollowedByANewSession() throws Exception {
        RecordingClient client = new RecordingClient();
        Session first = container.connectToServer(client, reconnecting(Duration.ofMillis(10)), server.uri("/echo"));
        assertEquals("open", nextServerEvent());
        first.getBasicRemote().sendText("close 1001 restarting");
        Session second = reconnected.get(20, TimeUnit.SECONDS);
        assertNotSame(first, second);
        assertTrue(second.isOpen());
        assertEquals(1001, client.closeReason().getCloseCode().getCode());
        ReconnectPolicy.Attempt attempt = attempts.get(0);
        assertEquals(1, attempt.number());
        assertEquals(1001, attempt.closeReason().getCloseCode().getCode());
        assertNull(attempt.failure());
        assertEquals(Duration.ofMillis(10), attempt.delay());
        second.getBasicRemote().sendText("on the new session");
        assertEquals("on the new session", client.nextText(), "the same endpoint instance");
        assertEquals(0, container.reconnectSeries());
    }

    @Test
    void aCloseTheApplicationAskedForNeverReconnects() throws Exception {
        Session session = container.connectToServer(new RecordingClient(), reconnecting(Duration.ofMillis(1)),
                server.uri("/echo"));
        session.close(new CloseReason(CloseCodes.GOING_AWAY, "leaving")); // a code that reconnects, from the server
        awaitEnd(session);
        assertEquals(List.of(), attempts);
        assertEquals(0, container.reconnectSeries());
    }

    @Test
    void aNormalCloseByTheServerDoesNotReconnect() throws Exception {
        RecordingClient client = new RecordingClient();
        Session session = container.connectToServer(client, reconnecting(Duration.ofMillis(1)), server.uri("/echo"));
        session.getBasicRemote().sendText("close 1000 done");
        assertEquals(1000, client.closeReason().getCloseCode().getCode());
        awaitEnd(session);
        assertEquals(List.of(), attempts);
    }

    @Test
    void stoppingTheContainerCancelsAPendingAttempt() throws Exception {
        Session session = container.connectToServer(new RecordingClient(), reconnecting(Duration.ofMinutes(1)),
                server.uri("/echo"));
        assertEquals("open", nextServerEvent());
        session.getBasicRemote().sendText("close 1012 service restart");
        assertEquals(1, firstAttempt.get(20, TimeUnit.SECONDS).number());
        container.stop();
        ReconnectPolicy.GaveUp end = gaveUp.get(20, TimeUnit.SECONDS);
        assertTrue(end.why().contains("stopped"), end.why());
        assertEquals(0, end.attempts());
        assertEquals(1012, end.closeReason().getCloseCode().getCode());
        assertEquals(0, container.reconnectSeries());
        assertEquals(0, container.liveConnections());
        assertTrue(nextServerEvent().startsWith("closed 1012"));
        assertEquals(1, attempts.size());
        assertTrue(server.events.isEmpty(), "no second connection: " + server.events);
    }
}
