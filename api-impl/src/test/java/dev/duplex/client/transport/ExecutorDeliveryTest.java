package dev.duplex.client.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.engine.ClosePayload;
import dev.duplex.engine.CloseStatus;
import dev.duplex.engine.Frame;
import dev.duplex.engine.OpCode;
import dev.duplex.engine.WebSocketConnection;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link ClientConnection#attach(WebSocketConnection, java.util.concurrent.Executor)}: the engine
 * runs on the executor, one delivery at a time, so listeners may block without stalling the selector.
 */
@Timeout(60)
class ExecutorDeliveryTest {
    private final ClientConnector connector = new ClientConnector(); // one selector thread for every connection
    private final AtomicInteger threadCount = new AtomicInteger();
    private final ExecutorService executor = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "test-delivery-" + threadCount.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    @AfterEach
    void stop() {
        connector.close();
        executor.shutdownNow();
    }

    private ClientConnection connect(TestServer server) throws Exception {
        ConnectRequest request = ConnectRequest.builder(server.uri("ws", "/")).maxQueuedBytes(64 << 20).build();
        ClientConnection connection = connector.connect(request).get(10, TimeUnit.SECONDS);
        HandshakeValidator.validate(request, connection.response());
        return connection;
    }

    private static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    private static TestServer echoServer() throws Exception {
        return new TestServer(socket -> {
            TestServer.acceptUpgrade(socket);
            new ServerFrames(socket.getInputStream(), socket.getOutputStream()).echoUntilClose();
        });
    }

    @Test
    void listenerRunsOnTheExecutorAndMessagesKeepTheirOrder() throws Exception {
        try (TestServer server = echoServer()) {
            ClientConnection connection = connect(server);
            RecordingListener listener = new RecordingListener();
            WebSocketConnection engine = listener.engineFor(connection);
            connection.attach(engine, executor);

            byte[] large = new byte[5 * 1024 * 1024 + 3];
            new Random(7).nextBytes(large);
            for (int i = 0; i < 200; i++) {
                engine.sendText(utf8("message " + i), true, new Callbacks());
                if (i == 100) {
                    engine.sendBinary(ByteBuffer.wrap(large), true, new Callbacks());
                }
            }
            for (int i = 0; i < 200; i++) {
                assertEquals("message " + i, listener.messages.poll(30, TimeUnit.SECONDS).text());
                if (i == 100) {
                    assertArrayEquals(large, listener.messages.poll(30, TimeUnit.SECONDS).binary());
                }
            }
            assertTrue(listener.threads.stream().allMatch(name -> name.startsWith("test-delivery-")),
                    listener.threads.toString());
            engine.close(new ClosePayload(CloseStatus.NORMAL_CLOSURE, ""), new Callbacks());
            assertEquals(CloseStatus.NORMAL_CLOSURE, listener.closed.get(10, TimeUnit.SECONDS).code());
        }
    }

    @Test
    void listenerWaitingForItsOwnLargeSendDoesNotDeadlock() throws Exception {
        int size = 16 * 1024 * 1024; // far more than the socket buffers hold: the send needs the selector to flush
        try (TestServer server = new TestServer(socket -> {
            TestServer.acceptUpgrade(socket);
            ServerFrames frames = new ServerFrames(socket.getInputStream(), socket.getOutputStream());
            frames.write(true, OpCode.TEXT, utf8("send me something big"));
            Frame frame;
            long received = 0;
            while ((frame = frames.read()) != null && frame.opcode() == OpCode.BINARY) {
                received += frame.payload().remaining();
                frames.write(true, OpCode.TEXT, utf8("got " + received));
            }
        })) {
            ClientConnection connection = connect(server);
            RecordingListener listener = new RecordingListener();
            WebSocketConnection engine = listener.engineFor(connection);
            CompletableFuture<Void> blockingSendDone = new CompletableFuture<>();
            listener.onMessage = message -> {
                if (message.text().startsWith("send me")) {
                    Callbacks sent = new Callbacks();
                    engine.sendBinary(ByteBuffer.allocate(size), true, sent);
                    try {
                        // A blocking send inside the listener, as RemoteEndpoint.Basic does.
                        sent.get(30, TimeUnit.SECONDS);
                        blockingSendDone.complete(null);
                    } catch (Exception e) {
                        blockingSendDone.completeExceptionally(e); // bounded, so a regression fails instead of hanging
                    }
                }
            };
            connection.attach(engine, executor);

            blockingSendDone.get(30, TimeUnit.SECONDS);
            listener.messages.poll(10, TimeUnit.SECONDS); // "send me something big"
            assertEquals("got " + size, listener.messages.poll(30, TimeUnit.SECONDS).text());
            connection.abort();
        }
    }

    @Test
    void blockedListenerHoldsUpOnlyItsOwnConnection() throws Exception {
        try (TestServer server = echoServer()) {
            ClientConnection slow = connect(server);
            ClientConnection other = connect(server);
            CountDownLatch release = new CountDownLatch(1);
            RecordingListener slowListener = new RecordingListener();
            WebSocketConnection slowEngine = slowListener.engineFor(slow);
            slowListener.onMessage = message -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            };
            slow.attach(slowEngine, executor);
            RecordingListener otherListener = new RecordingListener();
            WebSocketConnection otherEngine = otherListener.engineFor(other);
            other.attach(otherEngine, executor);

            slowEngine.sendText(utf8("first"), true, new Callbacks());
            slowEngine.sendText(utf8("second"), true, new Callbacks());
            for (int i = 0; i < 20; i++) {
                otherEngine.sendText(utf8("other " + i), true, new Callbacks());
                assertEquals("other " + i, otherListener.messages.poll(10, TimeUnit.SECONDS).text());
            }
            assertTrue(slowListener.messages.isEmpty(), "the slow listener is still in its first message");

            release.countDown();
            assertEquals("first", slowListener.messages.poll(10, TimeUnit.SECONDS).text());
            assertEquals("second", slowListener.messages.poll(10, TimeUnit.SECONDS).text());
            slow.abort();
            other.abort();
        }
    }

    @Test
    void endIsReportedOnlyAfterTheRunningDeliveryReturns() throws Exception {
        try (TestServer server = echoServer().expectingFailures()) { // the abort may reset the server's socket
            ClientConnection connection = connect(server);
            CountDownLatch inListener = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            RecordingListener listener = new RecordingListener();
            WebSocketConnection engine = listener.engineFor(connection);
            listener.onMessage = message -> {
                inListener.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            };
            connection.attach(engine, executor);
            engine.sendText(utf8("hold on"), true, new Callbacks());
            assertTrue(inListener.await(10, TimeUnit.SECONDS));

            connection.abort();
            connection.whenEnded().toCompletableFuture().get(10, TimeUnit.SECONDS);
            connector.liveChannelsAndHandlers(); // a round trip through the selector: its report task has run
            assertFalse(listener.closed.isDone(), "the engine is still delivering; its end must wait");

            release.countDown();
            assertEquals(CloseStatus.ABNORMAL_CLOSURE, listener.closed.get(10, TimeUnit.SECONDS).code());
            assertEquals(1, listener.closedCalls.get());
            assertEquals(0, connector.liveChannelsAndHandlers()[1], "the connection left its selector");
        }
    }

    @Test
    void pausingInsideAnExecutorDeliveryAndResumingFromAnotherThreadGoesOnInOrder() throws Exception {
        try (TestServer server = echoServer()) {
            ClientConnection connection = connect(server);
            RecordingListener listener = new RecordingListener();
            WebSocketConnection engine = listener.engineFor(connection);
            CountDownLatch paused = new CountDownLatch(1);
            listener.onMessage = message -> {
                if ("pause".equals(message.text())) {
                    engine.pauseReading();
                    paused.countDown();
                }
            };
            connection.attach(engine, executor);
            engine.sendText(utf8("pause"), true, new Callbacks());
            for (int i = 0; i < 50; i++) {
                engine.sendText(utf8("after " + i), true, new Callbacks());
            }
            assertTrue(paused.await(10, TimeUnit.SECONDS));
            assertEquals("pause", listener.messages.poll(10, TimeUnit.SECONDS).text());
            engine.resumeReading();
            for (int i = 0; i < 50; i++) {
                assertEquals("after " + i, listener.messages.poll(10, TimeUnit.SECONDS).text());
            }
            connection.abort();
        }
    }

    @Test
    void endedConnectionCompletesWhenEnded() throws Exception {
        try (TestServer server = new TestServer(TestServer::acceptUpgrade)) { // closes right after the 101
            ClientConnection connection = connect(server);
            RecordingListener listener = new RecordingListener();
            connection.attach(listener.engineFor(connection), executor);
            connection.whenEnded().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertEquals(CloseStatus.ABNORMAL_CLOSURE, listener.closed.get(10, TimeUnit.SECONDS).code());
        }
    }
}
