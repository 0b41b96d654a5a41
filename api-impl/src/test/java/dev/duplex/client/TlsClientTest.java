package dev.duplex.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.client.transport.TestCertificates;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Session;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** wss against Jetty's TLS server, with self-signed certificates made for the run, through {@link ClientProperties}. */
@Timeout(60)
class TlsClientTest {
    @TempDir
    static Path keys;
    /** Names 127.0.0.1, the address the tests connect to. */
    static TestCertificates forAddress;
    /** Names only other.test. */
    static TestCertificates forOtherName;

    private final DuplexWebSocketContainer container = DuplexWebSocketContainer.create();
    private JettyTestServer server;

    @BeforeAll
    static void makeCertificates() throws Exception {
        forAddress = TestCertificates.create(keys, "address", "127.0.0.1", "ip:127.0.0.1");
        forOtherName = TestCertificates.create(keys, "other", "other.test", "dns:other.test");
    }

    @AfterEach
    void stop() throws Exception {
        container.stop();
        if (server != null) {
            server.close();
        }
    }

    private static ClientEndpointConfig trusting(TestCertificates certificate) throws Exception {
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create().build();
        config.getUserProperties().put(ClientProperties.SSL_CONTEXT, certificate.trustingContext());
        return config;
    }

    @Test
    void wssEchoesWithTheSslContextProperty() throws Exception {
        server = JettyTestServer.tls(forAddress.serverContext());
        RecordingClient client = new RecordingClient();
        Session session = container.connectToServer(client, trusting(forAddress), server.uri("/echo"));
        assertTrue(session.isSecure());
        assertEquals("wss", session.getRequestURI().getScheme());
        session.getBasicRemote().sendText("over TLS");
        assertEquals("over TLS", client.nextText());
        session.close();
        assertEquals(1000, client.closeReason().getCloseCode().getCode());
    }

    @Test
    void certificateTheJvmDoesNotTrustIsANetworkFailure() throws Exception {
        server = JettyTestServer.tls(forAddress.serverContext());
        IOException failure = assertThrows(IOException.class, () -> container.connectToServer(new RecordingClient(),
                ClientEndpointConfig.Builder.create().build(), server.uri("/echo")));
        assertTrue(failure instanceof SSLException, failure.toString());
        assertEquals(0, container.liveConnections());
    }

    @Test
    void hostnameVerificationIsOnUnlessThePropertyTurnsItOff() throws Exception {
        server = JettyTestServer.tls(forOtherName.serverContext());
        ClientEndpointConfig verifying = trusting(forOtherName);
        assertThrows(SSLException.class,
                () -> container.connectToServer(new RecordingClient(), verifying, server.uri("/echo")));

        ClientEndpointConfig notVerifying = trusting(forOtherName);
        notVerifying.getUserProperties().put(ClientProperties.HOSTNAME_VERIFICATION, false);
        RecordingClient client = new RecordingClient();
        Session session = container.connectToServer(client, notVerifying, server.uri("/echo"));
        session.getBasicRemote().sendText("trusting a certificate for another name");
        assertEquals("trusting a certificate for another name", client.nextText());
        session.close();
    }

    private URI redirectingTo(String location) {
        return server.uri("/redirect?to=" + URLEncoder.encode(location, StandardCharsets.UTF_8));
    }

    /** RFC 6455 section 10.6: a redirect may not take TLS away; refused before anything is connected. */
    @Test
    void aRedirectFromWssToWsIsRefusedBeforeConnecting() throws Exception {
        server = JettyTestServer.tls(forAddress.serverContext());
        try (ServerSocketChannel plain = ServerSocketChannel.open()) {
            plain.bind(new InetSocketAddress("127.0.0.1", 0));
            plain.configureBlocking(false);
            String location = "ws://127.0.0.1:" + ((InetSocketAddress) plain.getLocalAddress()).getPort() + "/echo";
            DeploymentException refused = assertThrows(DeploymentException.class,
                    () -> container.connectToServer(new RecordingClient(), trusting(forAddress), redirectingTo(location)));
            assertTrue(refused.getMessage().contains("wss to ws") && refused.getMessage().contains(location),
                    refused.getMessage());
            assertNull(plain.accept(), "nothing connected to the plain server");
        }
        assertEquals(0, container.liveConnections());
    }

    /** An https Location is taken as wss, and the configuration's TLS settings apply to the new hop too. */
    @Test
    void aRedirectToHttpsIsFollowedAsWssWithTheSameTlsSettings() throws Exception {
        server = JettyTestServer.tls(forAddress.serverContext());
        String location = server.uri("/echo").toString().replace("wss://", "https://");
        RecordingClient client = new RecordingClient();
        Session session = container.connectToServer(client, trusting(forAddress), redirectingTo(location));
        assertEquals(server.uri("/echo"), session.getRequestURI());
        assertTrue(session.isSecure());
        session.getBasicRemote().sendText("after the redirect");
        assertEquals("after the redirect", client.nextText());
        session.close();
    }
}
