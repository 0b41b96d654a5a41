package dev.duplex.servlet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.client.DuplexWebSocketContainer;
import dev.duplex.servlet.jetty.DuplexJetty;
import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.net.URI;
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

/**
 * Duplex's client ({@code ContainerProvider.getWebSocketContainer()}) against Duplex's own server on
 * embedded Jetty.
 */
@Timeout(120)
class DuplexClientTest {

    /** Hands the request's X-Client-Token to the session and names the server in the response. */
    public static class TokenConfigurator extends ServerEndpointConfig.Configurator {
        @Override
        public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
            List<String> token = request.getHeaders().get("X-Client-Token");
            sec.getUserProperties().put("token", token == null ? "none" : token.get(0));
            response.getHeaders().put("X-Server-Name", List.of("duplex"));
        }
    }

    @ServerEndpoint(value = "/echo", subprotocols = {"chat.v2"}, configurator = TokenConfigurator.class)
    public static class Echo {
        static final LinkedBlockingQueue<String> CLOSES = new LinkedBlockingQueue<>();

        @OnOpen
        public void open(Session session) {
            session.setMaxTextMessageBufferSize(64 << 20);
            session.setMaxBinaryMessageBufferSize(64 << 20);
        }

        @OnMessage
        public String text(String text, Session session) throws IOException {
            String[] words = text.split(" ", 3);
            switch (words[0]) {
                case "close" -> {
                    session.close(new CloseReason(CloseCodes.getCloseCode(Integer.parseInt(words[1])), words[2]));
                    return null;
                }
                case "token" -> {
                    return (String) session.getUserProperties().get("token");
                }
                default -> {
                    return text;
                }
            }
        }

        @OnMessage
        public ByteBuffer binary(ByteBuffer data) {
            return data;
        }

        @OnClose
        public void close(CloseReason reason) {
            CLOSES.add(reason.getCloseCode().getCode() + " " + reason.getReasonPhrase());
        }
    }

    /** Counts what it receives and answers with the total, without echoing the bulk back. */
    @ServerEndpoint("/sink")
    public static class Sink {
        private long received;

        @OnOpen
        public void open(Session session) throws IOException {
            session.setMaxBinaryMessageBufferSize(64 << 20);
            session.getBasicRemote().sendText("send me something big");
        }

        @OnMessage
        public String binary(ByteBuffer data) {
            received += data.remaining();
            return "got " + received;
        }
    }

    /** Refuses every origin: the handshake ends with 403. */
    public static class NoOrigin extends ServerEndpointConfig.Configurator {
        @Override
        public boolean checkOrigin(String originHeaderValue) {
            return false;
        }
    }

    @ServerEndpoint(value = "/closed-door", configurator = NoOrigin.class)
    public static class ClosedDoor {
        @OnMessage
        public String echo(String text) {
            return text;
        }
    }

    @ClientEndpoint(subprotocols = "chat.v2")
    public static class AnnotatedClient {
        static final LinkedBlockingQueue<String> RECEIVED = new LinkedBlockingQueue<>();

        @OnMessage
        public void text(String text) {
            RECEIVED.add(text);
        }
    }

    /** Records what it receives; the {@link #last} one made by the container is reachable. */
    public static class Recorder extends Endpoint {
        static volatile Recorder last;
        final LinkedBlockingQueue<String> texts = new LinkedBlockingQueue<>();
        final LinkedBlockingQueue<byte[]> binaries = new LinkedBlockingQueue<>();
        final LinkedBlockingQueue<ByteBuffer> pongs = new LinkedBlockingQueue<>();
        final CompletableFuture<CloseReason> closed = new CompletableFuture<>();

        public Recorder() {
            last = this;
        }

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, texts::add);
            session.addMessageHandler(ByteBuffer.class, data -> {
                byte[] bytes = new byte[data.remaining()];
                data.get(bytes);
                binaries.add(bytes);
            });
            session.addMessageHandler(PongMessage.class, pong -> pongs.add(pong.getApplicationData()));
        }

        @Override
        public void onClose(Session session, CloseReason closeReason) {
            closed.complete(closeReason);
        }

        String nextText() throws InterruptedException {
            return poll(texts);
        }
    }

    private TestServer server;
    private WebSocketContainer container;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(context -> DuplexJetty.enable(context, deploy -> {
            deploy.addEndpoint(Echo.class);
            deploy.addEndpoint(Sink.class);
            deploy.addEndpoint(ClosedDoor.class);
        }));
        container = ContainerProvider.getWebSocketContainer();
        container.setDefaultMaxTextMessageBufferSize(64 << 20);
        container.setDefaultMaxBinaryMessageBufferSize(64 << 20);
        Echo.CLOSES.clear();
        AnnotatedClient.RECEIVED.clear();
    }

    @AfterEach
    void stop() throws Exception {
        ((DuplexWebSocketContainer) container).stop();
        server.close();
    }

    private URI uri(String path) {
        return server.ws(path);
    }

    private static <T> T poll(LinkedBlockingQueue<T> queue) throws InterruptedException {
        T value = queue.poll(20, TimeUnit.SECONDS);
        if (value == null) {
            throw new AssertionError("nothing arrived within 20 s");
        }
        return value;
    }

    private static ClientEndpointConfig plain() {
        return ClientEndpointConfig.Builder.create().build();
    }

    @Test
    void providerGivesTheDuplexClient() {
        assertInstanceOf(DuplexWebSocketContainer.class, container);
    }

    @Test
    void everyConnectOverloadEchoes() throws Exception {
        Session annotatedInstance = container.connectToServer(new AnnotatedClient(), uri("/echo"));
        annotatedInstance.getBasicRemote().sendText("annotated instance");
        assertEquals("annotated instance", poll(AnnotatedClient.RECEIVED));
        assertEquals("chat.v2", annotatedInstance.getNegotiatedSubprotocol());

        Session annotatedClass = container.connectToServer(AnnotatedClient.class, uri("/echo"));
        annotatedClass.getBasicRemote().sendText("annotated class");
        assertEquals("annotated class", poll(AnnotatedClient.RECEIVED));

        Recorder instance = new Recorder();
        Session endpointInstance = container.connectToServer(instance, plain(), uri("/echo"));
        endpointInstance.getBasicRemote().sendText("endpoint instance");
        assertEquals("endpoint instance", instance.nextText());
        assertEquals("", endpointInstance.getNegotiatedSubprotocol());

        Session endpointClass = container.connectToServer(Recorder.class, plain(), uri("/echo"));
        endpointClass.getBasicRemote().sendText("endpoint class");
        assertEquals("endpoint class", Recorder.last.nextText());

        for (Session session : List.of(annotatedInstance, annotatedClass, endpointInstance, endpointClass)) {
            session.close();
        }
    }

    @Test
    void configuratorsOnBothSidesSeeEachOthersHeaders() throws Exception {
        CompletableFuture<Map<String, List<String>>> response = new CompletableFuture<>();
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void beforeRequest(Map<String, List<String>> headers) {
                        headers.put("X-Client-Token", List.of("t-42"));
                    }

                    @Override
                    public void afterResponse(HandshakeResponse handshakeResponse) {
                        response.complete(handshakeResponse.getHeaders());
                    }
                }).build();
        Recorder client = new Recorder();
        Session session = container.connectToServer(client, config, uri("/echo"));
        assertEquals(List.of("duplex"), response.get(10, TimeUnit.SECONDS).get("x-server-name"));
        session.getBasicRemote().sendText("token");
        assertEquals("t-42", client.nextText());
        session.close();
    }

    /** The client's default limit (16 MiB) takes what other clients take; 64 KiB once failed this with 1009. */
    @Test
    void aContainerAsProvidedReceivesA300KbMessageWhole() throws Exception {
        WebSocketContainer asProvided = ContainerProvider.getWebSocketContainer();
        try {
            Recorder client = new Recorder();
            Session session = asProvided.connectToServer(client, plain(), uri("/echo"));
            String text = "0123456789".repeat(30_000);
            session.getBasicRemote().sendText(text);
            assertEquals(text, client.nextText());
            session.close();
            assertEquals(1000, client.closed.get(20, TimeUnit.SECONDS).getCloseCode().getCode());
        } finally {
            ((DuplexWebSocketContainer) asProvided).stop();
        }
    }

    @Test
    void largeAndFragmentedMessagesEchoIntact() throws Exception {
        Recorder client = new Recorder();
        Session session = container.connectToServer(client, plain(), uri("/echo"));
        byte[] binary = new byte[8 * 1024 * 1024 + 3];
        new Random(3).nextBytes(binary);
        session.getBasicRemote().sendBinary(ByteBuffer.wrap(binary));
        assertArrayEquals(binary, poll(client.binaries));

        String text = "ok ".repeat(2 * 1024 * 1024);
        session.getBasicRemote().sendText(text);
        assertEquals(text, client.nextText());

        for (int i = 0; i < 4; i++) {
            session.getBasicRemote().sendText("f" + i, i == 3);
        }
        assertEquals("f0f1f2f3", client.nextText());
        session.close();
    }

    @Test
    void pingIsAnswered() throws Exception {
        Recorder client = new Recorder();
        Session session = container.connectToServer(client, plain(), uri("/echo"));
        session.getBasicRemote().sendPing(ByteBuffer.wrap(new byte[] {4, 2}));
        assertEquals(ByteBuffer.wrap(new byte[] {4, 2}), poll(client.pongs));
        session.close();
    }

    @Test
    void closesCarryCodeAndReasonEitherWay() throws Exception {
        Recorder client = new Recorder();
        Session session = container.connectToServer(client, plain(), uri("/echo"));
        session.close(new CloseReason(CloseCodes.getCloseCode(4100), "client done"));
        assertEquals("4100 client done", poll(Echo.CLOSES));
        assertEquals(4100, client.closed.get(20, TimeUnit.SECONDS).getCloseCode().getCode());

        Recorder other = new Recorder();
        Session otherSession = container.connectToServer(other, plain(), uri("/echo"));
        otherSession.getBasicRemote().sendText("close 4200 server done");
        CloseReason reason = other.closed.get(20, TimeUnit.SECONDS);
        assertEquals(4200, reason.getCloseCode().getCode());
        assertEquals("server done", reason.getReasonPhrase());
    }

    @Test
    void handlerMaySendALargeMessageWithTheBasicRemote() throws Exception {
        int size = 16 * 1024 * 1024;
        CompletableFuture<String> reply = new CompletableFuture<>();
        Session session = container.connectToServer(new Endpoint() {
            @Override
            public void onOpen(Session session, EndpointConfig config) {
                session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
                    if (text.startsWith("send me")) {
                        try {
                            session.getBasicRemote().sendBinary(ByteBuffer.allocate(size)); // blocks until written
                        } catch (IOException e) {
                            reply.completeExceptionally(e);
                        }
                    } else {
                        reply.complete(text);
                    }
                });
            }
        }, plain(), uri("/sink"));
        assertEquals("got " + size, reply.get(60, TimeUnit.SECONDS));
        session.close();
    }

    @Test
    void refusedHandshakesAreDeploymentExceptionsNamingTheStatus() {
        DeploymentException forbidden = assertThrows(DeploymentException.class,
                () -> container.connectToServer(new Recorder(), plain(), uri("/closed-door")));
        assertTrue(forbidden.getMessage().contains("403"), forbidden.getMessage());
        DeploymentException missing = assertThrows(DeploymentException.class,
                () -> container.connectToServer(new Recorder(), plain(), uri("/no-such-endpoint")));
        assertTrue(missing.getMessage().contains("404"), missing.getMessage());
    }
}
