package dev.duplex.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.servlet.ServerUnderTest.Container;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The transport's rules (servlet-bridge README, "Non-blocking transport") on both containers: Tomcat 11 holds to
 * the Servlet API's threading rules strictly, Jetty carries the session on its own endpoint.
 */
class TransportRulesTest {

    @ServerEndpoint("/greet")
    public static class GreetOnOpen {
        @OnOpen
        public void open(Session session) throws IOException {
            session.getBasicRemote().sendText("hello");
        }

        @OnMessage
        public String echo(String text) {
            return text;
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void aSendFromOnOpenArrives(Container container) throws Exception {
        try (ServerUnderTest server = ServerUnderTest.start(container, deploy -> deploy.addEndpoint(GreetOnOpen.class))) {
            JdkClient client = JdkClient.connect(server.ws("/greet"));
            assertEquals("hello", client.nextText());
            client.send("again");
            assertEquals("again", client.nextText());
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void largeEchoesArriveWhole(Container container) throws Exception {
        try (ServerUnderTest server = ServerUnderTest.start(container, deploy -> deploy.addEndpoint(TestEndpoints.Echo.class))) {
            List<JdkClient> clients = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                clients.add(JdkClient.connect(server.ws("/echo")));
            }
            Random random = new Random(7);
            for (int size : new int[] {64 * 1024, 1024 * 1024}) {
                for (JdkClient client : clients) {
                    byte[] bytes = new byte[size];
                    random.nextBytes(bytes);
                    client.send(ByteBuffer.wrap(bytes));
                    assertEquals(ByteBuffer.wrap(bytes), client.nextBinary());
                }
            }
        }
    }

    /** "park" blocks its handler until the test releases it; anything else is echoed. */
    @ServerEndpoint("/park")
    public static class Park {
        static volatile CountDownLatch parked = new CountDownLatch(1);
        static volatile CountDownLatch release = new CountDownLatch(1);

        @OnMessage
        public String message(String text) throws InterruptedException {
            if (text.equals("park")) {
                parked.countDown();
                // Bounded, so that a failing test cannot hold the server's thread for good.
                return release.await(JdkClient.TIMEOUT_SECONDS, TimeUnit.SECONDS) ? "unparked" : "timed out";
            }
            return text;
        }
    }

    /**
     * Handlers run on the thread that read their message, the container's (see "Which thread may read?"): one that
     * blocks holds that thread only, never a thread every connection needs (Jetty's selector, say).
     */
    @ParameterizedTest
    @EnumSource(Container.class)
    void aHandlerThatBlocksHoldsUpNoOtherConnection(Container container) throws Exception {
        Park.parked = new CountDownLatch(1);
        Park.release = new CountDownLatch(1);
        try (ServerUnderTest server = ServerUnderTest.start(container, deploy -> deploy.addEndpoint(Park.class))) {
            JdkClient parking = JdkClient.connect(server.ws("/park"));
            List<JdkClient> others = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                others.add(JdkClient.connect(server.ws("/park")));
            }
            parking.send("park");
            assertTrue(Park.parked.await(JdkClient.TIMEOUT_SECONDS, TimeUnit.SECONDS));
            for (int round = 0; round < 3; round++) {
                for (JdkClient other : others) {
                    other.send("ping " + round);
                }
                for (JdkClient other : others) {
                    assertEquals("ping " + round, other.nextText());
                }
            }
            Park.release.countDown();
            assertEquals("unparked", parking.nextText());
        } finally {
            Park.release.countDown();
        }
    }

    /** Reads each binary message as a stream, slowly, and answers with its length and CRC-32. */
    @ServerEndpoint("/digest")
    public static class StreamedDigest {
        @OnMessage
        public String digest(InputStream in) throws IOException {
            CRC32 crc = new CRC32();
            byte[] chunk = new byte[4096];
            long length = 0;
            for (int count; (count = in.read(chunk)) >= 0; ) {
                crc.update(chunk, 0, count);
                length += count;
                Thread.yield(); // a reader slower than the network: the connection pauses and resumes
            }
            return length + ":" + Long.toHexString(crc.getValue());
        }
    }

    /**
     * A streamed message's reader falls behind, so reading pauses and then resumes from the reader's thread. On
     * Tomcat the adapter has Tomcat read on, on its own thread; without it (the portable path) the read after a
     * resume may meet Tomcat's own, which is why this test does not run there (servlet-bridge README).
     */
    @ParameterizedTest
    @EnumSource(value = Container.class, names = {"JETTY", "TOMCAT"})
    void streamedMessagesWhoseReaderFallsBehindArriveWhole(Container container) throws Exception {
        try (ServerUnderTest server = ServerUnderTest.start(container, deploy -> deploy.addEndpoint(StreamedDigest.class))) {
            JdkClient client = JdkClient.connect(server.ws("/digest"));
            Random random = new Random(11);
            for (int i = 0; i < 3; i++) {
                byte[] bytes = new byte[4 * 1024 * 1024];
                random.nextBytes(bytes);
                CRC32 crc = new CRC32();
                crc.update(bytes);
                client.send(ByteBuffer.wrap(bytes));
                assertEquals(bytes.length + ":" + Long.toHexString(crc.getValue()), client.nextText());
            }
            assertEquals(1000, client.closeNormally().code());
        }
    }

    /** Closes the session when told "bye". */
    @ServerEndpoint("/bye")
    public static class CloseOnBye {
        @OnMessage
        public void message(String text, Session session) throws IOException {
            if (text.equals("bye")) {
                session.close();
            }
        }
    }

    /** RFC 6455 section 7.1.1: once the close frames are exchanged, the server closes TCP first; a client closes on its own only after a wait. */
    @ParameterizedTest
    @EnumSource(Container.class)
    void theServerClosesTcpOnceTheClientsCloseIsAnswered(Container container) throws Exception {
        try (ServerUnderTest server = ServerUnderTest.start(container, deploy -> deploy.addEndpoint(TestEndpoints.Echo.class));
                Socket socket = open(server, "/echo")) {
            socket.getOutputStream().write(maskedFrame(0x88, new byte[] {0x03, (byte) 0xE8}));
            assertCloseFrame(socket.getInputStream());
            assertEquals(-1, socket.getInputStream().read(), "the server should end the TCP connection");
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void theServerClosesTcpOnceItsCloseIsAnswered(Container container) throws Exception {
        try (ServerUnderTest server = ServerUnderTest.start(container, deploy -> deploy.addEndpoint(CloseOnBye.class));
                Socket socket = open(server, "/bye")) {
            socket.getOutputStream().write(maskedFrame(0x81, "bye".getBytes(StandardCharsets.UTF_8)));
            assertCloseFrame(socket.getInputStream());
            socket.getOutputStream().write(maskedFrame(0x88, new byte[] {0x03, (byte) 0xE8}));
            assertEquals(-1, socket.getInputStream().read(), "the server should end the TCP connection");
        }
    }

    /** A raw connection after a successful handshake; reads time out after 5 s, half the usual client's wait. */
    private static Socket open(ServerUnderTest server, String path) throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port());
        socket.setSoTimeout(5_000);
        socket.getOutputStream().write((RawHttp.validHandshake(path) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        String head = readHead(socket.getInputStream());
        assertEquals("HTTP/1.1 101", head.substring(0, 12), head);
        return socket;
    }

    /** A final frame of {@code opcode} (with the FIN bit), masked with an all-zero key. */
    private static byte[] maskedFrame(int opcode, byte[] payload) {
        byte[] frame = new byte[6 + payload.length];
        frame[0] = (byte) opcode;
        frame[1] = (byte) (0x80 | payload.length);
        System.arraycopy(payload, 0, frame, 6, payload.length);
        return frame;
    }

    private static void assertCloseFrame(InputStream in) throws IOException {
        assertEquals(0x88, in.read());
        int length = in.read();
        assertEquals(2, in.readNBytes(length).length);
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }
}
