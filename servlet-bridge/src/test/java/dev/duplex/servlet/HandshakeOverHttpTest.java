package dev.duplex.servlet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.servlet.jetty.DuplexJetty;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The opening handshake as plain HTTP: every refusal with its status (RFC 6455 section 4.2.1 and
 * 4.4, Jakarta WebSocket 2.2 section 3.1.4 for the origin), and requests that are none of Duplex's
 * business reaching the application's servlet untouched.
 */
class HandshakeOverHttpTest {
    /** RFC 6455 section 1.3: the accept value for the sample key {@code dGhlIHNhbXBsZSBub25jZQ==}. */
    private static final String SAMPLE_ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    /** Accepts every origin but one. */
    public static class OriginCheck extends ServerEndpointConfig.Configurator {
        @Override
        public boolean checkOrigin(String originHeaderValue) {
            return !"http://evil.example".equals(originHeaderValue);
        }
    }

    @ServerEndpoint(value = "/guarded", configurator = OriginCheck.class)
    public static class Guarded {
    }

    /** Answers every request that reaches it with 200 and what it saw. */
    public static class Fallback extends HttpServlet {
        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            byte[] body = ("servlet saw " + request.getMethod() + " " + request.getRequestURI()).getBytes(StandardCharsets.UTF_8);
            response.setStatus(200);
            response.setContentType("text/plain");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }
    }

    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(context -> {
            context.addServlet(new ServletHolder(new Fallback()), "/*");
            DuplexJetty.enable(context, container -> {
                container.addEndpoint(TestEndpoints.Echo.class);
                container.addEndpoint(Guarded.class);
            });
        });
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static RawHttp.Response send(String requestHead) throws IOException {
        return RawHttp.exchange(server.port(), requestHead);
    }

    @Test
    void validHandshakeIsAnsweredWith101AndTheAcceptKey() throws Exception {
        RawHttp.Response response = send(RawHttp.validHandshake("/echo"));
        assertEquals(101, response.status());
        assertEquals("websocket", response.header("Upgrade").toLowerCase());
        assertEquals("upgrade", response.header("Connection").toLowerCase());
        assertEquals(SAMPLE_ACCEPT, response.header("Sec-WebSocket-Accept"));
        assertNull(response.header("Sec-WebSocket-Protocol"));
    }

    @Test
    void versionOtherThan13IsRefusedWith426NamingVersion13() throws Exception {
        RawHttp.Response response = send(RawHttp.handshake("GET", "/echo", "Upgrade: websocket",
                "Connection: Upgrade", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 8"));
        assertEquals(426, response.status());
        assertEquals("13", response.header("Sec-WebSocket-Version"));
    }

    @Test
    void missingVersionIsRefusedWith426() throws Exception {
        RawHttp.Response response = send(RawHttp.handshake("GET", "/echo", "Upgrade: websocket",
                "Connection: Upgrade", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=="));
        assertEquals(426, response.status());
        assertEquals("13", response.header("Sec-WebSocket-Version"));
    }

    @Test
    void missingKeyIsRefusedWith400() throws Exception {
        RawHttp.Response response = send(RawHttp.handshake("GET", "/echo", "Upgrade: websocket",
                "Connection: Upgrade", "Sec-WebSocket-Version: 13"));
        assertEquals(400, response.status());
        assertTrue(response.body().contains("Sec-WebSocket-Key"), response.body());
    }

    @Test
    void keyThatIsNotSixteenBase64BytesIsRefusedWith400() throws Exception {
        RawHttp.Response response = send(RawHttp.handshake("GET", "/echo", "Upgrade: websocket",
                "Connection: Upgrade", "Sec-WebSocket-Key: c2hvcnQ=", "Sec-WebSocket-Version: 13"));
        assertEquals(400, response.status());
    }

    @Test
    void postIsRefusedWith405AllowingGet() throws Exception {
        RawHttp.Response response = send(RawHttp.handshake("POST", "/echo", "Upgrade: websocket",
                "Connection: Upgrade", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13",
                "Content-Length: 0"));
        assertEquals(405, response.status());
        assertEquals("GET", response.header("Allow"));
    }

    /**
     * 400 either way: Jetty's connector refuses an Upgrade header without "Connection: Upgrade"
     * itself, before any filter runs; on containers that let it through, ServerHandshake answers 400.
     */
    @Test
    void upgradeWithoutConnectionUpgradeIsRefusedWith400() throws Exception {
        RawHttp.Response response = send(RawHttp.handshake("GET", "/echo", "Upgrade: websocket",
                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13"));
        assertEquals(400, response.status());
    }

    @Test
    void connectionUpgradeWithoutWebSocketInUpgradeHeaderPassesToTheServlet() throws Exception {
        RawHttp.Response response = send(RawHttp.handshake("GET", "/echo", "Upgrade: foo/2",
                "Connection: Upgrade, close", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
                "Sec-WebSocket-Version: 13"));
        assertEquals(200, response.status());
    }

    @Test
    void refusedOriginIsAnsweredWith403() throws Exception {
        RawHttp.Response response = send(RawHttp.validHandshake("/guarded", "Origin: http://evil.example"));
        assertEquals(403, response.status());
    }

    @Test
    void acceptedOriginIsUpgraded() throws Exception {
        RawHttp.Response response = send(RawHttp.validHandshake("/guarded", "Origin: http://good.example"));
        assertEquals(101, response.status());
    }

    /** Without an Upgrade header mentioning websocket the request is plain HTTP, even on an endpoint's path. */
    @Test
    void plainGetOnAnEndpointPathPassesToTheServlet() throws Exception {
        RawHttp.Response response = send(RawHttp.handshake("GET", "/echo", "Connection: close"));
        assertEquals(200, response.status());
        assertEquals("servlet saw GET /echo", response.body());
    }

    @Test
    void handshakeHeadersWithoutUpgradePassToTheServlet() throws Exception {
        RawHttp.Response response = send(RawHttp.handshake("GET", "/echo", "Connection: close",
                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13"));
        assertEquals(200, response.status());
    }

    @Test
    void upgradeToAnotherProtocolPassesToTheServlet() throws Exception {
        RawHttp.Response response = send(RawHttp.handshake("GET", "/echo", "Upgrade: foo/2",
                "Connection: Upgrade, close"));
        assertEquals(200, response.status());
        assertEquals("servlet saw GET /echo", response.body());
    }

    @Test
    void handshakeForAPathWithoutEndpointPassesToTheServlet() throws Exception {
        RawHttp.Response response = send(RawHttp.validHandshake("/no-endpoint-here", "Connection: close"));
        assertEquals(200, response.status());
        assertEquals("servlet saw GET /no-endpoint-here", response.body());
    }

    /** What browsers send: no Content-Length. Jetty 12.1 needs JettyTunnelInput for this one. */
    @Test
    void framesAfterAHandshakeWithoutContentLengthAreRead() throws Exception {
        assertArrayEquals(new byte[] {(byte) 0x81, 2, 'h', 'i'}, echoOverRawSocket(""));
    }

    @Test
    void framesAfterAHandshakeWithContentLengthZeroAreRead() throws Exception {
        assertArrayEquals(new byte[] {(byte) 0x81, 2, 'h', 'i'}, echoOverRawSocket("Content-Length: 0\r\n"));
    }

    /** Sends a masked text frame "hi" after the handshake and returns the first 4 bytes of the answer. */
    private static byte[] echoOverRawSocket(String extraHeader) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 20_000);
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write((RawHttp.validHandshake("/echo") + extraHeader + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int c = in.read();
                if (c < 0) {
                    throw new IOException("the connection ended in the response head: " + head);
                }
                head.append((char) c);
            }
            assertTrue(head.toString().startsWith("HTTP/1.1 101"), head.toString());
            byte[] mask = {1, 2, 3, 4};
            out.write(new byte[] {(byte) 0x81, (byte) 0x82, mask[0], mask[1], mask[2], mask[3],
                (byte) ('h' ^ mask[0]), (byte) ('i' ^ mask[1])});
            out.flush();
            return in.readNBytes(4);
        }
    }
}
