package dev.duplex.client.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.engine.CloseStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The connector's threads: shared, named, daemons, and gone after close, taking their connections with them. */
@Timeout(60)
class ClientConnectorTest {

    @Test
    void selectorThreadsAreNamedDaemonsAndConnectionsShareThem() throws Exception {
        try (ClientConnector connector = new ClientConnector(2, HostResolver.SYSTEM);
                TestServer server = new TestServer(socket -> {
                    TestServer.acceptUpgrade(socket);
                    new ServerFrames(socket.getInputStream(), socket.getOutputStream()).echoUntilClose();
                })) {
            List<Thread> threads = connector.selectorThreads();
            assertEquals(2, threads.size());
            for (Thread thread : threads) {
                assertTrue(thread.getName().matches("duplex-client-selector-\\d+"), thread.getName());
                assertTrue(thread.isDaemon());
            }
            List<ClientConnection> connections = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                ConnectRequest request = ConnectRequest.builder(server.uri("ws", "/")).build();
                connections.add(connector.connect(request).get(10, TimeUnit.SECONDS));
            }
            assertEquals(2, connector.selectorThreads().size(), "six connections, still two threads");
            assertEquals(6, connector.liveChannelsAndHandlers()[0]);
            connections.forEach(ClientConnection::abort);
        }
    }

    @Test
    void closeEndsTheSelectorThreadsAndEveryConnectionAndAttemptOnThem() throws Exception {
        CountDownLatch serverDone = new CountDownLatch(1);
        CountDownLatch secondRequestRead = new CountDownLatch(1);
        ClientConnector connector = new ClientConnector(2, HostResolver.SYSTEM);
        try (TestServer server = new TestServer(socket -> {
            String head = TestServer.readHead(socket.getInputStream());
            if (head.startsWith("GET /open ")) {
                TestServer.write(socket.getOutputStream(), TestServer.switchingProtocols(head));
            } else {
                secondRequestRead.countDown(); // and never answer
            }
            serverDone.await(10, TimeUnit.SECONDS);
        })) {
            ClientConnection open = connector.connect(ConnectRequest.builder(server.uri("ws", "/open")).build())
                    .get(10, TimeUnit.SECONDS);
            RecordingListener listener = new RecordingListener();
            listener.attachTo(open);
            CompletableFuture<ClientConnection> pending = connector.connect(
                    ConnectRequest.builder(server.uri("ws", "/pending")).build());
            assertTrue(secondRequestRead.await(10, TimeUnit.SECONDS));
            List<Thread> threads = connector.selectorThreads();

            connector.close();

            for (Thread thread : threads) {
                assertFalse(thread.isAlive(), thread.getName() + " outlived close()");
            }
            assertTrue(connector.awaitResolverTermination(10, TimeUnit.SECONDS), "the resolver thread outlived close()");
            assertEquals(CloseStatus.ABNORMAL_CLOSURE, listener.closed.get(10, TimeUnit.SECONDS).code());
            assertEquals("the client connector was closed", listener.failures.get(0).getMessage());
            ExecutionException failed = assertThrows(ExecutionException.class, () -> pending.get(10, TimeUnit.SECONDS));
            assertEquals("the client connector was closed", failed.getCause().getMessage());
            assertFalse(open.isOpen());
            assertTrue(connector.isClosed());
            connector.close(); // again: nothing happens
            serverDone.countDown();
        }
    }

    @Test
    void attachAfterCloseReportsTheEndAtOnce() throws Exception {
        ClientConnector connector = new ClientConnector();
        try (TestServer server = new TestServer(socket -> {
            TestServer.acceptUpgrade(socket);
            socket.getInputStream().read();
        })) {
            ClientConnection connection = connector.connect(ConnectRequest.builder(server.uri("ws", "/")).build())
                    .get(10, TimeUnit.SECONDS);
            connector.close();
            RecordingListener listener = new RecordingListener();
            listener.attachTo(connection);
            assertEquals(CloseStatus.ABNORMAL_CLOSURE, listener.closed.get(10, TimeUnit.SECONDS).code());
            assertEquals(1, listener.closedCalls.get());
        }
    }
}
