package dev.duplex.client.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.engine.ClosePayload;
import dev.duplex.engine.CloseStatus;
import dev.duplex.engine.WebSocketConnection;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** wss: TLS over the selector transport against a blocking TLS server, with certificates made for the run. */
@Timeout(60)
class TlsTest {
    @TempDir
    static Path keys;
    /** Names 127.0.0.1, the address the tests connect to. */
    static TestCertificates forAddress;
    /** Names only other.test. */
    static TestCertificates forOtherName;

    private final ClientConnector connector = new ClientConnector();

    @BeforeAll
    static void makeCertificates() throws Exception {
        forAddress = TestCertificates.create(keys, "address", "127.0.0.1", "ip:127.0.0.1");
        forOtherName = TestCertificates.create(keys, "other", "other.test", "dns:other.test");
    }

    @AfterEach
    void closeConnector() {
        connector.close();
    }

    /**
     * A TLS echo server; {@code protocol} limits it to one TLS version, or null for the defaults. After the close
     * handshake it closes first, as RFC 6455 section 7.1.1 asks of servers, sending its close_notify.
     */
    private static TestServer echoServer(TestCertificates certificate, String protocol,
            CompletableFuture<Boolean> closedFirst) throws Exception {
        return echoServer(certificate, protocol, conversation -> {
            conversation.close();
            closedFirst.complete(true);
        });
    }

    /** A TLS echo server that does {@code afterClose} with the connection once the close frames are exchanged. */
    private static TestServer echoServer(TestCertificates certificate, String protocol,
            TestServer.Conversation afterClose) throws Exception {
        SSLServerSocket socket = (SSLServerSocket) certificate.serverContext().getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        if (protocol != null) {
            socket.setEnabledProtocols(new String[] {protocol});
        }
        return new TestServer(socket, conversation -> {
            TestServer.acceptUpgrade(conversation);
            ServerFrames frames = new ServerFrames(conversation.getInputStream(), conversation.getOutputStream());
            frames.echoUntilClose();
            afterClose.run(conversation);
        });
    }

    private void echoOverTls(String protocol) throws Exception {
        CompletableFuture<Boolean> serverClosed = new CompletableFuture<>();
        try (TestServer server = echoServer(forAddress, protocol, serverClosed)) {
            ConnectRequest request = ConnectRequest.builder(server.uri("wss", "/secure"))
                    .sslContext(forAddress.trustingContext()).build();
            ClientConnection connection = connector.connect(request).get(20, TimeUnit.SECONDS);
            HandshakeValidator.validate(request, connection.response());
            if (protocol != null) {
                assertEquals(protocol, connection.sslSession().getProtocol());
            }
            RecordingListener listener = new RecordingListener();
            WebSocketConnection engine = listener.attachTo(connection);

            byte[] large = new byte[3 * 1024 * 1024 + 5];
            new Random(7).nextBytes(large);
            engine.sendText(ByteBuffer.wrap("über TLS".getBytes(StandardCharsets.UTF_8)), true, new Callbacks());
            engine.sendBinary(ByteBuffer.wrap(large), true, new Callbacks());
            assertEquals("über TLS", listener.messages.poll(20, TimeUnit.SECONDS).text());
            assertArrayEquals(large, listener.messages.poll(30, TimeUnit.SECONDS).binary());

            engine.close(new ClosePayload(CloseStatus.NORMAL_CLOSURE, ""), new Callbacks());
            assertEquals(CloseStatus.NORMAL_CLOSURE, listener.closed.get(20, TimeUnit.SECONDS).code());
            assertTrue(serverClosed.get(20, TimeUnit.SECONDS));
            connection.whenEnded().toCompletableFuture().get(20, TimeUnit.SECONDS);
            assertTrue(listener.failures.isEmpty(), listener.failures.toString());
        }
    }

    @Test
    void whenTheServerDoesNotCloseAfterTheCloseHandshakeTheClientSendsItsCloseNotifyAndCloses() throws Exception {
        CompletableFuture<Boolean> serverSawCloseNotify = new CompletableFuture<>();
        // SSLSocket reports the end of stream only after a close_notify; without one it throws.
        try (TestServer server = echoServer(forAddress, null,
                conversation -> serverSawCloseNotify.complete(conversation.getInputStream().read() < 0))) {
            ConnectRequest request = ConnectRequest.builder(server.uri("wss", "/secure"))
                    .sslContext(forAddress.trustingContext()).build();
            ClientConnection connection = connector.connect(request).get(20, TimeUnit.SECONDS);
            HandshakeValidator.validate(request, connection.response());
            connection.serverCloseWait(TimeUnit.MILLISECONDS.toNanos(50));
            RecordingListener listener = new RecordingListener();
            WebSocketConnection engine = listener.attachTo(connection);

            engine.close(new ClosePayload(CloseStatus.NORMAL_CLOSURE, ""), new Callbacks());
            assertEquals(CloseStatus.NORMAL_CLOSURE, listener.closed.get(20, TimeUnit.SECONDS).code());
            assertTrue(serverSawCloseNotify.get(20, TimeUnit.SECONDS));
            connection.whenEnded().toCompletableFuture().get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void wssEchoesWithHostnameVerificationAgainstACertificateForTheAddress() throws Exception {
        echoOverTls(null);
    }

    @Test
    void wssEchoesOverTls13() throws Exception {
        echoOverTls("TLSv1.3");
    }

    @Test
    void wssEchoesOverTls12() throws Exception {
        echoOverTls("TLSv1.2");
    }

    @Test
    void pausedReadingOverTlsResumesWithTheRecordsAlreadyReceived() throws Exception {
        int count = 50;
        SSLServerSocket socket = (SSLServerSocket) forAddress.serverContext().getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        try (TestServer server = new TestServer(socket, conversation -> {
            String head = TestServer.readHead(conversation.getInputStream());
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            all.writeBytes(TestServer.switchingProtocols(head).getBytes(StandardCharsets.ISO_8859_1));
            for (int i = 0; i < count; i++) {
                String text = i + ":" + "y".repeat(1000);
                all.writeBytes(ServerFrames.encode(true, dev.duplex.engine.OpCode.TEXT,
                        ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8))));
            }
            conversation.getOutputStream().write(all.toByteArray()); // one write: several TLS records
            new ServerFrames(conversation.getInputStream(), conversation.getOutputStream()).echoUntilClose();
        })) {
            ConnectRequest request = ConnectRequest.builder(server.uri("wss", "/"))
                    .sslContext(forAddress.trustingContext()).build();
            ClientConnection connection = connector.connect(request).get(20, TimeUnit.SECONDS);
            RecordingListener listener = new RecordingListener();
            WebSocketConnection engine = listener.engineFor(connection);
            listener.onMessage = message -> {
                if (message.text().startsWith("0:")) {
                    engine.pauseReading();
                }
            };
            connection.attach(engine);

            assertTrue(listener.messages.poll(20, TimeUnit.SECONDS).text().startsWith("0:"));
            assertTrue(engine.isReadingPaused());
            engine.resumeReading();
            for (int i = 1; i < count; i++) {
                assertTrue(listener.messages.poll(20, TimeUnit.SECONDS).text().startsWith(i + ":"), "message " + i);
            }
            connection.abort();
        }
    }

    @Test
    void certificateForAnotherNameFailsWhileHostnameVerificationIsOn() throws Exception {
        try (TestServer server = echoServer(forOtherName, null, new CompletableFuture<>()).expectingFailures()) {
            ConnectRequest request = ConnectRequest.builder(server.uri("wss", "/"))
                    .sslContext(forOtherName.trustingContext()).build();
            ExecutionException failure = assertThrows(ExecutionException.class,
                    () -> connector.connect(request).get(20, TimeUnit.SECONDS));

            SSLHandshakeException cause = assertInstanceOf(SSLHandshakeException.class, failure.getCause());
            String message = cause.getMessage();
            assertTrue(message.startsWith("TLS handshake with 127.0.0.1:" + server.port() + " failed: "), message);
            assertTrue(message.contains("No subject alternative names matching IP address 127.0.0.1"), message);
            int[] live = connector.liveChannelsAndHandlers();
            assertEquals(0, live[0] + live[1]);
        }
    }

    @Test
    void certificateForAnotherNameIsAcceptedWithHostnameVerificationOff() throws Exception {
        try (TestServer server = echoServer(forOtherName, null, new CompletableFuture<>())) {
            ConnectRequest request = ConnectRequest.builder(server.uri("wss", "/"))
                    .sslContext(forOtherName.trustingContext()).hostnameVerification(false).build();
            ClientConnection connection = connector.connect(request).get(20, TimeUnit.SECONDS);
            HandshakeValidator.validate(request, connection.response());
            RecordingListener listener = new RecordingListener();
            WebSocketConnection engine = listener.attachTo(connection);
            engine.sendText(ByteBuffer.wrap("trusted anyway".getBytes(StandardCharsets.UTF_8)), true, new Callbacks());
            assertEquals("trusted anyway", listener.messages.poll(20, TimeUnit.SECONDS).text());
            engine.close(new ClosePayload(CloseStatus.NORMAL_CLOSURE, ""), new Callbacks());
            listener.closed.get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void certificateTheClientDoesNotTrustFailsTheHandshake() throws Exception {
        try (TestServer server = echoServer(forAddress, null, new CompletableFuture<>()).expectingFailures()) {
            // Trusts only the other certificate: the server's is unknown to it.
            SSLContext wrongTrust = forOtherName.trustingContext();
            ConnectRequest request = ConnectRequest.builder(server.uri("wss", "/")).sslContext(wrongTrust).build();
            ExecutionException failure = assertThrows(ExecutionException.class,
                    () -> connector.connect(request).get(20, TimeUnit.SECONDS));
            SSLHandshakeException cause = assertInstanceOf(SSLHandshakeException.class, failure.getCause());
            assertTrue(cause.getMessage().contains("PKIX path building failed"), cause.getMessage());
        }
    }
}
