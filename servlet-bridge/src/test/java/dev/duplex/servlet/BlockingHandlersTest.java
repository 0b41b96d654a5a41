package dev.duplex.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.client.DuplexWebSocketContainer;
import dev.duplex.endpoint.session.DefaultThreads;
import dev.duplex.servlet.jetty.DuplexJetty;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 2,000 connections whose handlers block, on both sides of one JVM: the server's stream handlers ({@code Reader})
 * and the client's whole-message handlers wait on a latch. Duplex's default threads do not grow with the
 * connections: on JDK 21 and later every handler blocks at once on a virtual thread and the platform threads stay
 * where they were; on 17 at most {@link DefaultThreads#maxThreads()} handlers of each kind block at once and the
 * rest wait their turn. Once released, every message is delivered, each session's in order.
 */
@Timeout(300)
class BlockingHandlersTest {
    private static final int CONNECTIONS = 2000;
    private static final int MESSAGES = 2;
    /** Platform threads a run may add besides Duplex's pools and Jetty's: the client's selector and resolver. */
    private static final int OTHER_THREADS = 20;

    @ServerEndpoint("/blocking-reader")
    public static class BlockingReader {
        static CountDownLatch entered;
        static CountDownLatch release;

        @OnMessage
        public void message(Reader reader, Session session) throws IOException, InterruptedException {
            StringWriter text = new StringWriter();
            reader.transferTo(text);
            entered.countDown();
            release.await();
            session.getBasicRemote().sendText("echo " + text);
        }
    }

    /** Records what it receives, after blocking on the latch. */
    static final class BlockingClient extends Endpoint {
        static CountDownLatch entered;
        static CountDownLatch release;
        static CountDownLatch done;
        final ConcurrentLinkedQueue<String> received = new ConcurrentLinkedQueue<>();

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                received.add(text);
                done.countDown();
            });
        }
    }

    @Test
    void handlersThatBlockHoldNoPlatformThreadPerConnectionAndEveryMessageArrives() throws Exception {
        boolean virtual = DefaultThreads.virtualThreadsWanted();
        int blockedAtOnce = virtual ? CONNECTIONS : Math.min(CONNECTIONS, DefaultThreads.maxThreads());
        BlockingReader.entered = new CountDownLatch(blockedAtOnce);
        BlockingReader.release = new CountDownLatch(1);
        BlockingClient.entered = new CountDownLatch(blockedAtOnce);
        BlockingClient.release = new CountDownLatch(1);
        BlockingClient.done = new CountDownLatch(CONNECTIONS * MESSAGES);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();

        try (TestServer server = TestServer.start(context -> DuplexJetty.enable(context,
                deploy -> deploy.addEndpoint(BlockingReader.class)))) {
            DuplexWebSocketContainer container = DuplexWebSocketContainer.create();
            try {
                List<Session> sessions = new ArrayList<>(CONNECTIONS);
                List<BlockingClient> clients = new ArrayList<>(CONNECTIONS);
                for (int i = 0; i < CONNECTIONS; i++) {
                    BlockingClient client = new BlockingClient();
                    clients.add(client);
                    sessions.add(container.connectToServer(client, ClientEndpointConfig.Builder.create().build(),
                            server.ws("/blocking-reader")));
                }
                int before = threads.getThreadCount();
                // Jetty reads and delivers on its own pool, which may grow to its bound under this burst.
                QueuedThreadPool jetty = (QueuedThreadPool) server.server().getThreadPool();
                int jettyMayAdd = jetty.getMaxThreads() - jetty.getThreads();
                threads.resetPeakThreadCount();
                for (int m = 0; m < MESSAGES; m++) {
                    for (int i = 0; i < CONNECTIONS; i++) {
                        sessions.get(i).getAsyncRemote().sendText(i + "-" + m);
                    }
                }

                // Server handlers block: all of them on virtual threads, a pool's worth otherwise.
                assertTrue(BlockingReader.entered.await(120, TimeUnit.SECONDS), "server handlers entered: "
                        + (blockedAtOnce - BlockingReader.entered.getCount()));
                Map<String, Long> serverSide = duplexThreads();
                int serverBlockedThreads = threads.getThreadCount();
                BlockingReader.release.countDown();

                // Their answers reach the clients, whose handlers block in turn.
                assertTrue(BlockingClient.entered.await(120, TimeUnit.SECONDS), "client handlers entered: "
                        + (blockedAtOnce - BlockingClient.entered.getCount()));
                Map<String, Long> clientSide = duplexThreads();
                int clientBlockedThreads = threads.getThreadCount();
                BlockingClient.release.countDown();

                assertTrue(BlockingClient.done.await(120, TimeUnit.SECONDS), "messages delivered: "
                        + (CONNECTIONS * MESSAGES - BlockingClient.done.getCount()));
                int peak = threads.getPeakThreadCount();
                System.out.printf("%d connections, handlers blocking, Java %s, %s: platform threads %d before, %d with"
                        + " %d server handlers blocked %s, %d with %d client handlers blocked %s, peak %d (Jetty's"
                        + " pool %d of at most %d)%n", CONNECTIONS, Runtime.version(),
                        virtual ? "virtual threads" : "bounded pools", before, serverBlockedThreads, blockedAtOnce,
                        serverSide, clientBlockedThreads, blockedAtOnce, clientSide, peak, jetty.getThreads(),
                        jetty.getMaxThreads());

                for (int i = 0; i < CONNECTIONS; i++) {
                    List<String> expected = new ArrayList<>();
                    for (int m = 0; m < MESSAGES; m++) {
                        expected.add("echo " + i + "-" + m);
                    }
                    assertEquals(expected, List.copyOf(clients.get(i).received), "connection " + i);
                }
                int pools = virtual ? 0 : 2 * DefaultThreads.maxThreads();
                assertTrue(peak <= before + pools + jettyMayAdd + OTHER_THREADS, "platform threads: " + before
                        + " before, peak " + peak + ", bound: Duplex " + pools + ", Jetty " + jettyMayAdd + ", other "
                        + OTHER_THREADS);
                if (virtual) {
                    assertEquals(0L, serverSide.getOrDefault("duplex-stream", 0L) + clientSide.getOrDefault(
                            "duplex-session", 0L), "no pooled platform threads: " + serverSide + clientSide);
                } else {
                    assertEquals(blockedAtOnce, serverSide.getOrDefault("duplex-stream", 0L).intValue(),
                            "stream threads " + serverSide);
                    assertTrue(clientSide.getOrDefault("duplex-session", 0L) <= DefaultThreads.maxThreads(),
                            "callback threads " + clientSide);
                }
                for (Session session : sessions) {
                    session.close();
                }
            } finally {
                BlockingReader.release.countDown();
                BlockingClient.release.countDown();
                container.stop();
            }
        }
    }

    /** Live platform threads of Duplex's pools, by name prefix. */
    private static Map<String, Long> duplexThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName)
                .filter(name -> name.startsWith("duplex-"))
                .map(name -> name.replaceFirst("-\\d+$", ""))
                .collect(Collectors.groupingBy(name -> name, Collectors.counting()));
    }
}
