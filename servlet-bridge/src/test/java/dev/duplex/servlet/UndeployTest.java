package dev.duplex.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.servlet.ServerUnderTest.Container;
import dev.duplex.servlet.war.app.WarFloodEndpoint;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Stopping an application while its sessions are open and sends are in flight, to peers that do not read and to
 * peers that answer the close: stopping returns once every session's {@code onClose} ran, exactly once (1001 for
 * the peers that answered, 1006 for the connections dropped after {@code dev.duplex.stopTimeout}); every send
 * accepted before hears its outcome, and those still queued fail; a WAR that brings Duplex leaves no Duplex
 * thread behind.
 */
@Timeout(120)
class UndeployTest {
    private static final int SILENT_PEERS = 5;
    private static final int ANSWERING_PEERS = 2;
    private static final int QUEUE_BOUND = 256 * 1024;

    @ParameterizedTest
    @EnumSource(Container.class)
    void stoppingTheApplicationEndsEverySessionOnceAndFailsTheSendsStillQueued(Container container) throws Exception {
        Flood flood = new Flood(WarFloodEndpoint.class);
        try (ServerUnderTest server = ServerUnderTest.start(container,
                context -> {
                    context.setInitParameter("dev.duplex.stopTimeout", "300");
                    context.setInitParameter("dev.duplex.maxQueuedBytes", Integer.toString(QUEUE_BOUND));
                },
                deploy -> deploy.addEndpoint(WarFloodEndpoint.class))) {
            flood.reset();
            List<Socket> silent = new ArrayList<>();
            try {
                List<JdkClient> answering = flood.start(server.port(), "/war-flood", silent);

                server.stopApplication();

                for (JdkClient peer : answering) {
                    assertEquals(1001, peer.awaitClose().code());
                }
                flood.assertEveryoneHeardTheEnd();
            } finally {
                closeAll(silent);
            }
        }
    }

    @Test
    void undeployingAWarThatBringsDuplexWithSendsInFlightLeavesNoDuplexThread() throws Exception {
        Path war = TestWar.assemble("undeploy-app", WarFloodEndpoint.class);
        TestWar.bringDuplex(war);
        Files.writeString(war.resolve("WEB-INF/web.xml"), """
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.1">
                  <context-param>
                    <param-name>dev.duplex.stopTimeout</param-name>
                    <param-value>300</param-value>
                  </context-param>
                  <context-param>
                    <param-name>dev.duplex.maxQueuedBytes</param-name>
                    <param-value>%d</param-value>
                  </context-param>
                </web-app>
                """.formatted(QUEUE_BOUND));
        Set<Thread> before = duplexThreads();
        try (TomcatTestServer server = TomcatTestServer.startWar(war)) {
            ClassLoader application = server.context().getLoader().getClassLoader();
            Flood flood = new Flood(application.loadClass(WarFloodEndpoint.class.getName()));
            List<Socket> silent = new ArrayList<>();
            try {
                flood.start(server.port(), "/app/war-flood", silent);

                server.context().stop();

                flood.assertEveryoneHeardTheEnd();
                Set<Thread> left = duplexThreads();
                left.removeAll(before);
                assertEquals(Set.of(), left, "Duplex threads that outlived the application");
            } finally {
                closeAll(silent);
            }
        }
    }

    /** The live threads Duplex names, of any copy of it. */
    private static Set<Thread> duplexThreads() {
        Set<Thread> threads = new HashSet<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("duplex-") && thread.isAlive()) {
                threads.add(thread);
            }
        }
        return threads;
    }

    private static void closeAll(List<Socket> sockets) throws Exception {
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    /** The record of one copy of {@link WarFloodEndpoint}, the test's or an application's, read reflectively. */
    private static final class Flood {
        private final Queue<CompletableFuture<Void>> accepted;
        private final Semaphore full;
        private final Queue<Throwable> refusals;
        private final Map<String, List<Integer>> closes;

        @SuppressWarnings("unchecked")
        Flood(Class<?> endpoint) throws ReflectiveOperationException {
            accepted = (Queue<CompletableFuture<Void>>) endpoint.getField("ACCEPTED").get(null);
            full = (Semaphore) endpoint.getField("FULL").get(null);
            refusals = (Queue<Throwable>) endpoint.getField("REFUSALS").get(null);
            closes = (Map<String, List<Integer>>) endpoint.getField("CLOSES").get(null);
        }

        void reset() {
            accepted.clear();
            full.drainPermits();
            refusals.clear();
            closes.clear();
        }

        /**
         * Opens the silent peers (they ask for the flood, then never read) and the answering ones (idle, reading),
         * and returns once every silent peer's queue is full.
         */
        List<JdkClient> start(int port, String path, List<Socket> silent) throws Exception {
            for (int i = 0; i < SILENT_PEERS; i++) {
                Socket peer = new Socket();
                peer.setReceiveBufferSize(8 * 1024);
                silent.add(peer);
                peer.connect(new InetSocketAddress("127.0.0.1", port));
                RawHttp.upgrade(peer, path);
                peer.getOutputStream().write(RawHttp.maskedText("flood"));
            }
            List<JdkClient> answering = new ArrayList<>();
            for (int i = 0; i < ANSWERING_PEERS; i++) {
                answering.add(JdkClient.connect(java.net.URI.create("ws://127.0.0.1:" + port + path)));
            }
            assertTrue(full.tryAcquire(SILENT_PEERS, 60, TimeUnit.SECONDS),
                    "sessions whose queue filled: " + full.availablePermits());
            for (Throwable refusal : refusals) {
                // The application's own copy of Duplex has its own class: compared by name.
                assertEquals("dev.duplex.transport.WriteQueueFullException", refusal.getClass().getName(),
                        () -> "a send was refused for another reason: " + refusal);
            }
            return answering;
        }

        /** Checked once stopping has returned: nothing is waited for, all of it must have happened. */
        void assertEveryoneHeardTheEnd() {
            assertEquals(SILENT_PEERS + ANSWERING_PEERS, closes.size(), "sessions whose onClose ran: " + closes);
            long dropped = 0;
            for (Map.Entry<String, List<Integer>> session : closes.entrySet()) {
                assertEquals(1, session.getValue().size(), "onClose calls of session " + session.getKey());
                int code = session.getValue().get(0);
                assertTrue(code == 1001 || code == 1006, "session " + session.getKey() + " closed with " + code);
                dropped += code == 1006 ? 1 : 0;
            }
            assertEquals(SILENT_PEERS, dropped, "sessions dropped after the stop timeout: " + closes);
            long pending = accepted.stream().filter(sent -> !sent.isDone()).count();
            assertEquals(0, pending, "sends accepted whose sender has heard nothing");
            long failed = accepted.stream().filter(CompletableFuture::isCompletedExceptionally).count();
            assertTrue(failed > 0, "sends queued for silent peers when the application stopped must fail; accepted "
                    + accepted.size());
        }
    }
}
