package dev.duplex.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.ClientEndpointConfig;
import dev.duplex.engine.handshake.WebSocketKey;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Network failures are IOExceptions (WebSocketContainer javadoc); the timeouts come from {@link ClientProperties}. */
@Timeout(60)
class ClientTimeoutsTest {
    private final DuplexWebSocketContainer container = DuplexWebSocketContainer.create();

    @AfterEach
    void stop() {
        assertEquals(0, container.liveConnections());
        container.stop();
    }

    private static ClientEndpointConfig with(String property, Object value) {
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create().build();
        config.getUserProperties().put(property, value);
        return config;
    }

    @Test
    void handshakeTimeoutPropertyLimitsAServerThatNeverAnswers() throws Exception {
        // The kernel completes the TCP handshake into the backlog; nobody ever reads the request.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            URI uri = URI.create("ws://127.0.0.1:" + silent.getLocalPort() + "/");
            IOException failure = assertThrows(IOException.class, () -> container.connectToServer(
                    new RecordingClient(), with(ClientProperties.HANDSHAKE_TIMEOUT, Duration.ofMillis(300)), uri));
            assertInstanceOf(SocketTimeoutException.class, failure);
            assertTrue(failure.getMessage().contains("handshake timeout of 300 ms"), failure.getMessage());
        }
    }

    @Test
    void closeTimeoutPropertyDropsAServerThatNeverAnswersTheClose() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> {
                try {
                    Socket server = listener.accept();
                    String head = requestHead(server.getInputStream());
                    Matcher key = Pattern.compile("(?im)^Sec-WebSocket-Key:\\s*(\\S+)").matcher(head);
                    assertTrue(key.find(), head);
                    server.getOutputStream().write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                            + "Connection: Upgrade\r\nSec-WebSocket-Accept: " + WebSocketKey.acceptFor(key.group(1))
                            + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    return server; // reads nothing more: the close frame stays unanswered
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            RecordingClient client = new RecordingClient();
            URI uri = URI.create("ws://127.0.0.1:" + listener.getLocalPort() + "/");
            jakarta.websocket.Session session = container.connectToServer(client,
                    with(ClientProperties.CLOSE_TIMEOUT, Duration.ofMillis(300)), uri);
            try (Socket server = accepted.get(10, TimeUnit.SECONDS)) {
                session.close();
                assertEquals(1006, client.closed.get(10, TimeUnit.SECONDS).getCloseCode().getCode());
            }
        }
    }

    @Test
    void connectTimeoutPropertyLimitsATcpConnectThatGetsNoAnswer() throws Exception {
        // Linux drops SYNs to a listener whose accept queue is full, so connect() hangs; elsewhere: skipped.
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
                IOException failure = assertThrows(IOException.class, () -> container.connectToServer(
                        new RecordingClient(), with(ClientProperties.CONNECT_TIMEOUT, "200"), uri));
                assertInstanceOf(SocketTimeoutException.class, failure);
                assertTrue(failure.getMessage().contains("connect timeout of 200 ms"), failure.getMessage());
            } finally {
                for (Socket socket : queued) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void refusedTcpConnectionIsAnIOException() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = probe.getLocalPort();
        }
        URI uri = URI.create("ws://127.0.0.1:" + closedPort + "/");
        assertThrows(ConnectException.class, () -> container.connectToServer(new RecordingClient(), uri));
    }

    private static String requestHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.indexOf("\r\n\r\n") < 0) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("the request head ended early: " + head);
            }
            head.append((char) c);
        }
        return head.toString();
    }
}
