package dev.duplex.client.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.engine.ClosePayload;
import dev.duplex.engine.CloseStatus;
import dev.duplex.engine.WebSocketConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Tunnels through an HTTP proxy with CONNECT (RFC 9110 section 9.3.6), against a tiny relaying proxy. */
@Timeout(60)
class ProxyTest {
    private final ClientConnector connector = new ClientConnector();

    @AfterEach
    void closeConnector() {
        connector.close();
    }

    /** A proxy that answers CONNECT with 200 and relays bytes both ways; it records the request head. */
    private static TestServer relayingProxy(CompletableFuture<String> connectHead) throws IOException {
        return new TestServer(client -> {
            String head = TestServer.readHead(client.getInputStream());
            connectHead.complete(head);
            String authority = head.substring("CONNECT ".length(), head.indexOf(" HTTP/1.1"));
            int colon = authority.lastIndexOf(':');
            String host = authority.substring(0, colon);
            try (Socket server = new Socket(host, Integer.parseInt(authority.substring(colon + 1)))) {
                TestServer.write(client.getOutputStream(), "HTTP/1.1 200 Connection established\r\n\r\n");
                Thread upstream = new Thread(() -> relay(client, server), "test-proxy-upstream");
                upstream.setDaemon(true);
                upstream.start();
                relay(server, client);
                upstream.join(10_000);
            }
        });
    }

    private static void relay(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] chunk = new byte[16 * 1024];
            int read;
            while ((read = in.read(chunk)) >= 0) {
                out.write(chunk, 0, read);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException ended) {
            // one side went away; the other relay ends with it
        }
    }

    private static TestServer echoServer() throws IOException {
        return new TestServer(socket -> {
            TestServer.acceptUpgrade(socket);
            new ServerFrames(socket.getInputStream(), socket.getOutputStream()).echoUntilClose();
        });
    }

    private static void assertEcho(ClientConnection connection) throws Exception {
        RecordingListener listener = new RecordingListener();
        WebSocketConnection engine = listener.attachTo(connection);
        engine.sendText(ByteBuffer.wrap("through the tunnel".getBytes(StandardCharsets.UTF_8)), true, new Callbacks());
        assertEquals("through the tunnel", listener.messages.poll(20, TimeUnit.SECONDS).text());
        engine.close(new ClosePayload(CloseStatus.NORMAL_CLOSURE, ""), new Callbacks());
        assertEquals(CloseStatus.NORMAL_CLOSURE, listener.closed.get(20, TimeUnit.SECONDS).code());
    }

    @Test
    void wsGoesThroughTheTunnelAfterConnectToTheServersHostAndPort() throws Exception {
        CompletableFuture<String> connectHead = new CompletableFuture<>();
        try (TestServer server = echoServer(); TestServer proxy = relayingProxy(connectHead)) {
            ConnectRequest request = ConnectRequest.builder(server.uri("ws", "/via-proxy"))
                    .proxy(new InetSocketAddress("127.0.0.1", proxy.port()))
                    .proxyHeader("Proxy-Authorization", "Basic dGVzdDp0ZXN0")
                    .build();
            ClientConnection connection = connector.connect(request).get(20, TimeUnit.SECONDS);
            HandshakeValidator.validate(request, connection.response());

            List<String> lines = List.of(connectHead.get(10, TimeUnit.SECONDS).split("\r\n"));
            assertEquals("CONNECT 127.0.0.1:" + server.port() + " HTTP/1.1", lines.get(0));
            assertTrue(lines.contains("Host: 127.0.0.1:" + server.port()), lines.toString());
            assertTrue(lines.contains("Proxy-Authorization: Basic dGVzdDp0ZXN0"), lines.toString());
            assertEquals(new InetSocketAddress("127.0.0.1", proxy.port()), connection.remoteAddress());
            assertEcho(connection);
        }
    }

    @Test
    void wssRunsTlsInsideTheTunnel(@TempDir Path keys) throws Exception {
        TestCertificates certificate = TestCertificates.create(keys, "tunnel", "127.0.0.1", "ip:127.0.0.1");
        SSLServerSocket tlsSocket = (SSLServerSocket) certificate.serverContext().getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        CompletableFuture<String> connectHead = new CompletableFuture<>();
        try (TestServer server = new TestServer(tlsSocket, socket -> {
            TestServer.acceptUpgrade(socket);
            new ServerFrames(socket.getInputStream(), socket.getOutputStream()).echoUntilClose();
        }); TestServer proxy = relayingProxy(connectHead)) {
            ConnectRequest request = ConnectRequest.builder(server.uri("wss", "/"))
                    .proxy(new InetSocketAddress("127.0.0.1", proxy.port()))
                    .sslContext(certificate.trustingContext())
                    .build();
            ClientConnection connection = connector.connect(request).get(20, TimeUnit.SECONDS);
            HandshakeValidator.validate(request, connection.response());
            assertEquals("CONNECT 127.0.0.1:" + server.port() + " HTTP/1.1", connectHead.get().split("\r\n")[0]);
            assertEcho(connection);
        }
    }

    @Test
    void proxyRefusingTheTunnelFailsWithItsStatus() throws Exception {
        try (TestServer proxy = new TestServer(client -> {
            TestServer.readHead(client.getInputStream());
            TestServer.write(client.getOutputStream(), "HTTP/1.1 407 Proxy Authentication Required\r\n"
                    + "Proxy-Authenticate: Basic realm=\"test\"\r\nContent-Length: 0\r\n\r\n");
            client.getInputStream().read();
        })) {
            ConnectRequest request = ConnectRequest.builder(URI.create("ws://server.test:8080/"))
                    .proxy(new InetSocketAddress("127.0.0.1", proxy.port()))
                    .build();
            ExecutionException failure = assertThrows(ExecutionException.class,
                    () -> connector.connect(request).get(20, TimeUnit.SECONDS));

            ProxyConnectException refused = assertInstanceOf(ProxyConnectException.class, failure.getCause());
            assertEquals("the proxy 127.0.0.1:" + proxy.port() + " refused to open a tunnel to server.test:8080:"
                    + " 407 Proxy Authentication Required", refused.getMessage());
            assertEquals(407, refused.status());
            assertEquals(List.of("Basic realm=\"test\""), refused.headers().get("proxy-authenticate"));
            int[] live = connector.liveChannelsAndHandlers();
            assertEquals(0, live[0] + live[1]);
        }
    }
}
