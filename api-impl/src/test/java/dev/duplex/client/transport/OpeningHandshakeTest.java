package dev.duplex.client.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The opening handshake over real sockets: refusals, malformed answers, timeouts, and that failures leak nothing. */
@Timeout(60)
class OpeningHandshakeTest {
    private ClientConnector connector = new ClientConnector();

    @AfterEach
    void closeConnector() {
        connector.close();
    }

    private static Throwable failureOf(CompletableFuture<?> future) throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(20, TimeUnit.SECONDS));
        return e.getCause();
    }

    /** Nothing left behind on the selector: no open registered channel, no attempt or connection. */
    private void assertNothingLive() {
        int[] live = connector.liveChannelsAndHandlers();
        assertEquals(0, live[0], "open registered channels");
        assertEquals(0, live[1], "attempts and connections on the selector");
    }

    /** A server that answers the upgrade request with {@code response} in one write. */
    private static TestServer answering(String response) throws IOException {
        return new TestServer(socket -> {
            String head = TestServer.readHead(socket.getInputStream());
            TestServer.write(socket.getOutputStream(), response.replace("{accept}",
                    TestServer.acceptFor(TestServer.headerValue(head, "Sec-WebSocket-Key"))));
            socket.getInputStream().read(); // until the client closes
        });
    }

    @Test
    void refusalWithABodyShowsStatusHeadersAndTheBytesAfterTheHead() throws Exception {
        try (TestServer server = answering(
                "HTTP/1.1 403 Forbidden\r\nContent-Length: 7\r\nX-Why: no entry\r\n\r\ngo away")) {
            ConnectRequest request = ConnectRequest.builder(server.uri("ws", "/")).build();
            ClientConnection connection = connector.connect(request).get(10, TimeUnit.SECONDS);
            UpgradeResponse response = connection.response();

            assertEquals(403, response.status());
            assertEquals("Forbidden", response.reason());
            assertEquals("no entry", response.header("x-why"));
            ByteBuffer body = response.leftover();
            assertEquals("go away", StandardCharsets.ISO_8859_1.decode(body).toString());
            assertFalse(connection.isUpgraded());
            assertFalse(connection.isOpen(), "a refused connection is closed at once");
            HandshakeException refused = assertThrows(HandshakeException.class,
                    () -> HandshakeValidator.validate(request, response));
            assertEquals("the server answered 403 Forbidden instead of 101 Switching Protocols (RFC 6455 section 4.1)",
                    refused.getMessage());
            assertEquals(403, refused.status());
            IllegalStateException attach = assertThrows(IllegalStateException.class,
                    () -> new RecordingListener().attachTo(connection));
            assertEquals("the server answered 403 Forbidden, not 101 Switching Protocols;"
                    + " there is no WebSocket connection to attach to", attach.getMessage());
            assertNothingLive();
        }
    }

    @Test
    void wrongAcceptValueIsNamedByTheValidator() throws Exception {
        try (TestServer server = answering("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Accept: AAAAAAAAAAAAAAAAAAAAAAAAAAA=\r\n\r\n")) {
            ConnectRequest request = ConnectRequest.builder(server.uri("ws", "/")).build();
            ClientConnection connection = connector.connect(request).get(10, TimeUnit.SECONDS);

            HandshakeException refused = assertThrows(HandshakeException.class,
                    () -> HandshakeValidator.validate(request, connection.response()));
            assertEquals("the 101 response's Sec-WebSocket-Accept is 'AAAAAAAAAAAAAAAAAAAAAAAAAAA='"
                    + " but the key sent calls for '" + TestServer.acceptFor(request.secWebSocketKey())
                    + "' (RFC 6455 section 4.1, point 4)", refused.getMessage());
            assertTrue(connection.isOpen(), "after a 101 the caller decides");
            connection.abort();
            assertFalse(connection.isOpen());
        }
    }

    @Test
    void missingUpgradeHeaderIsNamedByTheValidator() throws Exception {
        try (TestServer server = answering("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: {accept}\r\n\r\n")) {
            ConnectRequest request = ConnectRequest.builder(server.uri("ws", "/")).build();
            ClientConnection connection = connector.connect(request).get(10, TimeUnit.SECONDS);

            HandshakeException refused = assertThrows(HandshakeException.class,
                    () -> HandshakeValidator.validate(request, connection.response()));
            assertEquals("the 101 response has no Upgrade header field (RFC 6455 section 4.1, point 2)",
                    refused.getMessage());
            connection.abort();
        }
    }

    @Test
    void handshakeTimeoutFiresWhenTheServerNeverAnswersAndClosesTheSocket() throws Exception {
        CompletableFuture<Integer> serverReadAfterTimeout = new CompletableFuture<>();
        try (TestServer server = new TestServer(socket -> {
            TestServer.readHead(socket.getInputStream()); // and never answer
            serverReadAfterTimeout.complete(socket.getInputStream().read());
        })) {
            ConnectRequest request = ConnectRequest.builder(server.uri("ws", "/slow"))
                    .handshakeTimeout(Duration.ofMillis(300)).build();
            Throwable failure = failureOf(connector.connect(request));

            assertInstanceOf(HandshakeTimeoutException.class, failure);
            assertInstanceOf(SocketTimeoutException.class, failure);
            assertEquals("handshake timeout of 300 ms expired while waiting for the HTTP response"
                    + " to the upgrade request (" + request.uri() + ")", failure.getMessage());
            assertEquals(-1, serverReadAfterTimeout.get(10, TimeUnit.SECONDS), "the client closed its socket");
            assertNothingLive();
        }
    }

    @Test
    void connectTimeoutCoversAResolverThatDoesNotAnswer() throws Exception {
        // The resolver is the one step before TCP that can be held up deterministically on loopback.
        CountDownLatch release = new CountDownLatch(1);
        connector.close();
        connector = new ClientConnector(1, host -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new UnknownHostException(host);
        });
        try {
            ConnectRequest request = ConnectRequest.builder(URI.create("ws://slow-resolver.test/"))
                    .connectTimeout(Duration.ofMillis(200)).build();
            Throwable failure = failureOf(connector.connect(request));

            assertInstanceOf(ConnectTimeoutException.class, failure);
            assertEquals("connect timeout of 200 ms expired while resolving the host"
                    + " (connecting to slow-resolver.test:80)", failure.getMessage());
            assertNothingLive();
        } finally {
            release.countDown();
        }
    }

    @Test
    void connectTimeoutCoversATcpConnectThatGetsNoAnswer() throws Exception {
        // Linux drops SYNs to a listener whose accept queue is full, so connect() hangs. The probe
        // below checks that this kernel does so; elsewhere the test is skipped, not passed.
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            List<Socket> queued = new ArrayList<>();
            try {
                boolean full = false;
                for (int i = 0; i < 64 && !full; i++) {
                    Socket probe = new Socket();
                    try {
                        probe.connect(listener.getLocalSocketAddress(), 300);
                        queued.add(probe);
                    } catch (SocketTimeoutException hangs) {
                        probe.close();
                        full = true;
                    }
                }
                Assumptions.assumeTrue(full, "this kernel does not leave connects to a full accept queue unanswered");

                URI uri = URI.create("ws://127.0.0.1:" + listener.getLocalPort() + "/");
                ConnectRequest request = ConnectRequest.builder(uri).connectTimeout(Duration.ofMillis(200)).build();
                Throwable failure = failureOf(connector.connect(request));

                assertInstanceOf(ConnectTimeoutException.class, failure);
                assertEquals("connect timeout of 200 ms expired while opening the TCP connection"
                        + " (connecting to 127.0.0.1:" + listener.getLocalPort() + ")", failure.getMessage());
                assertNothingLive();
            } finally {
                for (Socket socket : queued) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void refusedTcpConnectionFailsTheFuture() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = probe.getLocalPort();
        }
        Throwable failure = failureOf(connector.connect(
                ConnectRequest.builder(URI.create("ws://127.0.0.1:" + closedPort + "/")).build()));
        assertInstanceOf(ConnectException.class, failure);
        assertNothingLive();
    }

    @Test
    void serverClosingBeforeAnsweringIsAnEndOfStream() throws Exception {
        try (TestServer server = new TestServer(socket -> TestServer.readHead(socket.getInputStream()))) {
            Throwable failure = failureOf(connector.connect(ConnectRequest.builder(server.uri("ws", "/")).build()));
            assertInstanceOf(EOFException.class, failure);
            assertEquals("the server closed the connection before answering the upgrade request", failure.getMessage());
            assertNothingLive();
        }
    }

    @Test
    void responseHeadLongerThanTheBoundFails() throws Exception {
        String longField = "X-Long: " + "x".repeat(70 * 1024) + "\r\n";
        String response = "HTTP/1.1 101 Switching Protocols\r\n" + longField + "\r\n";
        try (TestServer server = answering(response).expectingFailures()) {
            Throwable failure = failureOf(connector.connect(ConnectRequest.builder(server.uri("ws", "/")).build()));
            assertInstanceOf(IOException.class, failure);
            assertEquals("the HTTP response head is longer than 65536 bytes", failure.getMessage());
            assertNothingLive();
        }
    }

    @Test
    void cancellingTheFutureAbandonsTheAttemptAndClosesTheSocket() throws Exception {
        CountDownLatch requestRead = new CountDownLatch(1);
        CompletableFuture<Integer> serverReadAfterCancel = new CompletableFuture<>();
        try (TestServer server = new TestServer(socket -> {
            InputStream in = socket.getInputStream();
            TestServer.readHead(in);
            requestRead.countDown();
            serverReadAfterCancel.complete(in.read());
        })) {
            CompletableFuture<ClientConnection> future =
                    connector.connect(ConnectRequest.builder(server.uri("ws", "/")).build());
            assertTrue(requestRead.await(10, TimeUnit.SECONDS));
            assertTrue(future.cancel(false));
            assertEquals(-1, serverReadAfterCancel.get(10, TimeUnit.SECONDS));
            assertNothingLive();
        }
    }

    @Test
    void connectAfterCloseFails() throws Exception {
        connector.close();
        ConnectRequest request = ConnectRequest.builder(URI.create("ws://127.0.0.1:1/")).build();
        Throwable failure = failureOf(connector.connect(request));
        assertEquals("the client connector is closed", failure.getMessage());
    }
}
