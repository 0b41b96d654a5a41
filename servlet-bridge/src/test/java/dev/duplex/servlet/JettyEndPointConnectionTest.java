package dev.duplex.servlet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.servlet.jetty.DuplexJetty;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.io.EndPoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On Jetty, Duplex carries a session on Jetty's endpoint itself ({@link JettyEndPointConnection}) unless the
 * application asks for the servlet upgrade ({@code dev.duplex.containerAdapter=servlet-upgrade}).
 */
class JettyEndPointConnectionTest {
    private static TestServer server;
    private static TestServer servletUpgradeServer;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(context -> DuplexJetty.enable(context,
                container -> container.addEndpoint(TestEndpoints.Echo.class)));
        servletUpgradeServer = TestServer.start(context -> {
            context.setInitParameter(ContainerAdapters.PARAMETER, "servlet-upgrade");
            DuplexJetty.enable(context, container -> container.addEndpoint(TestEndpoints.Echo.class));
        });
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        servletUpgradeServer.close();
    }

    private static List<String> connectionClasses(TestServer on) {
        return on.connector().getConnectedEndPoints().stream().map(EndPoint::getConnection)
                .map(connection -> connection.getClass().getSimpleName()).toList();
    }

    @Test
    void theSessionRunsOnJettysEndPointWithoutItsHttpConnection() throws Exception {
        JdkClient client = JdkClient.connect(server.ws("/echo"));
        client.send("hello");
        assertEquals("hello", client.nextText());
        assertEquals(List.of("JettyEndPointConnection"), connectionClasses(server));
        assertEquals(1000, client.closeNormally().code());
    }

    @Test
    void theServletUpgradeAdapterLeavesJettysHttpConnectionInPlace() throws Exception {
        JdkClient client = JdkClient.connect(servletUpgradeServer.ws("/echo"));
        client.send("hello");
        assertEquals("hello", client.nextText());
        assertFalse(connectionClasses(servletUpgradeServer).contains("JettyEndPointConnection"),
                connectionClasses(servletUpgradeServer).toString());
        assertEquals(1000, client.closeNormally().code());
    }

    /** Frames that arrive with the handshake are read by Jetty's HTTP connection, and handed over with the endpoint. */
    @Test
    void aFrameSentInTheSamePacketAsTheHandshakeIsRead() throws Exception {
        byte[] request = (RawHttp.validHandshake("/echo") + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] frame = {(byte) 0x81, (byte) 0x82, 1, 2, 3, 4, (byte) ('h' ^ 1), (byte) ('i' ^ 2)}; // masked "hi"
        byte[] both = new byte[request.length + frame.length];
        System.arraycopy(request, 0, both, 0, request.length);
        System.arraycopy(frame, 0, both, request.length, frame.length);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 20_000);
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(both);
            out.flush();
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            assertTrue(head.startsWith("HTTP/1.1 101 "), head);
            assertArrayEquals(new byte[] {(byte) 0x81, 2, 'h', 'i'}, in.readNBytes(4));
        }
    }

    private static String readHead(InputStream in) throws Exception {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }
}
