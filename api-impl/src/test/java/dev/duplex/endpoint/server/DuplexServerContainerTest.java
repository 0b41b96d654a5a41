package dev.duplex.endpoint.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.engine.Limits;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DuplexServerContainerTest {
    public static class Programmatic extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
        }
    }

    @ServerEndpoint("/annotated/{id}")
    public static class Annotated {
        @OnMessage
        public String echo(String message) {
            return message;
        }
    }

    @ServerEndpoint("/other")
    public static class OtherAnnotated {
    }

    public static class NotAnEndpoint {
    }

    private final List<Class<?>> scanned = new ArrayList<>();

    /** A stand-in for the annotation package: reads only the path. */
    private final ServerEndpointScanner scanner = (endpointClass, instances) -> {
        scanned.add(endpointClass);
        String path = endpointClass.getAnnotation(ServerEndpoint.class).value();
        return ServerEndpointConfig.Builder.create(endpointClass, path).build();
    };

    private final DuplexServerContainer container = new DuplexServerContainer(scanner, null);

    private static ServerEndpointConfig config(String path) {
        return ServerEndpointConfig.Builder.create(Programmatic.class, path).build();
    }

    @Test
    void programmaticEndpointIsDeployedAndMatched() throws DeploymentException {
        ServerEndpointConfig config = config("/chat/{room}");
        container.addEndpoint(config);
        EndpointMatch match = container.match("/chat/lobby");
        assertSame(config, match.config());
        assertEquals(Map.of("room", "lobby"), match.pathParameters());
    }

    @Test
    void annotatedEndpointGoesThroughTheScanner() throws DeploymentException {
        container.addEndpoint(Annotated.class);
        assertEquals(List.of(Annotated.class), scanned);
        assertEquals(Annotated.class, container.match("/annotated/7").config().getEndpointClass());
    }

    @Test
    void annotatedEndpointSubmittedTwiceIsDeployedOnce() throws DeploymentException {
        container.addEndpoint(Annotated.class);
        container.addEndpoint(Annotated.class);
        assertEquals(1, scanned.size());
        assertEquals(1, container.registry().configs().size());
    }

    @Test
    void classWithoutServerEndpointAnnotationIsRejected() {
        DeploymentException e = assertThrows(DeploymentException.class,
                () -> container.addEndpoint(Programmatic.class));
        assertTrue(e.getMessage().contains("not annotated with @ServerEndpoint"), e.getMessage());
    }

    @Test
    void annotatedEndpointWithoutScannerIsRejected() {
        DuplexServerContainer bare = new DuplexServerContainer(null, null);
        DeploymentException e = assertThrows(DeploymentException.class, () -> bare.addEndpoint(Annotated.class));
        assertTrue(e.getMessage().contains("no annotation scanner"), e.getMessage());
    }

    @Test
    void configForAClassThatIsNoEndpointIsRejected() {
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(NotAnEndpoint.class, "/x").build();
        DeploymentException e = assertThrows(DeploymentException.class, () -> container.addEndpoint(config));
        assertTrue(e.getMessage().contains(NotAnEndpoint.class.getName()), e.getMessage());
    }

    @Test
    void configForAnAnnotatedClassIsAccepted() throws DeploymentException {
        container.addEndpoint(ServerEndpointConfig.Builder.create(Annotated.class, "/elsewhere").build());
        assertNotNull(container.match("/elsewhere"));
    }

    @Test
    void emptyPathIsADeploymentException() {
        ServerEndpointConfig config = new ConfigWithPath("");
        DeploymentException e = assertThrows(DeploymentException.class, () -> container.addEndpoint(config));
        assertTrue(e.getMessage().contains("must not be empty"), e.getMessage());
    }

    @Test
    void nullConfigIsADeploymentException() {
        assertThrows(DeploymentException.class, () -> container.addEndpoint((ServerEndpointConfig) null));
    }

    @Test
    void nullClassIsADeploymentException() {
        assertThrows(DeploymentException.class, () -> container.addEndpoint((Class<?>) null));
    }

    @Test
    void deploymentErrorDuringDeploymentTakesEveryEndpointOutOfService() throws DeploymentException {
        // Section 5.2.1 [WSC-5.2.1-3], as the TCK's negdep tests check.
        container.addEndpoint(config("/echo"));
        assertThrows(DeploymentException.class, () -> container.addEndpoint(config("/echo")));
        assertTrue(container.isDeploymentFailed());
        assertNull(container.match("/echo"));
        IllegalStateException later = assertThrows(IllegalStateException.class,
                () -> container.addEndpoint(config("/valid")));
        assertTrue(later.getMessage().contains("section 5.2.1"), later.getMessage());
        assertThrows(IllegalStateException.class, () -> container.addEndpoint(OtherAnnotated.class));
    }

    @Test
    void deploymentErrorAfterDeploymentReachesOnlyTheCaller() throws DeploymentException {
        container.addEndpoint(config("/echo"));
        container.deploymentComplete();
        assertThrows(DeploymentException.class, () -> container.addEndpoint(config("/echo")));
        assertNotNull(container.match("/echo"));
        container.addEndpoint(config("/later"));
        assertNotNull(container.match("/later"));
    }

    @Test
    void endpointsMayBeAddedAfterDeploymentCompletes() throws DeploymentException {
        // Section 6.4: since 2.1 programmatic deployment is not restricted to the deployment phase.
        container.deploymentComplete();
        container.addEndpoint(Annotated.class);
        assertNotNull(container.match("/annotated/1"));
    }

    @Test
    void transportReportedFailureTakesEveryEndpointOutOfService() throws DeploymentException {
        container.addEndpoint(config("/echo"));
        container.deploymentFailed(new DeploymentException("scan failed"));
        assertNull(container.match("/echo"));
        assertThrows(IllegalStateException.class, () -> container.addEndpoint(config("/x")));
    }

    @Test
    void upgradeWithoutServletTransportIsUnsupported() {
        assertThrows(UnsupportedOperationException.class,
                () -> container.upgradeHttpToWebSocket(new Object(), new Object(), config("/x"), Map.of()));
    }

    @Test
    void upgradeIsDelegatedToTheTransport() throws Exception {
        List<Object> seen = new ArrayList<>();
        container.setHttpUpgrader((request, response, config, pathParameters) -> {
            seen.add(request);
            seen.add(response);
            seen.add(config);
            seen.add(pathParameters);
        });
        Object request = new Object();
        Object response = new Object();
        ServerEndpointConfig config = config("/x");
        container.upgradeHttpToWebSocket(request, response, config, null);
        assertEquals(List.of(request, response, config, Map.of()), seen);
        assertNull(container.match("/x"), "upgradeHttpToWebSocket must not deploy the endpoint");
    }

    @Test
    void connectWithoutClientIsADeploymentException() {
        DeploymentException e = assertThrows(DeploymentException.class,
                () -> container.connectToServer(Programmatic.class, null, URI.create("ws://localhost/x")));
        assertTrue(e.getMessage().contains("no WebSocket client"), e.getMessage());
    }

    @Test
    void defaultsFollowTheJavadocAndTheEngine() {
        assertEquals(0, container.getDefaultAsyncSendTimeout());
        assertEquals(0, container.getDefaultMaxSessionIdleTimeout());
        assertEquals(Limits.DEFAULT.maxTextMessageSize(), container.getDefaultMaxTextMessageBufferSize());
        assertEquals(Limits.DEFAULT.maxBinaryMessageSize(), container.getDefaultMaxBinaryMessageBufferSize());
        assertEquals(java.util.Set.of("permessage-deflate"), container.getInstalledExtensions().stream()
                .map(jakarta.websocket.Extension::getName).collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void defaultsCanBeChanged() {
        container.setAsyncSendTimeout(1500);
        container.setDefaultMaxSessionIdleTimeout(-1);
        container.setDefaultMaxTextMessageBufferSize(1024);
        container.setDefaultMaxBinaryMessageBufferSize(2048);
        assertEquals(1500, container.getDefaultAsyncSendTimeout());
        assertEquals(-1, container.getDefaultMaxSessionIdleTimeout());
        assertEquals(1024, container.getDefaultMaxTextMessageBufferSize());
        assertEquals(2048, container.getDefaultMaxBinaryMessageBufferSize());
    }

    @Test
    void nonPositiveBufferSizeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> container.setDefaultMaxTextMessageBufferSize(0));
        assertThrows(IllegalArgumentException.class, () -> container.setDefaultMaxBinaryMessageBufferSize(-5));
    }

    /** A hand-written configuration, as applications may provide (the Builder refuses bad paths itself). */
    private static final class ConfigWithPath implements ServerEndpointConfig {
        private final String path;

        ConfigWithPath(String path) {
            this.path = path;
        }

        @Override
        public Class<?> getEndpointClass() {
            return Programmatic.class;
        }

        @Override
        public String getPath() {
            return path;
        }

        @Override
        public List<String> getSubprotocols() {
            return List.of();
        }

        @Override
        public List<jakarta.websocket.Extension> getExtensions() {
            return List.of();
        }

        @Override
        public Configurator getConfigurator() {
            return null;
        }

        @Override
        public List<Class<? extends jakarta.websocket.Encoder>> getEncoders() {
            return List.of();
        }

        @Override
        public List<Class<? extends jakarta.websocket.Decoder>> getDecoders() {
            return List.of();
        }

        @Override
        public Map<String, Object> getUserProperties() {
            return Map.of();
        }
    }
}
