package dev.duplex.client.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.engine.CloseStatus;
import dev.duplex.engine.ClosePayload;
import dev.duplex.engine.Frame;
import dev.duplex.engine.OpCode;
import dev.duplex.engine.WebSocketConnection;
import dev.duplex.transport.WriteQueueFullException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The transport after a 101: delivery, pausing, writing, the write bound, and every way of ending. */
@Timeout(60)
class ClientConnectionTest {
    private final ClientConnector connector = new ClientConnector();

    @AfterEach
    void closeConnector() {
        connector.close();
    }

    private ClientConnection connect(TestServer server) throws Exception {
        return connect(ConnectRequest.builder(server.uri("ws", "/echo")).build());
    }

    private ClientConnection connect(ConnectRequest request) throws Exception {
        ClientConnection connection = connector.connect(request).get(10, TimeUnit.SECONDS);
        HandshakeValidator.validate(request, connection.response());
        return connection;
    }

    private static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void upgradeRequestCarriesTheRequiredAndTheCallersHeaderFields() throws Exception {
        CompletableFuture<String> requestHead = new CompletableFuture<>();
        try (TestServer server = new TestServer(socket -> {
            requestHead.complete(TestServer.acceptUpgrade(socket));
            new ServerFrames(socket.getInputStream(), socket.getOutputStream()).echoUntilClose();
        })) {
            ConnectRequest request = ConnectRequest.builder(server.uri("ws", "/chat/room%201?user=a&b=c"))
                    .header("Origin", "http://client.test")
                    .header("Cookie", "session=1", "theme=dark")
                    .header("Sec-WebSocket-Protocol", "chat, superchat")
                    .build();
            ClientConnection connection = connect(request);
            String head = requestHead.get(10, TimeUnit.SECONDS);

            List<String> lines = List.of(head.split("\r\n"));
            assertEquals("GET /chat/room%201?user=a&b=c HTTP/1.1", lines.get(0));
            assertTrue(lines.contains("Host: 127.0.0.1:" + server.port()), head);
            assertTrue(lines.contains("Upgrade: websocket"), head);
            assertTrue(lines.contains("Connection: Upgrade"), head);
            assertTrue(lines.contains("Sec-WebSocket-Version: 13"), head);
            assertTrue(lines.contains("Sec-WebSocket-Key: " + request.secWebSocketKey()), head);
            assertTrue(lines.contains("Origin: http://client.test"), head);
            assertTrue(lines.contains("Cookie: session=1") && lines.contains("Cookie: theme=dark"), head);
            assertTrue(lines.contains("Sec-WebSocket-Protocol: chat, superchat"), head);
            assertEquals(16, java.util.Base64.getDecoder().decode(request.secWebSocketKey()).length);
            connection.abort();
        }
    }

    @Test
    void responseHeadIsParsedAndTheBytesAfterItAreTheFirstFrames() throws Exception {
        byte[] firstFrame = ServerFrames.encode(true, OpCode.TEXT, utf8("hello before you asked"));
        try (TestServer server = new TestServer(socket -> {
            String head = TestServer.readHead(socket.getInputStream());
            String response = "HTTP/1.1 101 Switching Protocols\r\n"
                    + "upgrade: WebSocket\r\n"
                    + "CONNECTION: keep-alive, Upgrade\r\n"
                    + "sec-websocket-accept: " + TestServer.acceptFor(TestServer.headerValue(head, "Sec-WebSocket-Key"))
                    + "\r\n"
                    + "X-Repeated: one\r\n"
                    + "x-repeated: two\r\n"
                    + "\r\n";
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.writeBytes(response.getBytes(StandardCharsets.ISO_8859_1));
            all.writeBytes(firstFrame);
            socket.getOutputStream().write(all.toByteArray()); // one write: head and frame arrive together
            new ServerFrames(socket.getInputStream(), socket.getOutputStream()).echoUntilClose();
        })) {
            ConnectRequest request = ConnectRequest.builder(server.uri("ws", "/")).build();
            ClientConnection connection = connector.connect(request).get(10, TimeUnit.SECONDS);
            UpgradeResponse response = connection.response();

            assertEquals(101, response.status());
            assertEquals("Switching Protocols", response.reason());
            assertEquals(request.expectedAccept(), response.header("Sec-WebSocket-Accept"));
            assertEquals(List.of("one", "two"), response.headerValues("X-REPEATED"));
            HandshakeValidator.Agreement agreement = HandshakeValidator.validate(request, response);
            assertNull(agreement.subprotocol());
            ByteBuffer leftover = response.leftover();
            byte[] leftoverBytes = new byte[leftover.remaining()];
            leftover.get(leftoverBytes);
            assertArrayEquals(firstFrame, leftoverBytes);

            RecordingListener listener = new RecordingListener();
            listener.attachTo(connection);
            assertEquals("hello before you asked", listener.messages.poll(10, TimeUnit.SECONDS).text());
            assertTrue(listener.threads.get(0).startsWith("duplex-client-selector-"), listener.threads.toString());
            connection.abort();
        }
    }

    @Test
    void textAndBinaryMessagesEchoIncludingAMultiMebibyteOne() throws Exception {
        try (TestServer server = new TestServer(socket -> {
            TestServer.acceptUpgrade(socket);
            new ServerFrames(socket.getInputStream(), socket.getOutputStream()).echoUntilClose();
        })) {
            ClientConnection connection = connect(server);
            RecordingListener listener = new RecordingListener();
            WebSocketConnection engine = listener.attachTo(connection);

            byte[] large = new byte[6 * 1024 * 1024 + 17];
            new Random(42).nextBytes(large);
            Callbacks textSent = new Callbacks();
            Callbacks largeSent = new Callbacks();
            engine.sendText(utf8("grüße"), true, textSent);
            engine.sendBinary(ByteBuffer.wrap(large), true, largeSent);
            engine.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true, new Callbacks());

            assertEquals("grüße", listener.messages.poll(10, TimeUnit.SECONDS).text());
            assertArrayEquals(large, listener.messages.poll(30, TimeUnit.SECONDS).binary());
            assertArrayEquals(new byte[] {1, 2, 3}, listener.messages.poll(10, TimeUnit.SECONDS).binary());
            textSent.get(10, TimeUnit.SECONDS);
            largeSent.get(10, TimeUnit.SECONDS);

            engine.close(new ClosePayload(CloseStatus.NORMAL_CLOSURE, "done"), new Callbacks());
            assertEquals(CloseStatus.NORMAL_CLOSURE, listener.closed.get(10, TimeUnit.SECONDS).code());
            assertTrue(listener.failures.isEmpty(), listener.failures.toString());
        }
    }

    @Test
    void concurrentSendersEachGetEveryMessageBackInTheirOrder() throws Exception {
        try (TestServer server = new TestServer(socket -> {
            TestServer.acceptUpgrade(socket);
            new ServerFrames(socket.getInputStream(), socket.getOutputStream()).echoUntilClose();
        })) {
            // A bound above all that is sent: refusals are another test's subject, not this one's.
            ConnectRequest request = ConnectRequest.builder(server.uri("ws", "/")).maxQueuedBytes(64 << 20).build();
            ClientConnection connection = connect(request);
            RecordingListener listener = new RecordingListener();
            WebSocketConnection engine = listener.attachTo(connection);

            int senders = 4;
            int perSender = 300;
            String padding = "x".repeat(20_000); // large enough to fill socket buffers now and then
            List<Thread> threads = new ArrayList<>();
            List<Callbacks> sends = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int s = 0; s < senders; s++) {
                int sender = s;
                threads.add(new Thread(() -> {
                    for (int i = 0; i < perSender; i++) {
                        Callbacks sent = new Callbacks();
                        sends.add(sent);
                        engine.sendText(utf8(sender + ":" + i + ":" + padding), true, sent);
                    }
                }, "test-sender-" + s));
            }
            threads.forEach(Thread::start);
            for (Thread thread : threads) {
                thread.join(30_000);
            }
            int[] next = new int[senders];
            for (int received = 0; received < senders * perSender; received++) {
                String[] parts = listener.messages.poll(30, TimeUnit.SECONDS).text().split(":", 3);
                int sender = Integer.parseInt(parts[0]);
                assertEquals(next[sender]++, Integer.parseInt(parts[1]), "order of sender " + sender);
            }
            for (Callbacks sent : sends) {
                sent.get(10, TimeUnit.SECONDS);
            }
            connection.abort();
        }
    }

    @Test
    void pausedReadingHandsInTheLeftOverBytesFirstAfterResume() throws Exception {
        try (TestServer server = new TestServer(socket -> {
            String head = TestServer.readHead(socket.getInputStream());
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.writeBytes(TestServer.switchingProtocols(head).getBytes(StandardCharsets.ISO_8859_1));
            for (String text : List.of("one", "two", "three")) {
                all.writeBytes(ServerFrames.encode(true, OpCode.TEXT, utf8(text)));
            }
            socket.getOutputStream().write(all.toByteArray());
            new ServerFrames(socket.getInputStream(), socket.getOutputStream()).echoUntilClose();
        })) {
            ClientConnection connection = connect(server);
            RecordingListener listener = new RecordingListener();
            WebSocketConnection engine = listener.engineFor(connection);
            listener.onMessage = message -> {
                if ("one".equals(message.text())) {
                    engine.pauseReading(); // "two" and "three" are already in the transport's buffer
                }
            };
            connection.attach(engine);

            assertEquals("one", listener.messages.poll(10, TimeUnit.SECONDS).text());
            assertTrue(engine.isReadingPaused());
            engine.resumeReading();
            assertEquals("two", listener.messages.poll(10, TimeUnit.SECONDS).text());
            assertEquals("three", listener.messages.poll(10, TimeUnit.SECONDS).text());
            // Reading from the socket goes on too: an echo comes back.
            engine.sendText(utf8("four"), true, new Callbacks());
            assertEquals("four", listener.messages.poll(10, TimeUnit.SECONDS).text());
            connection.abort();
        }
    }

    @Test
    void writesPastTheQueueBoundAreRefusedWhileTheServerDoesNotRead() throws Exception {
        CountDownLatch serverMayRead = new CountDownLatch(1);
        CompletableFuture<Integer> framesServerRead = new CompletableFuture<>();
        try (TestServer server = new TestServer(socket -> {
            TestServer.acceptUpgrade(socket);
            serverMayRead.await();
            ServerFrames frames = new ServerFrames(socket.getInputStream(), socket.getOutputStream());
            int count = 0;
            Frame frame;
            while ((frame = frames.read()) != null && frame.opcode() != OpCode.CLOSE) {
                count++;
            }
            framesServerRead.complete(count);
        })) {
            long bound = 256 * 1024;
            ConnectRequest request = ConnectRequest.builder(server.uri("ws", "/")).maxQueuedBytes(bound).build();
            ClientConnection connection = connect(request);
            RecordingListener listener = new RecordingListener();
            WebSocketConnection engine = listener.attachTo(connection);

            // The socket buffers take some megabytes first; then the queue fills up to its bound.
            List<Callbacks> accepted = new ArrayList<>();
            Throwable refusal = null;
            for (int i = 0; i < 20_000 && refusal == null; i++) {
                Callbacks sent = new Callbacks();
                engine.sendBinary(ByteBuffer.allocate(100 * 1024), true, sent);
                if (sent.isCompletedExceptionally()) {
                    refusal = causeOf(sent);
                } else {
                    accepted.add(sent);
                }
            }
            assertInstanceOf(WriteQueueFullException.class, refusal);
            assertTrue(refusal.getMessage().contains("the bound is " + bound + " bytes"), refusal.getMessage());

            serverMayRead.countDown();
            for (Callbacks sent : accepted) {
                sent.get(30, TimeUnit.SECONDS);
            }
            // The refused message left the stream well formed: the server parses every accepted frame.
            engine.close(new ClosePayload(CloseStatus.NORMAL_CLOSURE, ""), new Callbacks());
            assertEquals(accepted.size(), framesServerRead.get(30, TimeUnit.SECONDS));
            connection.abort();
        }
    }

    /**
     * RFC 6455 section 7.1.1: after the close handshake the server should close the TCP connection first. The server
     * here checks that no end of stream came from the client while it kept the connection open (a read that times
     * out), then ends its side and sees the client close in turn.
     */
    @Test
    void clientCloseExchangesCloseFramesThenLetsTheServerCloseTheSocketFirst() throws Exception {
        CompletableFuture<Boolean> clientKeptItOpen = new CompletableFuture<>();
        CompletableFuture<Boolean> serverSawEndOfStream = new CompletableFuture<>();
        try (TestServer server = new TestServer(socket -> {
            TestServer.acceptUpgrade(socket);
            ServerFrames frames = new ServerFrames(socket.getInputStream(), socket.getOutputStream());
            assertTrue(frames.echoUntilClose());
            socket.setSoTimeout(300);
            try {
                clientKeptItOpen.complete(!frames.atEndOfStream());
            } catch (SocketTimeoutException stillOpen) {
                clientKeptItOpen.complete(true);
            }
            socket.setSoTimeout(0);
            socket.shutdownOutput();
            serverSawEndOfStream.complete(frames.atEndOfStream());
        })) {
            ClientConnection connection = connect(server);
            RecordingListener listener = new RecordingListener();
            WebSocketConnection engine = listener.attachTo(connection);

            engine.close(new ClosePayload(CloseStatus.GOING_AWAY, "leaving"), new Callbacks());
            ClosePayload close = listener.closed.get(10, TimeUnit.SECONDS);
            assertEquals(new ClosePayload(CloseStatus.GOING_AWAY, "leaving"), close);
            assertTrue(clientKeptItOpen.get(10, TimeUnit.SECONDS), "the client closed the socket before the server");
            assertTrue(serverSawEndOfStream.get(10, TimeUnit.SECONDS));
            connection.whenEnded().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertEquals(1, listener.closedCalls.get());
            assertTrue(listener.failures.isEmpty(), listener.failures.toString());
            assertFalse(connection.isOpen());
        }
    }

    @Test
    void afterTheCloseHandshakeTheClientClosesAnywayWhenTheServerDoesNot() throws Exception {
        CompletableFuture<Boolean> serverSawEndOfStream = new CompletableFuture<>();
        try (TestServer server = new TestServer(socket -> {
            TestServer.acceptUpgrade(socket);
            ServerFrames frames = new ServerFrames(socket.getInputStream(), socket.getOutputStream());
            assertTrue(frames.echoUntilClose());
            serverSawEndOfStream.complete(frames.atEndOfStream()); // never closes its side
        })) {
            ClientConnection connection = connect(server);
            connection.serverCloseWait(TimeUnit.MILLISECONDS.toNanos(100));
            RecordingListener listener = new RecordingListener();
            WebSocketConnection engine = listener.attachTo(connection);

            engine.close(new ClosePayload(CloseStatus.NORMAL_CLOSURE, ""), new Callbacks());
            assertEquals(CloseStatus.NORMAL_CLOSURE, listener.closed.get(10, TimeUnit.SECONDS).code());
            assertTrue(serverSawEndOfStream.get(10, TimeUnit.SECONDS));
            connection.whenEnded().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertEquals(1, listener.closedCalls.get());
        }
    }

    @Test
    void serverCloseIsAnsweredAndTheConnectionEndsOnce() throws Exception {
        CompletableFuture<ClosePayload> clientReply = new CompletableFuture<>();
        try (TestServer server = new TestServer(socket -> {
            TestServer.acceptUpgrade(socket);
            ServerFrames frames = new ServerFrames(socket.getInputStream(), socket.getOutputStream());
            frames.write(true, OpCode.CLOSE, new ClosePayload(4001, "server done").encode());
            Frame reply = frames.read();
            clientReply.complete(ClosePayload.parse(reply.payload()));
            socket.close(); // the server closes first, as section 7.1.1 says it should
        })) {
            ClientConnection connection = connect(server);
            RecordingListener listener = new RecordingListener();
            listener.attachTo(connection);

            assertEquals(new ClosePayload(4001, "server done"), listener.closed.get(10, TimeUnit.SECONDS));
            assertEquals(4001, clientReply.get(10, TimeUnit.SECONDS).code());
            connection.whenEnded().toCompletableFuture().get(10, TimeUnit.SECONDS);
            connection.close(); // late closes change nothing
            connection.abort();
            assertEquals(1, listener.closedCalls.get());
        }
    }

    @Test
    void protocolViolationIsReportedWithTheCloseCodeSentNotAsAbnormalClosure() throws Exception {
        CompletableFuture<ClosePayload> closeFrameSent = new CompletableFuture<>();
        try (TestServer server = new TestServer(socket -> {
            TestServer.acceptUpgrade(socket);
            // A masked frame from a server breaks RFC 6455 section 5.1: the client fails with 1002.
            socket.getOutputStream().write(new byte[] {(byte) 0x81, (byte) 0x81, 1, 2, 3, 4, 'x' ^ 1});
            ServerFrames frames = new ServerFrames(socket.getInputStream(), socket.getOutputStream());
            Frame close = frames.read();
            closeFrameSent.complete(ClosePayload.parse(close.payload()));
        })) {
            ClientConnection connection = connect(server);
            RecordingListener listener = new RecordingListener();
            listener.attachTo(connection);

            // The transport closes from inside the engine's failing; its report must not pre-empt the engine's.
            assertEquals(CloseStatus.PROTOCOL_ERROR, listener.closed.get(10, TimeUnit.SECONDS).code());
            assertEquals(CloseStatus.PROTOCOL_ERROR, closeFrameSent.get(10, TimeUnit.SECONDS).code());
            assertEquals(1, listener.closedCalls.get());
        }
    }

    @Test
    void endOfStreamWithoutCloseFrameIsReportedOnceAsAbnormalClosure() throws Exception {
        try (TestServer server = new TestServer(TestServer::acceptUpgrade)) { // closes right after the 101
            ClientConnection connection = connect(server);
            RecordingListener listener = new RecordingListener();
            WebSocketConnection engine = listener.attachTo(connection);

            assertEquals(CloseStatus.ABNORMAL_CLOSURE, listener.closed.get(10, TimeUnit.SECONDS).code());
            assertTrue(listener.failures.isEmpty(), "an end of stream is no I/O error: " + listener.failures);
            assertFalse(connection.isOpen());
            Callbacks late = new Callbacks();
            engine.sendText(utf8("too late"), true, late);
            assertTrue(late.isCompletedExceptionally());
            connection.close();
            connection.abort();
            assertEquals(1, listener.closedCalls.get());
        }
    }

    @Test
    void connectionResetIsReportedWithItsCause() throws Exception {
        try (TestServer server = new TestServer(socket -> {
            TestServer.acceptUpgrade(socket);
            socket.setSoLinger(true, 0); // close with RST
        })) {
            ClientConnection connection = connect(server);
            RecordingListener listener = new RecordingListener();
            listener.attachTo(connection);

            assertEquals(CloseStatus.ABNORMAL_CLOSURE, listener.closed.get(10, TimeUnit.SECONDS).code());
            assertEquals(1, listener.failures.size(), listener.failures.toString());
            assertInstanceOf(IOException.class, listener.failures.get(0));
            assertEquals(1, listener.closedCalls.get());
        }
    }

    @Test
    void abortClosesAtOnceAndFailsQueuedWrites() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Boolean> serverSawEndOfStream = new CompletableFuture<>();
        try (TestServer server = new TestServer(socket -> {
            TestServer.acceptUpgrade(socket);
            release.await();
            socket.setSoTimeout(10_000);
            byte[] drain = new byte[64 * 1024];
            try {
                while (socket.getInputStream().read(drain) >= 0) {
                    // read until the client's socket is gone
                }
                serverSawEndOfStream.complete(true);
            } catch (IOException reset) {
                serverSawEndOfStream.complete(true); // unread data at close makes the kernel reset
            }
        })) {
            ConnectRequest request = ConnectRequest.builder(server.uri("ws", "/")).maxQueuedBytes(1 << 20).build();
            ClientConnection connection = connect(request);
            RecordingListener listener = new RecordingListener();
            WebSocketConnection engine = listener.attachTo(connection);

            Callbacks queued = null;
            for (int i = 0; i < 20_000; i++) {
                Callbacks sent = new Callbacks();
                engine.sendBinary(ByteBuffer.allocate(64 * 1024), true, sent);
                if (!sent.isDone()) {
                    queued = sent; // the socket is full: this one waits in the queue
                    break;
                }
            }
            assertTrue(queued != null && !queued.isDone());
            connection.abort();
            assertInstanceOf(IOException.class, causeOf(queued));
            assertEquals(CloseStatus.ABNORMAL_CLOSURE, listener.closed.get(10, TimeUnit.SECONDS).code());
            release.countDown();
            assertTrue(serverSawEndOfStream.get(20, TimeUnit.SECONDS));
            assertEquals(1, listener.closedCalls.get());
        }
    }

    private static Throwable causeOf(CompletableFuture<?> future) throws InterruptedException {
        try {
            future.get(10, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no outcome", e);
        }
    }

}
