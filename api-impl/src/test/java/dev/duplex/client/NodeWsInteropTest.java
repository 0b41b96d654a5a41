package dev.duplex.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The client against the npm package ws on node, where node is installed (skipped otherwise). */
@Timeout(240)
class NodeWsInteropTest {
    private static NodeWsServer server;
    private DuplexWebSocketContainer container;

    @BeforeAll
    static void startServer() throws Exception {
        server = NodeWsServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void createContainer() {
        container = DuplexWebSocketContainer.create();
        container.setDefaultMaxTextMessageBufferSize(64 << 20);
        container.setDefaultMaxBinaryMessageBufferSize(64 << 20);
        server.events.clear();
        JettyInteropTest.TokenConfigurator.SERVER_NAMES.clear();
        JettyInteropTest.AnnotatedClient.RECEIVED.clear();
    }

    @AfterEach
    void stopContainer() {
        container.stop();
    }

    /**
     * Whether the server logs {@code expected} within 20 s; other lines are skipped, as the server is
     * shared and the closes of earlier tests' sessions may still come in.
     */
    private static boolean serverSaw(String expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String event;
        while ((event = server.events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) != null) {
            if (event.equals(expected)) {
                return true;
            }
        }
        return false;
    }

    private Session connect(RecordingClient client) throws Exception {
        return container.connectToServer(client, ClientEndpointConfig.Builder.create().build(), server.uri("/"));
    }

    @Test
    void annotatedClientNegotiatesTheSubprotocolAndExchangesHeaders() throws Exception {
        Session session = container.connectToServer(JettyInteropTest.AnnotatedClient.class, server.uri("/"));
        assertEquals("chat.v2", session.getNegotiatedSubprotocol());
        assertEquals("node-ws", JettyInteropTest.TokenConfigurator.SERVER_NAMES.poll(10, TimeUnit.SECONDS));
        session.getBasicRemote().sendText("header X-Client-Token");
        String reply = JettyInteropTest.AnnotatedClient.RECEIVED.poll(20, TimeUnit.SECONDS);
        assertTrue(reply != null && reply.startsWith("annotated "), reply);
        session.close();
    }

    @Test
    void multiMebibyteMessagesEchoIntact() throws Exception {
        RecordingClient client = new RecordingClient();
        Session session = connect(client);
        Random random = new Random(5);
        byte[] binary = new byte[6 * 1024 * 1024 + 1];
        random.nextBytes(binary);
        String text = "ναι".repeat(1024 * 1024);
        session.getBasicRemote().sendBinary(ByteBuffer.wrap(binary));
        session.getAsyncRemote().sendText(text).get(30, TimeUnit.SECONDS);
        assertArrayEquals(binary, client.nextBinary());
        assertEquals(text, client.nextText());
        session.close();
    }

    /** RFC 7692 with a foreign server: ws accepts the offer and compresses everything, fragments included. */
    @Test
    void permessageDeflateWithWsCarriesEveryMessageIntact() throws Exception {
        RecordingClient client = new RecordingClient();
        Session session = container.connectToServer(client, ClientEndpointConfig.Builder.create()
                .extensions(java.util.List.copyOf(container.getInstalledExtensions())).build(), server.uri("/"));
        assertEquals(java.util.List.of("permessage-deflate"),
                session.getNegotiatedExtensions().stream().map(jakarta.websocket.Extension::getName).toList());
        for (String text : new String[] {"", "hi", "{\"id\":1,\"text\":\"héllo\"}".repeat(200), "ναι".repeat(1024 * 1024)}) {
            session.getBasicRemote().sendText(text);
            assertEquals(text, client.nextText());
        }
        byte[] binary = new byte[3 * 1024 * 1024];
        new Random(7692).nextBytes(binary);
        session.getBasicRemote().sendBinary(ByteBuffer.wrap(binary));
        assertArrayEquals(binary, client.nextBinary());
        session.getBasicRemote().sendText("fragments 5");
        assertEquals("part0,part1,part2,part3,part4", client.nextText());
        session.close();
    }

    @Test
    void fragmentedMessagesTravelBothWays() throws Exception {
        RecordingClient client = new RecordingClient();
        Session session = connect(client);
        for (int i = 0; i < 3; i++) {
            session.getBasicRemote().sendBinary(ByteBuffer.wrap(new byte[] {(byte) i}), i == 2);
        }
        assertArrayEquals(new byte[] {0, 1, 2}, client.nextBinary());
        session.close();

        RecordingClient partial = new RecordingClient();
        partial.partialText = true;
        Session partialSession = connect(partial);
        partialSession.getBasicRemote().sendText("fragments 3");
        assertEquals(List.of("part0,", "part1,", "part2|last"),
                List.of(partial.nextText(), partial.nextText(), partial.nextText()));
        partialSession.close();
    }

    @Test
    void pingIsAnsweredWithItsPayload() throws Exception {
        RecordingClient client = new RecordingClient();
        Session session = connect(client);
        session.getAsyncRemote().sendPing(ByteBuffer.wrap(new byte[] {9, 8, 7}));
        assertEquals(ByteBuffer.wrap(new byte[] {9, 8, 7}), client.pongs.poll(20, TimeUnit.SECONDS));
        session.close();
    }

    @Test
    void closesCarryCodeAndReasonEitherWay() throws Exception {
        RecordingClient client = new RecordingClient();
        Session session = connect(client);
        session.close(new CloseReason(CloseCodes.getCloseCode(4002), "client leaves"));
        assertEquals(4002, client.closeReason().getCloseCode().getCode());
        assertTrue(serverSaw("closed 4002 client leaves"), "the server's log: " + server.events);

        RecordingClient other = new RecordingClient();
        Session otherSession = connect(other);
        otherSession.getBasicRemote().sendText("close 4001 server leaves");
        CloseReason reason = other.closeReason();
        assertEquals(4001, reason.getCloseCode().getCode());
        assertEquals("server leaves", reason.getReasonPhrase());
        assertTrue(other.errors.isEmpty(), other.errors.toString());
    }
}
