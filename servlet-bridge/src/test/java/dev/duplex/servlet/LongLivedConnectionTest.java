package dev.duplex.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.servlet.jetty.DuplexJetty;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.net.URI;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Connections held longer than every timeout Jetty keeps of its own on an upgraded connection: its
 * connector's idle timeout (1 s here) and the timeout of the asynchronous request the upgrade runs
 * in (1 s here, through the system property the build sets for this module's tests; 30 s by
 * default). Only the WebSocket session's idle timeout may end them (Session.setMaxIdleTimeout).
 *
 * <p>Each test runs with a client whose handshake announces {@code Content-Length: 0} (the JDK's:
 * on the servlet upgrade, Duplex reads Jetty's upgraded servlet input) and one whose handshake announces
 * no body (Jetty's client, like browsers: Duplex reads Jetty's endpoint, {@link JettyTunnelInput}); the
 * first two, also on both ways Duplex carries a session on Jetty: its endpoint ({@link JettyEndPointConnection},
 * the default) and the servlet upgrade.
 */
class LongLivedConnectionTest {
    /** Jetty's own timeouts here; every connection is held several times as long. */
    private static final long CONTAINER_TIMEOUT_MILLIS = 1000;
    private static final long HOLD_MILLIS = 5 * CONTAINER_TIMEOUT_MILLIS;
    private static final long SESSION_IDLE_TIMEOUT_MILLIS = 3 * CONTAINER_TIMEOUT_MILLIS;
    private static final String ASYNC_TIMEOUT_PROPERTY = "org.eclipse.jetty.ee11.servlet.ServletChannelState.DEFAULT_TIMEOUT";

    private static TestServer server;
    private static TestServer portableServer;
    private static TestServer servletUpgradeServer;

    /** How Duplex carries the session on Jetty: the {@link ContainerAdapters} it is configured with. */
    enum Carrier {
        END_POINT,
        SERVLET_UPGRADE;

        TestServer server() {
            return this == END_POINT ? server : servletUpgradeServer;
        }
    }

    static Stream<Arguments> carriersAndClients() {
        return Stream.of(Carrier.values()).flatMap(carrier -> Stream.of(Client.values())
                .map(client -> Arguments.of(carrier, client)));
    }

    /** Sets a session idle timeout longer than the container's, then echoes. */
    @ServerEndpoint("/idle-timeout")
    public static class IdleTimeoutEcho {
        @OnOpen
        public void open(Session session) {
            session.setMaxIdleTimeout(SESSION_IDLE_TIMEOUT_MILLIS);
        }

        @OnMessage
        public String echo(String text) {
            return text;
        }
    }

    /** The two kinds of handshake, as far as Jetty's upgraded input is concerned. */
    enum Client {
        CONTENT_LENGTH_ZERO, NO_CONTENT_LENGTH
    }

    @BeforeAll
    static void start() throws Exception {
        assertEquals(CONTAINER_TIMEOUT_MILLIS, Long.getLong(ASYNC_TIMEOUT_PROPERTY, -1),
                "the build must set -D" + ASYNC_TIMEOUT_PROPERTY + " for these tests to mean anything");
        server = TestServer.start(context -> DuplexJetty.enable(context, container -> {
            container.addEndpoint(TestEndpoints.Echo.class);
            container.addEndpoint(IdleTimeoutEcho.class);
        }));
        server.connector().setIdleTimeout(CONTAINER_TIMEOUT_MILLIS);
        portableServer = TestServer.start(context -> {
            context.setInitParameter(ContainerAdapters.PARAMETER, "portable");
            DuplexJetty.enable(context, container -> container.addEndpoint(TestEndpoints.Echo.class));
        });
        portableServer.connector().setIdleTimeout(CONTAINER_TIMEOUT_MILLIS);
        servletUpgradeServer = TestServer.start(context -> {
            context.setInitParameter(ContainerAdapters.PARAMETER, "servlet-upgrade");
            DuplexJetty.enable(context, container -> container.addEndpoint(TestEndpoints.Echo.class));
        });
        servletUpgradeServer.connector().setIdleTimeout(CONTAINER_TIMEOUT_MILLIS);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        portableServer.close();
        servletUpgradeServer.close();
    }

    @ParameterizedTest
    @MethodSource("carriersAndClients")
    void busyConnectionOutlivesTheContainersTimeouts(Carrier carrier, Client kind) throws Exception {
        try (Peer peer = Peer.connect(kind, carrier.server().ws("/echo"))) {
            assertEchoesFor(peer, HOLD_MILLIS);
            assertEquals(1000, peer.closeNormally());
        }
    }

    @ParameterizedTest
    @MethodSource("carriersAndClients")
    void quietConnectionWithoutSessionIdleTimeoutOutlivesTheContainersTimeouts(Carrier carrier, Client kind)
            throws Exception {
        try (Peer peer = Peer.connect(kind, carrier.server().ws("/echo"))) {
            assertStaysOpenFor(peer, HOLD_MILLIS);
            peer.send("still here");
            assertEquals("still here", peer.nextText());
            assertEquals(1000, peer.closeNormally());
        }
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void quietConnectionIsClosedByTheSessionsIdleTimeoutNotBefore(Client kind) throws Exception {
        try (Peer peer = Peer.connect(kind, server.ws("/idle-timeout"))) {
            long start = System.nanoTime();
            peer.send("one message, then silence");
            assertEquals("one message, then silence", peer.nextText());
            // A close frame, so Duplex closed it (1001 on the wire for an idle timeout, Jakarta
            // WebSocket 2.2 section 2.1.5), not Jetty (which drops the connection without one).
            CloseFrame close = peer.awaitClose();
            long heldMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(1001, close.code(), close.toString());
            assertTrue(close.reason().contains("idle timeout"), close.toString());
            assertTrue(heldMillis >= SESSION_IDLE_TIMEOUT_MILLIS, "closed after " + heldMillis + " ms");
        }
    }

    @Test
    void busySessionWithIdleTimeoutOutlivesIt() throws Exception {
        try (Peer peer = Peer.connect(Client.NO_CONTENT_LENGTH, server.ws("/idle-timeout"))) {
            assertEchoesFor(peer, HOLD_MILLIS);
            assertEquals(1000, peer.closeNormally());
        }
    }

    /** Without an adapter (the Servlet API alone) the asynchronous timeout is still switched off. */
    @Test
    void portableAdapterKeepsABusyConnection() throws Exception {
        try (Peer peer = Peer.connect(Client.CONTENT_LENGTH_ZERO, portableServer.ws("/echo"))) {
            assertEchoesFor(peer, HOLD_MILLIS);
            assertEquals(1000, peer.closeNormally());
        }
    }

    /**
     * ... but the container's idle timeout is not: what servlet-bridge/README.md says of containers
     * Duplex has no adapter for. Jetty drops the connection without a close frame.
     */
    @Test
    void portableAdapterLeavesQuietConnectionsToTheContainersIdleTimeout() throws Exception {
        try (Peer peer = Peer.connect(Client.CONTENT_LENGTH_ZERO, portableServer.ws("/echo"))) {
            peer.send("then silence");
            assertEquals("then silence", peer.nextText());
            CloseFrame dropped = peer.ended().get(HOLD_MILLIS, TimeUnit.MILLISECONDS);
            assertEquals(1006, dropped.code(), dropped.toString());
        }
    }

    private static void assertEchoesFor(Peer peer, long millis) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        int sent = 0;
        while (System.nanoTime() - deadline < 0) {
            String message = "message " + sent++;
            peer.send(message);
            assertEquals(message, peer.nextText());
        }
        assertTrue(sent > 0);
    }

    /** Waits {@code millis} for the connection to end, which must not happen. */
    private static void assertStaysOpenFor(Peer peer, long millis) {
        CompletableFuture<?> ended = peer.ended();
        assertThrows(TimeoutException.class, () -> ended.get(millis, TimeUnit.MILLISECONDS),
                () -> "the connection ended while quiet: " + ended);
    }

    record CloseFrame(int code, String reason) {
    }

    /** What the test needs of a client, for either of the two. */
    @FunctionalInterface
    private interface TextSender {
        void send(String text) throws Exception;
    }

    /**
     * Either client behind one face.
     *
     * @param ended completes with the server's close frame, or with 1006 when the connection drops
     *              without one (both clients report it so)
     */
    private record Peer(TextSender sender, Callable<String> receiver, CompletableFuture<CloseFrame> ended,
            Callable<Integer> closer, AutoCloseable resources) implements AutoCloseable {

        static Peer connect(Client kind, URI uri) throws Exception {
            if (kind == Client.CONTENT_LENGTH_ZERO) {
                JdkClient jdk = JdkClient.connect(uri);
                return new Peer(jdk::send, jdk::nextText,
                        jdk.closed.thenApply(close -> new CloseFrame(close.code(), close.reason())),
                        () -> jdk.closeNormally().code(), () -> { });
            }
            JettyClient jetty = JettyClient.connect(uri);
            return new Peer(text -> JettyClient.await(callback -> jetty.session.sendText(text, callback)),
                    jetty::nextText, jetty.closed.thenApply(close -> new CloseFrame(close.code(), close.reason())),
                    () -> {
                        jetty.session.close(1000, "done", org.eclipse.jetty.websocket.api.Callback.NOOP);
                        return jetty.awaitClose().code();
                    }, jetty);
        }

        void send(String text) throws Exception {
            sender.send(text);
        }

        String nextText() throws Exception {
            return receiver.call();
        }

        /** Sends a close frame and returns the code of the server's answer. */
        int closeNormally() throws Exception {
            return closer.call();
        }

        CloseFrame awaitClose() throws Exception {
            return ended.get(JdkClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws Exception {
            resources.close();
        }
    }
}
