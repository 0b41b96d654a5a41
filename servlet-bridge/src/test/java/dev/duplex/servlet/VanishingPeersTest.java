package dev.duplex.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.servlet.jetty.DuplexJetty;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Peers that go without a word: one falls silent after the handshake (as a half-open connection looks from the
 * server), one resets the connection in the middle of a message, one in the middle of its handshake. The silent one
 * is found by the session's idle timeout and, since it answers no close frame either, closed after the close
 * timeout with 1006 (RFC 6455 section 7.1.5); the reset one gets {@code onError} then {@code onClose}, each once; the
 * half handshake opens no session. No session is left open.
 */
@Timeout(60)
class VanishingPeersTest {
    private static final long IDLE_MILLIS = 300;
    private static final long CLOSE_TIMEOUT_MILLIS = 300;

    @ServerEndpoint("/vanishing")
    public static class Watched {
        static final List<String> EVENTS = new CopyOnWriteArrayList<>();
        static volatile CountDownLatch closed = new CountDownLatch(1);
        static volatile CompletableFuture<Integer> openWhenProbed = new CompletableFuture<>();

        @OnOpen
        public void open(Session session) {
            if (session.getRequestParameterMap().containsKey("probe")) {
                openWhenProbed.complete(session.getOpenSessions().size());
                return;
            }
            session.setMaxIdleTimeout(IDLE_MILLIS);
            EVENTS.add("open");
        }

        @OnMessage
        public void message(String text) {
            EVENTS.add("message " + text);
        }

        @OnError
        public void error(Throwable failure) {
            EVENTS.add("error");
        }

        @OnClose
        public void close(Session session, CloseReason reason) {
            if (!session.getRequestParameterMap().containsKey("probe")) {
                EVENTS.add("close " + reason.getCloseCode().getCode());
                closed.countDown();
            }
        }
    }

    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(context -> {
            context.setInitParameter(DuplexWebSocketApplication.CLOSE_TIMEOUT_PARAMETER,
                    Long.toString(CLOSE_TIMEOUT_MILLIS));
            DuplexJetty.enable(context, deploy -> deploy.addEndpoint(Watched.class));
        });
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @BeforeEach
    void clear() {
        Watched.EVENTS.clear();
        Watched.closed = new CountDownLatch(1);
        Watched.openWhenProbed = new CompletableFuture<>();
    }

    @Test
    void aSilentPeerIsFoundByTheIdleTimeoutAndClosedWith1006() throws Exception {
        try (Socket peer = connect("/vanishing")) {
            assertTrue(Watched.closed.await(20, TimeUnit.SECONDS), "events " + Watched.EVENTS);
            // Idle timeout: a close frame goes out; nobody answers; after the close timeout, 1006.
            assertEquals(List.of("open", "close 1006"), Watched.EVENTS);
            assertEquals(1, probeOpenSessions());
        }
    }

    @Test
    void aResetInTheMiddleOfAMessageIsOneErrorThenOneClose() throws Exception {
        Socket peer = connect("/vanishing");
        // A masked text frame announcing 100 bytes, of which 3 come.
        peer.getOutputStream().write(new byte[] {(byte) 0x81, (byte) (0x80 | 100), 1, 2, 3, 4, 'a', 'b', 'c'});
        peer.getOutputStream().flush();
        peer.setSoLinger(true, 0);
        peer.close();
        assertTrue(Watched.closed.await(20, TimeUnit.SECONDS), "events " + Watched.EVENTS);
        assertEquals(1, probeOpenSessions());
        assertEquals(List.of("open", "error", "close 1006"), Watched.EVENTS);
    }

    @Test
    void aResetInTheMiddleOfTheHandshakeOpensNoSession() throws Exception {
        try (Socket peer = new Socket("127.0.0.1", server.port())) {
            String request = RawHttp.validHandshake("/vanishing");
            peer.getOutputStream().write(request.substring(0, request.length() / 2).getBytes(StandardCharsets.US_ASCII));
            peer.getOutputStream().flush();
            peer.setSoLinger(true, 0);
        }
        assertEquals(1, probeOpenSessions());
        assertEquals(List.of(), Watched.EVENTS);
    }

    /** Completes a handshake by hand and returns the socket, which then says nothing. */
    private static Socket connect(String path) throws IOException {
        Socket peer = new Socket("127.0.0.1", server.port());
        RawHttp.upgrade(peer, path);
        return peer;
    }

    /** The open sessions a new connection sees besides itself, plus one: its own count. */
    private static int probeOpenSessions() throws Exception {
        try (Socket probe = connect("/vanishing?probe")) {
            return Watched.openWhenProbed.get(10, TimeUnit.SECONDS);
        }
    }
}
