package dev.duplex.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.ServerSocketChannel;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What connectToServer refuses before connecting (Jakarta WebSocket 2.2 section 5.2.1 [WSC-5.2.1-4]):
 * each case throws a DeploymentException and the listening socket never sees a connection.
 */
class ClientDeploymentErrorsTest {
    @ClientEndpoint
    public static class TooManyOnOpenArguments {
        @OnOpen
        public void open(Session session, EndpointConfig config, Throwable extra) {
        }
    }

    @ClientEndpoint
    public static class TwoTextHandlers {
        @OnMessage
        public void one(String text) {
        }

        @OnMessage
        public void two(String text, Session session) {
        }
    }

    @ClientEndpoint
    public static class NoDefaultConstructor {
        public NoDefaultConstructor(String name) {
        }
    }

    @ClientEndpoint
    static class NotPublic {
    }

    public static class ThrowingConstructor extends Endpoint {
        public ThrowingConstructor() {
            throw new IllegalStateException("not today");
        }

        @Override
        public void onOpen(Session session, EndpointConfig config) {
        }
    }

    public static class PlainObject {
    }

    private final DuplexWebSocketContainer container = DuplexWebSocketContainer.create();
    private ServerSocketChannel listener;
    private URI uri;

    @BeforeEach
    void listen() throws Exception {
        listener = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        listener.configureBlocking(false);
        uri = URI.create("ws://127.0.0.1:" + listener.socket().getLocalPort() + "/");
    }

    @AfterEach
    void close() throws Exception {
        assertNull(listener.accept(), "no connection may have been made");
        listener.close();
        container.stop();
    }

    private DeploymentException refused(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(DeploymentException.class, call);
    }

    @Test
    void invalidAnnotatedInstanceNamesTheMethodAndTheRule() {
        String message = refused(() -> container.connectToServer(new TooManyOnOpenArguments(), uri)).getMessage();
        assertTrue(message.contains(TooManyOnOpenArguments.class.getName() + ".open("), message);
    }

    @Test
    void invalidAnnotatedClassIsRefusedBeforeItIsInstantiated() {
        String message = refused(() -> container.connectToServer(TwoTextHandlers.class, uri)).getMessage();
        assertTrue(message.contains(TwoTextHandlers.class.getName()), message);
    }

    @Test
    void annotatedClassWithoutPublicNoArgumentConstructorIsRefused() {
        assertTrue(refused(() -> container.connectToServer(NoDefaultConstructor.class, uri)).getMessage()
                .contains("no public no-argument constructor"));
        assertTrue(refused(() -> container.connectToServer(NotPublic.class, uri)).getMessage()
                .contains("not public"));
    }

    @Test
    void endpointClassWhoseConstructorThrowsIsRefusedWithTheCause() {
        DeploymentException e = refused(() -> container.connectToServer(ThrowingConstructor.class,
                ClientEndpointConfig.Builder.create().build(), uri));
        assertInstanceOf(IllegalStateException.class, e.getCause());
    }

    @Test
    void objectThatIsNeitherEndpointNorAnnotatedIsRefused() {
        String message = refused(() -> container.connectToServer(new PlainObject(), uri)).getMessage();
        assertTrue(message.contains("must extend jakarta.websocket.Endpoint or be annotated with @ClientEndpoint"),
                message);
        refused(() -> container.connectToServer(PlainObject.class, uri));
        refused(() -> container.connectToServer((Object) null, uri));
        refused(() -> container.connectToServer((Endpoint) null, ClientEndpointConfig.Builder.create().build(), uri));
    }

    @Test
    void uriThatIsNoWebSocketUriIsRefused() {
        URI http = URI.create("http://127.0.0.1:" + listener.socket().getLocalPort() + "/");
        assertTrue(refused(() -> container.connectToServer(new ValidEndpoint(), http)).getMessage()
                .contains("ws or wss"));
    }

    @Test
    void invalidClientPropertyIsRefused() {
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create().build();
        config.getUserProperties().put(ClientProperties.CONNECT_TIMEOUT, "later");
        assertTrue(refused(() -> container.connectToServer(new ValidEndpoint(), config, uri)).getMessage()
                .contains(ClientProperties.CONNECT_TIMEOUT));
    }

    @Test
    void stoppedContainerRefusesToConnect() {
        container.stop();
        assertThrows(IllegalStateException.class, () -> container.connectToServer(new ValidEndpoint(), uri));
    }

    @Test
    void defaultsFollowTheJavadocAndCanBeChanged() {
        assertEquals(0, container.getDefaultAsyncSendTimeout());
        assertEquals(0, container.getDefaultMaxSessionIdleTimeout());
        assertEquals(16 * 1024 * 1024, container.getDefaultMaxTextMessageBufferSize());
        assertEquals(16 * 1024 * 1024, container.getDefaultMaxBinaryMessageBufferSize());
        assertEquals(java.util.Set.of("permessage-deflate"), container.getInstalledExtensions().stream()
                .map(jakarta.websocket.Extension::getName).collect(java.util.stream.Collectors.toSet()));
        container.setAsyncSendTimeout(1000);
        container.setDefaultMaxSessionIdleTimeout(2000);
        container.setDefaultMaxTextMessageBufferSize(3000);
        container.setDefaultMaxBinaryMessageBufferSize(4000);
        assertEquals(List.of(1000L, 2000L, 3000, 4000), List.of(container.getDefaultAsyncSendTimeout(),
                container.getDefaultMaxSessionIdleTimeout(), container.getDefaultMaxTextMessageBufferSize(),
                container.getDefaultMaxBinaryMessageBufferSize()));
        assertThrows(IllegalArgumentException.class, () -> container.setDefaultMaxTextMessageBufferSize(0));
    }

    @Test
    void providerReturnsANewDuplexContainerEachTime() {
        WebSocketContainer first = ContainerProvider.getWebSocketContainer();
        WebSocketContainer second = ContainerProvider.getWebSocketContainer();
        assertInstanceOf(DuplexWebSocketContainer.class, first);
        assertTrue(first != second);
        first.setDefaultMaxSessionIdleTimeout(12345);
        assertEquals(0, second.getDefaultMaxSessionIdleTimeout());
    }

    /** A valid programmatic endpoint, for the cases where something else is wrong. */
    public static class ValidEndpoint extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
        }
    }
}
