package dev.duplex.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.ClientEndpointConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
}
