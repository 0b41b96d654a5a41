package dev.duplex.servlet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.servlet.ServerUnderTest.Container;
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
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The opening handshake as plain HTTP: every refusal with its status (RFC 6455 section 4.2.1 and
 * 4.4, Jakarta WebSocket 2.2 section 3.1.4 for the origin), and requests that are none of Duplex's
 * business reaching the application's servlet untouched. On Jetty and on Tomcat.
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

    private static final Map<Container, ServerUnderTest> SERVERS = new EnumMap<>(Container.class);

    /** The container's server, started on first use and shared by the class's tests. */
    private static ServerUnderTest server(Container container) throws Exception {
        ServerUnderTest server = SERVERS.get(container);
        if (server == null) {
            server = ServerUnderTest.start(container,
                    context -> context.addServlet("fallback", new Fallback()).addMapping("/*"),
                    deploy -> {
                        deploy.addEndpoint(TestEndpoints.Echo.class);
                        deploy.addEndpoint(Guarded.class);
                    });
            SERVERS.put(container, server);
        }
        return server;
    }

    @AfterAll
    static void stop() throws Exception {
        for (ServerUnderTest server : SERVERS.values()) {
            server.close();
        }
        SERVERS.clear();
    }

    private static RawHttp.Response send(Container container, String requestHead) throws Exception {
        return RawHttp.exchange(server(container).port(), requestHead);
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void validHandshakeIsAnsweredWith101AndTheAcceptKey(Container container) throws Exception {
        RawHttp.Response response = send(container, RawHttp.validHandshake("/echo"));
        assertEquals(101, response.status());
        assertEquals("websocket", response.header("Upgrade").toLowerCase());
        assertEquals("upgrade", response.header("Connection").toLowerCase());
        assertEquals(SAMPLE_ACCEPT, response.header("Sec-WebSocket-Accept"));
        assertNull(response.header("Sec-WebSocket-Protocol"));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void versionOtherThan13IsRefusedWith426NamingVersion13(Container container) throws Exception {
        RawHttp.Response response = send(container, RawHttp.handshake("GET", "/echo", "Upgrade: websocket",
                "Connection: Upgrade", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 8"));
        assertEquals(426, response.status());
        assertEquals("13", response.header("Sec-WebSocket-Version"));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void missingVersionIsRefusedWith426(Container container) throws Exception {
        RawHttp.Response response = send(container, RawHttp.handshake("GET", "/echo", "Upgrade: websocket",
                "Connection: Upgrade", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=="));
        assertEquals(426, response.status());
        assertEquals("13", response.header("Sec-WebSocket-Version"));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void missingKeyIsRefusedWith400(Container container) throws Exception {
        RawHttp.Response response = send(container, RawHttp.handshake("GET", "/echo", "Upgrade: websocket",
                "Connection: Upgrade", "Sec-WebSocket-Version: 13"));
        assertEquals(400, response.status());
        assertTrue(response.body().contains("Sec-WebSocket-Key"), response.body());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void keyThatIsNotSixteenBase64BytesIsRefusedWith400(Container container) throws Exception {
        RawHttp.Response response = send(container, RawHttp.handshake("GET", "/echo", "Upgrade: websocket",
                "Connection: Upgrade", "Sec-WebSocket-Key: c2hvcnQ=", "Sec-WebSocket-Version: 13"));
        assertEquals(400, response.status());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void postIsRefusedWith405AllowingGet(Container container) throws Exception {
        RawHttp.Response response = send(container, RawHttp.handshake("POST", "/echo", "Upgrade: websocket",
                "Connection: Upgrade", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13",
                "Content-Length: 0"));
        assertEquals(405, response.status());
        assertEquals("GET", response.header("Allow"));
    }

    /**
     * 400 either way: Jetty's connector refuses an Upgrade header without "Connection: Upgrade"
     * itself, before any filter runs; on containers that let it through, ServerHandshake answers 400.
     */
    @ParameterizedTest
    @EnumSource(Container.class)
    void upgradeWithoutConnectionUpgradeIsRefusedWith400(Container container) throws Exception {
        RawHttp.Response response = send(container, RawHttp.handshake("GET", "/echo", "Upgrade: websocket",
                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13"));
        assertEquals(400, response.status());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void connectionUpgradeWithoutWebSocketInUpgradeHeaderPassesToTheServlet(Container container) throws Exception {
        RawHttp.Response response = send(container, RawHttp.handshake("GET", "/echo", "Upgrade: foo/2",
                "Connection: Upgrade, close", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
                "Sec-WebSocket-Version: 13"));
        assertEquals(200, response.status());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void refusedOriginIsAnsweredWith403(Container container) throws Exception {
        RawHttp.Response response = send(container, RawHttp.validHandshake("/guarded", "Origin: http://evil.example"));
        assertEquals(403, response.status());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void acceptedOriginIsUpgraded(Container container) throws Exception {
        RawHttp.Response response = send(container, RawHttp.validHandshake("/guarded", "Origin: http://good.example"));
        assertEquals(101, response.status());
    }

    /** Without an Upgrade header mentioning websocket the request is plain HTTP, even on an endpoint's path. */
    @ParameterizedTest
    @EnumSource(Container.class)
    void plainGetOnAnEndpointPathPassesToTheServlet(Container container) throws Exception {
        RawHttp.Response response = send(container, RawHttp.handshake("GET", "/echo", "Connection: close"));
        assertEquals(200, response.status());
        assertEquals("servlet saw GET /echo", response.body());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void handshakeHeadersWithoutUpgradePassToTheServlet(Container container) throws Exception {
        RawHttp.Response response = send(container, RawHttp.handshake("GET", "/echo", "Connection: close",
                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13"));
        assertEquals(200, response.status());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void upgradeToAnotherProtocolPassesToTheServlet(Container container) throws Exception {
        RawHttp.Response response = send(container, RawHttp.handshake("GET", "/echo", "Upgrade: foo/2",
                "Connection: Upgrade, close"));
        assertEquals(200, response.status());
        assertEquals("servlet saw GET /echo", response.body());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void handshakeForAPathWithoutEndpointPassesToTheServlet(Container container) throws Exception {
        RawHttp.Response response = send(container, RawHttp.validHandshake("/no-endpoint-here", "Connection: close"));
        assertEquals(200, response.status());
        assertEquals("servlet saw GET /no-endpoint-here", response.body());
    }

    /** What browsers send: no Content-Length. Jetty 12.1 needs JettyTunnelInput for this one. */
    @ParameterizedTest
    @EnumSource(Container.class)
    void framesAfterAHandshakeWithoutContentLengthAreRead(Container container) throws Exception {
        assertArrayEquals(new byte[] {(byte) 0x81, 2, 'h', 'i'}, echoOverRawSocket(container, ""));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void framesAfterAHandshakeWithContentLengthZeroAreRead(Container container) throws Exception {
        assertArrayEquals(new byte[] {(byte) 0x81, 2, 'h', 'i'}, echoOverRawSocket(container, "Content-Length: 0\r\n"));
    }

    /** Sends a masked text frame "hi" after the handshake and returns the first 4 bytes of the answer. */
    private static byte[] echoOverRawSocket(Container container, String extraHeader) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server(container).port()), 20_000);
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write((RawHttp.validHandshake("/echo") + extraHeader + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            String head = RawHttp.responseHead(in);
            assertTrue(head.startsWith("HTTP/1.1 101"), head);
            byte[] mask = {1, 2, 3, 4};
            out.write(new byte[] {(byte) 0x81, (byte) 0x82, mask[0], mask[1], mask[2], mask[3],
                (byte) ('h' ^ mask[0]), (byte) ('i' ^ mask[1])});
            out.flush();
            return in.readNBytes(4);
        }
    }
}
