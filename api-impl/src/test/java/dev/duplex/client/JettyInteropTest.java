package dev.duplex.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.client.transport.HandshakeException;
import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The client against Jetty 12.1's own WebSocket server: every connect overload, the handshake, messages, closing. */
@Timeout(120)
class JettyInteropTest {
    /** Adds a request header and records a response header, as the TCK's configurators do. */
    public static class TokenConfigurator extends ClientEndpointConfig.Configurator {
        static final LinkedBlockingQueue<String> SERVER_NAMES = new LinkedBlockingQueue<>();

        @Override
        public void beforeRequest(Map<String, List<String>> headers) {
            headers.put("X-Client-Token", List.of("annotated"));
        }

        @Override
        public void afterResponse(HandshakeResponse response) {
            SERVER_NAMES.add(String.join(",", response.getHeaders().getOrDefault("x-server-name", List.of())));
        }
    }

    @ClientEndpoint(subprotocols = {"chat.v1", "chat.v2"}, configurator = TokenConfigurator.class)
    public static class AnnotatedClient {
        static final LinkedBlockingQueue<String> RECEIVED = new LinkedBlockingQueue<>();

        @OnMessage
        public void text(String text, Session session) {
            RECEIVED.add(text + " @" + Thread.currentThread().getName());
        }
    }

    /** Created by the container in the class overloads; the test reaches it through {@code last}. */
    public static class CreatedClient extends RecordingClient {
        static volatile CreatedClient last;

        public CreatedClient() {
            last = this;
        }
    }

    private JettyTestServer server;
    private DuplexWebSocketContainer container;

    @BeforeEach
    void start() throws Exception {
        server = JettyTestServer.plain();
        container = DuplexWebSocketContainer.create();
        container.setDefaultMaxTextMessageBufferSize(64 << 20);
        container.setDefaultMaxBinaryMessageBufferSize(64 << 20);
        AnnotatedClient.RECEIVED.clear();
        TokenConfigurator.SERVER_NAMES.clear();
    }

    @AfterEach
    void stop() throws Exception {
        container.stop();
        server.close();
    }

    private static String poll(LinkedBlockingQueue<String> queue) throws InterruptedException {
        String value = queue.poll(20, TimeUnit.SECONDS);
        if (value == null) {
            throw new AssertionError("nothing arrived within 20 s");
        }
        return value;
    }

    // ---------------------------------------------------------------- the four overloads

    @Test
    void annotatedInstanceConnectsWithItsAnnotationsOffer() throws Exception {
        Session session = container.connectToServer(new AnnotatedClient(), server.uri("/echo"));
        assertEquals("chat.v2", session.getNegotiatedSubprotocol());
        assertEquals(server.uri("/echo"), session.getRequestURI());
        assertFalse(session.isSecure());
        assertEquals("jetty-test", poll(TokenConfigurator.SERVER_NAMES));

        session.getBasicRemote().sendText("header X-Client-Token");
        String reply = poll(AnnotatedClient.RECEIVED);
        assertTrue(reply.startsWith("annotated @duplex-session"), "delivered on the session executor: " + reply);
        session.close();
    }

    @Test
    void annotatedClassIsInstantiatedAndConnected() throws Exception {
        Session session = container.connectToServer(AnnotatedClient.class, server.uri("/echo"));
        session.getBasicRemote().sendText("hello class");
        assertTrue(poll(AnnotatedClient.RECEIVED).startsWith("hello class"));
        assertEquals("chat.v2", session.getNegotiatedSubprotocol());
        session.close();
    }

    @Test
    void endpointInstanceWithConfigurationSendsItsHeadersAndSeesTheResponse() throws Exception {
        CompletableFuture<HandshakeResponse> response = new CompletableFuture<>();
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void beforeRequest(Map<String, List<String>> headers) {
                        headers.put("X-Client-Token", List.of("abc"));
                    }

                    @Override
                    public void afterResponse(HandshakeResponse handshakeResponse) {
                        response.complete(handshakeResponse);
                    }
                }).build();
        config.getUserProperties().put("seed", "from the configuration");
        RecordingClient client = new RecordingClient();
        Session session = container.connectToServer(client, config, server.uri("/echo"));

        Map<String, List<String>> headers = response.get(10, TimeUnit.SECONDS).getHeaders();
        assertEquals(List.of("jetty-test"), headers.get("X-SERVER-NAME"));
        assertEquals(List.of("websocket"), headers.get("upgrade"));
        session.getBasicRemote().sendText("header X-Client-Token");
        assertEquals("abc", client.nextText());

        assertEquals("from the configuration", session.getUserProperties().get("seed"));
        session.getUserProperties().put("seed", "changed");
        assertEquals("from the configuration", config.getUserProperties().get("seed"), "each session has a copy");
        assertEquals("", session.getNegotiatedSubprotocol());
        assertTrue(session.getNegotiatedExtensions().isEmpty(), "nothing offered, nothing negotiated");
        assertTrue(session.getOpenSessions().contains(session));
        session.close();
    }

    @Test
    void endpointClassWithConfigurationIsInstantiatedAndConnected() throws Exception {
        Session session = container.connectToServer(CreatedClient.class,
                ClientEndpointConfig.Builder.create().preferredSubprotocols(List.of("chat.v2")).build(),
                server.uri("/echo"));
        CreatedClient client = CreatedClient.last;
        assertTrue(client.opened.isDone());
        session.getBasicRemote().sendText("hello endpoint class");
        assertEquals("hello endpoint class", client.nextText());
        assertEquals("chat.v2", session.getNegotiatedSubprotocol());
        assertTrue(client.handlerThreads.stream().allMatch(name -> name.startsWith("duplex-session")),
                client.handlerThreads.toString());
        session.close();
    }

    @Test
    void sessionReportsTheQueryOfTheUriItConnectedTo() throws Exception {
        java.net.URI uri = java.net.URI.create(server.uri("/echo") + "?room=a%20b&tag=1&tag=2");
        Session session = container.connectToServer(new RecordingClient(),
                ClientEndpointConfig.Builder.create().build(), uri);
        assertEquals(uri, session.getRequestURI());
        assertEquals("room=a%20b&tag=1&tag=2", session.getQueryString());
        assertEquals(Map.of("room", List.of("a b"), "tag", List.of("1", "2")), session.getRequestParameterMap());
        assertTrue(session.getPathParameters().isEmpty());
        session.close();
    }

    @Test
    void callbacksRunWithTheConnectingThreadsContextClassLoader() throws Exception {
        ClassLoader application = new ClassLoader(getClass().getClassLoader()) {
        };
        CompletableFuture<ClassLoader> seen = new CompletableFuture<>();
        Thread thread = Thread.currentThread();
        ClassLoader original = thread.getContextClassLoader();
        thread.setContextClassLoader(application);
        Session session;
        try {
            session = container.connectToServer(new jakarta.websocket.Endpoint() {
                @Override
                public void onOpen(Session session, jakarta.websocket.EndpointConfig config) {
                    session.addMessageHandler(String.class, (jakarta.websocket.MessageHandler.Whole<String>) text ->
                            seen.complete(Thread.currentThread().getContextClassLoader()));
                }
            }, ClientEndpointConfig.Builder.create().build(), server.uri("/echo"));
        } finally {
            thread.setContextClassLoader(original);
        }
        session.getBasicRemote().sendText("which loader?");
        assertTrue(seen.get(20, TimeUnit.SECONDS) == application, "the handler saw " + seen.get());
        session.close();
    }

    // ---------------------------------------------------------------- refused handshakes

    @Test
    void forbiddenAndMissingEndpointsAreDeploymentExceptionsNamingTheStatus() throws Exception {
        CompletableFuture<Map<String, List<String>>> seen = new CompletableFuture<>();
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void afterResponse(HandshakeResponse response) {
                        seen.complete(response.getHeaders());
                    }
                }).build();
        DeploymentException forbidden = assertThrows(DeploymentException.class,
                () -> container.connectToServer(new RecordingClient(), config, server.uri("/forbidden")));
        assertTrue(forbidden.getMessage().contains("403"), forbidden.getMessage());
        assertEquals(403, assertInstanceOf(HandshakeException.class, forbidden.getCause()).status());
        assertFalse(seen.get(10, TimeUnit.SECONDS).isEmpty(), "afterResponse sees a refusal too");

        DeploymentException missing = assertThrows(DeploymentException.class,
                () -> container.connectToServer(new RecordingClient(), config, server.uri("/nothing-here")));
        assertTrue(missing.getMessage().contains("404"), missing.getMessage());
        assertEquals(0, container.liveConnections());
    }

    // ---------------------------------------------------------------- messages

    @Test
    void multiMebibyteTextAndBinaryMessagesEchoIntact() throws Exception {
        RecordingClient client = new RecordingClient();
        Session session = container.connectToServer(client, ClientEndpointConfig.Builder.create().build(),
                server.uri("/echo"));
        Random random = new Random(11);
        StringBuilder text = new StringBuilder();
        while (text.length() < 6 * 1024 * 1024) {
            text.append((char) ('a' + random.nextInt(26))).append("ü€");
        }
        byte[] binary = new byte[7 * 1024 * 1024 + 5];
        random.nextBytes(binary);

        session.getBasicRemote().sendText(text.toString());
        session.getBasicRemote().sendBinary(ByteBuffer.wrap(binary));
        assertEquals(text.toString(), client.nextText());
        assertArrayEquals(binary, client.nextBinary());
        session.close();
    }

    @Test
    void fragmentedMessagesTravelBothWays() throws Exception {
        RecordingClient client = new RecordingClient();
        Session session = container.connectToServer(client, ClientEndpointConfig.Builder.create().build(),
                server.uri("/echo"));
        for (int i = 0; i < 5; i++) {
            session.getBasicRemote().sendText("p" + i, i == 4);
        }
        assertEquals("p0p1p2p3p4", client.nextText());
        session.close();

        RecordingClient partial = new RecordingClient();
        partial.partialText = true;
        Session partialSession = container.connectToServer(partial, ClientEndpointConfig.Builder.create().build(),
                server.uri("/echo"));
        partialSession.getBasicRemote().sendText("fragments 4");
        assertEquals(List.of("part0,", "part1,", "part2,", "part3|last"),
                List.of(partial.nextText(), partial.nextText(), partial.nextText(), partial.nextText()));
        partialSession.close();
    }

    @Test
    void pingIsAnsweredWithItsPayload() throws Exception {
        RecordingClient client = new RecordingClient();
        Session session = container.connectToServer(client, ClientEndpointConfig.Builder.create().build(),
                server.uri("/echo"));
        session.getBasicRemote().sendPing(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        ByteBuffer pong = client.pongs.poll(20, TimeUnit.SECONDS);
        assertEquals(ByteBuffer.wrap(new byte[] {1, 2, 3}), pong);
        session.close();
    }

    // ---------------------------------------------------------------- closing

    @Test
    void clientCloseCarriesItsCodeAndReasonToTheServer() throws Exception {
        RecordingClient client = new RecordingClient();
        Session session = container.connectToServer(client, ClientEndpointConfig.Builder.create().build(),
                server.uri("/echo"));
        assertEquals("open", poll(server.events));
        session.close(new CloseReason(CloseCodes.getCloseCode(4002), "bye"));
        assertEquals("closed 4002 bye", poll(server.events));
        CloseReason reason = client.closeReason();
        assertEquals(4002, reason.getCloseCode().getCode());
        assertEquals("bye", reason.getReasonPhrase());
        // isOpen() turns false only once onClose has returned (SessionLifecycleTest pins that), a
        // moment after the reason above was recorded inside onClose, so it is not asserted here.
    }

    @Test
    void serverCloseReachesOnCloseWithItsCodeAndReason() throws Exception {
        RecordingClient client = new RecordingClient();
        Session session = container.connectToServer(client, ClientEndpointConfig.Builder.create().build(),
                server.uri("/echo"));
        session.getBasicRemote().sendText("close 4001 server says bye");
        CloseReason reason = client.closeReason();
        assertEquals(4001, reason.getCloseCode().getCode());
        assertEquals("server says bye", reason.getReasonPhrase());
        assertTrue(client.errors.isEmpty(), client.errors.toString());
    }
}
