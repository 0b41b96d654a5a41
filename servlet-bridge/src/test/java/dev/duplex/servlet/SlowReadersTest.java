package dev.duplex.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.servlet.jetty.DuplexJetty;
import dev.duplex.transport.WriteQueueFullException;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hundreds of peers that stop reading while the server keeps sending, then vanish with a reset: each connection's
 * sends are refused with {@link WriteQueueFullException} once its queue holds the bound
 * ({@code dev.duplex.maxQueuedBytes}), every send accepted before hears of its outcome (delivered or failed, none
 * forgotten), each session's {@code onClose} runs exactly once, and no session is left open.
 */
@Timeout(120)
class SlowReadersTest {
    /** 300 in the build; {@code -DslowReaders=1000} for the full-size figure. */
    private static final int PEERS = Integer.getInteger("slowReaders", 300);
    private static final int BOUND = 256 * 1024;
    private static final int CHUNK = 16 * 1024;

    @ServerEndpoint("/flood-slow")
    public static class Flood {
        static final ConcurrentLinkedQueue<Throwable> REFUSALS = new ConcurrentLinkedQueue<>();
        static final ConcurrentLinkedQueue<CompletableFuture<Void>> ACCEPTED = new ConcurrentLinkedQueue<>();
        static final Map<String, AtomicInteger> CLOSES = new ConcurrentHashMap<>();
        static final Map<String, AtomicInteger> ERRORS = new ConcurrentHashMap<>();
        static volatile CountDownLatch refused;
        static volatile CountDownLatch closed;
        static volatile CompletableFuture<Integer> openWhenProbed = new CompletableFuture<>();

        @OnOpen
        public void open(Session session) {
            if (session.getRequestParameterMap().containsKey("probe")) {
                openWhenProbed.complete(session.getOpenSessions().size());
            }
        }

        @OnMessage
        public void flood(Session session, String command) {
            while (true) {
                CompletableFuture<Void> sent = TestEndpoints.sendBinary(session, ByteBuffer.allocate(CHUNK));
                if (sent.isCompletedExceptionally()) {
                    REFUSALS.add(sent.handle((ok, failure) -> failure).join());
                    refused.countDown();
                    return;
                }
                ACCEPTED.add(sent);
            }
        }

        @OnError
        public void error(Session session, Throwable failure) {
            ERRORS.computeIfAbsent(session.getId(), id -> new AtomicInteger()).incrementAndGet();
        }

        @OnClose
        public void close(Session session) {
            if (!session.getRequestParameterMap().containsKey("probe")) {
                CLOSES.computeIfAbsent(session.getId(), id -> new AtomicInteger()).incrementAndGet();
                closed.countDown();
            }
        }
    }

    @Test
    void slowReadersAreBoundedTheirSendersHearTheOutcomeAndTheirSessionsEndOnce() throws Exception {
        Flood.refused = new CountDownLatch(PEERS);
        Flood.closed = new CountDownLatch(PEERS);
        try (TestServer server = TestServer.start(context -> {
            context.setInitParameter("dev.duplex.maxQueuedBytes", Integer.toString(BOUND));
            DuplexJetty.enable(context, deploy -> deploy.addEndpoint(Flood.class));
        })) {
            long heapBefore = heapAfterCollection();
            long heapStalled;
            List<Socket> peers = new ArrayList<>();
            try {
                for (int i = 0; i < PEERS; i++) {
                    Socket peer = new Socket();
                    peer.setReceiveBufferSize(8 * 1024); // a small window, so the server's queue fills soon
                    peer.connect(new java.net.InetSocketAddress("127.0.0.1", server.port()));
                    peers.add(peer);
                    RawHttp.upgrade(peer, "/flood-slow");
                    peer.getOutputStream().write(RawHttp.maskedText("go"));
                }
                assertTrue(Flood.refused.await(60, TimeUnit.SECONDS), "refused: " + Flood.REFUSALS.size());
                heapStalled = heapAfterCollection();
                for (Throwable refusal : Flood.REFUSALS) {
                    assertInstanceOf(WriteQueueFullException.class, refusal);
                }
            } finally {
                for (Socket peer : peers) {
                    peer.setSoLinger(true, 0); // vanish with a reset, mid-message for the server
                    peer.close();
                }
            }
            assertTrue(Flood.closed.await(60, TimeUnit.SECONDS), "closed: " + (PEERS - Flood.closed.getCount()));
            // Every accepted send completes, delivered or failed: none is forgotten.
            CompletableFuture.allOf(Flood.ACCEPTED.toArray(CompletableFuture[]::new))
                    .handle((ok, failure) -> null).get(30, TimeUnit.SECONDS);
            long failed = Flood.ACCEPTED.stream().filter(CompletableFuture::isCompletedExceptionally).count();
            assertTrue(failed > 0, "sends still queued when the peers vanished must fail");
            for (Map.Entry<String, AtomicInteger> closes : Flood.CLOSES.entrySet()) {
                assertEquals(1, closes.getValue().get(), "onClose calls of session " + closes.getKey());
            }
            assertEquals(PEERS, Flood.CLOSES.size());
            for (Map.Entry<String, AtomicInteger> errors : Flood.ERRORS.entrySet()) {
                assertEquals(1, errors.getValue().get(), "onError calls of session " + errors.getKey());
            }
            // What failed at the reset is what the server still held: at most the bound per connection.
            assertTrue(failed <= (long) PEERS * (BOUND / CHUNK + 1), failed + " sends were queued at the reset");

            try (Socket probe = new Socket("127.0.0.1", server.port())) {
                RawHttp.upgrade(probe, "/flood-slow?probe");
                assertEquals(1, Flood.openWhenProbed.get(10, TimeUnit.SECONDS), "sessions open besides the probe");
            }
            // A figure for the record, not a check: the heap this JVM (server and peers) holds with every queue at the
            // bound, over the heap before the peers came, per peer.
            System.out.printf("%d slow readers, bound %d B: %d sends of %d B accepted (%d B per connection on"
                    + " average), %d of them failed when the peers reset, sessions with onError %d; heap held while"
                    + " stalled %d B per connection%n", PEERS, BOUND, Flood.ACCEPTED.size(), CHUNK,
                    (long) Flood.ACCEPTED.size() * CHUNK / PEERS, failed, Flood.ERRORS.size(),
                    (heapStalled - heapBefore) / PEERS);
        }
    }

    /** Heap in use after a full collection (System.gc() is a request; twice makes a finished one likely). */
    private static long heapAfterCollection() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
