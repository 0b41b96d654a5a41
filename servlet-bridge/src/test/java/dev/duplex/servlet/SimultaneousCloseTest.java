package dev.duplex.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.client.DuplexWebSocketContainer;
import dev.duplex.servlet.jetty.DuplexJetty;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Both peers call {@code Session.close()} at the same instant (RFC 6455 section 7.1.3: each sends a close frame
 * and takes the other's as the answer): each side's {@code onClose} runs exactly once, with a code one of them
 * sent, and no session stays open. Over the servlet bridge on Jetty, 100 times, the two calls released by one
 * barrier.
 */
@Timeout(120)
class SimultaneousCloseTest {
    private static final int ROUNDS = 100;
    static final CyclicBarrier BOTH = new CyclicBarrier(2);
    static final CopyOnWriteArrayList<Integer> SERVER_CLOSES = new CopyOnWriteArrayList<>();
    static volatile CountDownLatch serverClosed;

    /** On "close", meets the test's thread at the barrier, then closes. */
    @ServerEndpoint("/close-together")
    public static class CloseTogether {
        @OnMessage
        public void message(String text, Session session)
                throws IOException, InterruptedException, BrokenBarrierException, TimeoutException {
            BOTH.await(10, TimeUnit.SECONDS);
            session.close(new CloseReason(CloseCodes.NORMAL_CLOSURE, "server"));
        }

        @OnClose
        public void close(CloseReason reason) {
            SERVER_CLOSES.add(reason.getCloseCode().getCode());
            serverClosed.countDown();
        }
    }

    static final class Client extends Endpoint {
        final CopyOnWriteArrayList<Integer> closes = new CopyOnWriteArrayList<>();
        final CountDownLatch closed = new CountDownLatch(1);

        @Override
        public void onOpen(Session session, EndpointConfig config) {
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            closes.add(reason.getCloseCode().getCode());
            closed.countDown();
        }
    }

    @Test
    void bothPeersClosingAtOnceEachHearOneCloseAndNoSessionStaysOpen() throws Exception {
        SERVER_CLOSES.clear();
        try (TestServer server = TestServer.start(context -> DuplexJetty.enable(context,
                deploy -> deploy.addEndpoint(CloseTogether.class)))) {
            DuplexWebSocketContainer container = DuplexWebSocketContainer.create();
            try {
                for (int round = 0; round < ROUNDS; round++) {
                    serverClosed = new CountDownLatch(1);
                    Client client = new Client();
                    Session session = container.connectToServer(client, ClientEndpointConfig.Builder.create().build(),
                            server.ws("/close-together"));
                    session.getBasicRemote().sendText("close");
                    BOTH.await(10, TimeUnit.SECONDS);
                    session.close(new CloseReason(CloseCodes.NORMAL_CLOSURE, "client"));

                    assertTrue(client.closed.await(10, TimeUnit.SECONDS), "client onClose, round " + round);
                    assertTrue(serverClosed.await(10, TimeUnit.SECONDS), "server onClose, round " + round);
                    assertEquals(java.util.List.of(1000), client.closes, "client closes, round " + round);
                    assertEquals(round + 1, SERVER_CLOSES.size(), "server onClose calls after round " + round);
                }
                // isOpen() turns false only once onClose has returned and the session has left its open sessions, a
                // moment after the latch above; a new connection's handshake takes far longer than that.
                Session probe = container.connectToServer(new Client(), ClientEndpointConfig.Builder.create().build(),
                        server.ws("/close-together"));
                assertEquals(1, probe.getOpenSessions().size(), "client sessions still open besides the probe");
                probe.close();
                assertTrue(SERVER_CLOSES.stream().allMatch(code -> code == 1000), "server close codes " + SERVER_CLOSES);
            } finally {
                container.stop();
            }
        }
    }
}
