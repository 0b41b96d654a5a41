package dev.duplex.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.client.ClientProperties;
import dev.duplex.client.DuplexWebSocketContainer;
import dev.duplex.client.ReconnectPolicy;
import dev.duplex.servlet.ServerUnderTest.Container;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Duplex's client reconnecting to Duplex's server on Jetty: after the server closes with a code that means "come
 * back" and after the network drops (a relay cut), with failed attempts backing off, a new instance for a class
 * endpoint, and a series that ends when the policy vetoes or its attempts run out.
 */
@Timeout(60)
class ClientReconnectTest {

    /** Echoes; {@code "close CODE"} makes it close with that code. Counts the connections it opened. */
    @ServerEndpoint("/echo")
    public static class Closing {
        static final AtomicInteger OPENED = new AtomicInteger();

        @OnOpen
        public void open() {
            OPENED.incrementAndGet();
        }

        @OnMessage
        public String text(String text, Session session) throws IOException {
            if (text.startsWith("close ")) {
                session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(Integer.parseInt(text.substring(6))),
                        "as asked"));
                return null;
            }
            return text;
        }
    }

    /** Records its sessions and what they receive; {@link #MADE} lists the instances the container made. */
    public static class Recorder extends Endpoint {
        static final List<Recorder> MADE = new CopyOnWriteArrayList<>();
        final List<Session> opened = new CopyOnWriteArrayList<>();
        final List<Integer> closed = new CopyOnWriteArrayList<>();
        final LinkedBlockingQueue<String> texts = new LinkedBlockingQueue<>();

        public Recorder() {
            MADE.add(this);
        }

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            opened.add(session);
            session.addMessageHandler(String.class, texts::add);
        }

        @Override
        public void onClose(Session session, CloseReason closeReason) {
            closed.add(closeReason.getCloseCode().getCode());
        }

        String nextText() throws InterruptedException {
            String text = texts.poll(20, TimeUnit.SECONDS);
            assertTrue(text != null, "no text within 20 s");
            return text;
        }
    }

    private static ServerUnderTest server;
    private final DuplexWebSocketContainer container = DuplexWebSocketContainer.create();
    private final List<ReconnectPolicy.Attempt> attempts = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Session> reconnected = new CompletableFuture<>();
    private final CompletableFuture<ReconnectPolicy.GaveUp> gaveUp = new CompletableFuture<>();

    @BeforeAll
    static void start() throws Exception {
        server = ServerUnderTest.start(Container.JETTY, deploy -> deploy.addEndpoint(Closing.class));
    }

    @AfterAll
    static void close() throws Exception {
        server.close();
    }

    @BeforeEach
    void clear() {
        Recorder.MADE.clear();
        Closing.OPENED.set(0);
    }

    @AfterEach
    void stopClient() {
        container.stop();
    }

    /** 20 ms, doubling, no jitter: the delays are exact. */
    private ClientEndpointConfig reconnecting(Consumer<ReconnectPolicy.Builder> tuning) {
        ReconnectPolicy.Builder builder = ReconnectPolicy.builder()
                .initialDelay(Duration.ofMillis(20)).multiplier(2).maxDelay(Duration.ofSeconds(1)).jitter(0)
                .beforeAttempt(attempt -> {
                    attempts.add(attempt);
                    return true;
                })
                .onReconnected(reconnected::complete)
                .onGaveUp(gaveUp::complete);
        tuning.accept(builder);
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create().build();
        config.getUserProperties().put(ClientProperties.RECONNECT, builder.build());
        return config;
    }

    private static void assertEchoes(Session session, Recorder recorder, String text) throws Exception {
        session.getBasicRemote().sendText(text);
        assertEquals(text, recorder.nextText());
    }

    @Test
    void aDroppedConnectionIsMadeAgainOnceTheServerIsReachableWithGrowingDelays() throws Exception {
        try (TcpRelay relay = TcpRelay.to(server.port())) {
            Recorder client = new Recorder();
            Session first = container.connectToServer(client, reconnecting(policy -> { }), relay.ws("/echo"));
            assertEchoes(first, client, "before the drop");
            relay.refuseNext(2);
            relay.cut();

            Session second = reconnected.get(20, TimeUnit.SECONDS);
            assertNotSame(first, second);
            assertEquals(List.of(first, second), client.opened, "the same instance, opened again");
            assertEquals(List.of(1006), client.closed);
            assertEquals(List.of(1, 2, 3), attempts.stream().map(ReconnectPolicy.Attempt::number).toList());
            assertEquals(List.of(Duration.ofMillis(20), Duration.ofMillis(40), Duration.ofMillis(80)),
                    attempts.stream().map(ReconnectPolicy.Attempt::delay).toList());
            assertNull(attempts.get(0).failure());
            assertInstanceOf(IOException.class, attempts.get(1).failure());
            assertInstanceOf(IOException.class, attempts.get(2).failure());
            attempts.forEach(attempt -> assertEquals(1006, attempt.closeReason().getCloseCode().getCode()));
            assertEquals(4, relay.accepted());
            assertEchoes(second, client, "after the drop");
        }
    }

    @Test
    void aClassEndpointGetsANewInstanceWhenTheServerGoesAway() throws Exception {
        Session first = container.connectToServer(Recorder.class, reconnecting(policy -> { }), server.ws("/echo"));
        Recorder firstInstance = Recorder.MADE.get(0);
        first.getBasicRemote().sendText("close 1001");

        Session second = reconnected.get(20, TimeUnit.SECONDS);
        assertEquals(2, Recorder.MADE.size());
        Recorder secondInstance = Recorder.MADE.get(1);
        assertEquals(List.of(first), firstInstance.opened);
        assertEquals(List.of(1001), firstInstance.closed);
        assertSame(second, secondInstance.opened.get(0));
        assertEchoes(second, secondInstance, "to the new instance");
        assertEquals(2, Closing.OPENED.get());
    }

    @Test
    void aVetoGivesUpBeforeAnyAttempt() throws Exception {
        Recorder client = new Recorder();
        Session session = container.connectToServer(client,
                reconnecting(policy -> policy.beforeAttempt(attempt -> false)), server.ws("/echo"));
        session.getBasicRemote().sendText("close 1011");
        ReconnectPolicy.GaveUp end = gaveUp.get(20, TimeUnit.SECONDS);
        assertTrue(end.why().contains("vetoed attempt 1"), end.why());
        assertEquals(0, end.attempts());
        assertEquals(1011, end.closeReason().getCloseCode().getCode());
        assertEquals(1, Closing.OPENED.get());
        assertTrue(!reconnected.isDone());
    }

    @Test
    void theSeriesEndsWhenItsAttemptsRunOut() throws Exception {
        try (TcpRelay relay = TcpRelay.to(server.port())) {
            Recorder client = new Recorder();
            container.connectToServer(client, reconnecting(policy -> policy.maxAttempts(2)), relay.ws("/echo"));
            relay.refuseNext(Integer.MAX_VALUE);
            relay.cut();
            ReconnectPolicy.GaveUp end = gaveUp.get(20, TimeUnit.SECONDS);
            assertTrue(end.why().contains("all 2 attempts failed"), end.why());
            assertEquals(2, end.attempts());
            assertInstanceOf(IOException.class, end.lastFailure());
            assertEquals(3, relay.accepted());
            assertEquals(List.of(1, 2), attempts.stream().map(ReconnectPolicy.Attempt::number).toList());
        }
    }
}
