package dev.duplex.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.duplex.servlet.ServerUnderTest.Container;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code ServerContainer.upgradeHttpToWebSocket} (Jakarta WebSocket 2.2 section 6.6): an application
 * servlet or filter upgrades a request with a configuration that was never deployed.
 */
class UpgradeHttpToWebSocketTest {
    private static final ServerEndpointConfig GREETER = ServerEndpointConfig.Builder
            .create(Greeter.class, "/by-hand/{name}").build();

    /** Upgrades every request to the greeter, naming the path info; answers 400 when that is refused. */
    public static class UpgradingServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            ServerContainer container = (ServerContainer) getServletContext().getAttribute(ServerContainer.class.getName());
            try {
                container.upgradeHttpToWebSocket(request, response, GREETER,
                        Map.of("name", request.getPathInfo().substring(1)));
            } catch (IllegalStateException | DeploymentException e) {
                response.sendError(400, e.getClass().getSimpleName());
            }
        }
    }

    /** The same from a filter, which ends the chain for the requests it upgrades. */
    public static class UpgradingFilter implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            HttpServletRequest http = (HttpServletRequest) request;
            if (!"websocket".equalsIgnoreCase(http.getHeader("Upgrade"))) {
                chain.doFilter(request, response);
                return;
            }
            ServerContainer container = (ServerContainer) request.getServletContext()
                    .getAttribute(ServerContainer.class.getName());
            try {
                container.upgradeHttpToWebSocket(request, response, GREETER, Map.of("name", "from a filter"));
            } catch (DeploymentException e) {
                throw new ServletException(e);
            }
        }
    }

    private static final Map<Container, ServerUnderTest> SERVERS = new EnumMap<>(Container.class);

    /** The container's server, started on first use and shared by the class's tests. */
    private static ServerUnderTest server(Container container) throws Exception {
        ServerUnderTest server = SERVERS.get(container);
        if (server == null) {
            server = ServerUnderTest.start(container, context -> {
                context.addServlet("upgrading", new UpgradingServlet()).addMapping("/servlet/*");
                context.addFilter("upgrading", new UpgradingFilter())
                        .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/filter/*");
            }, deploy -> {
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

    @ParameterizedTest
    @EnumSource(Container.class)
    void servletUpgradesWithAConfigurationThatIsNotDeployed(Container container) throws Exception {
        JdkClient client = JdkClient.connect(server(container).ws("/servlet/alice"));
        assertEquals("hello alice", client.nextText());
        client.send("ping?");
        assertEquals("ping?", client.nextText());
        assertEquals(1000, client.closeNormally().code());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void filterUpgradesWithAConfigurationThatIsNotDeployed(Container container) throws Exception {
        try (JettyClient client = JettyClient.connect(server(container).ws("/filter/anything"))) {
            assertEquals("hello from a filter", client.nextText());
            JettyClient.await(done -> client.session.sendText("echo me", done));
            assertEquals("echo me", client.nextText());
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void requestThatIsNoHandshakeIsRefusedWithIllegalStateException(Container container) throws Exception {
        RawHttp.Response response = RawHttp.exchange(server(container).port(),
                RawHttp.handshake("GET", "/servlet/bob", "Connection: close"));
        assertEquals(400, response.status());
        assertEquals(true, response.body().contains("IllegalStateException"), response.body());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void invalidHandshakeGetsTheRefusalStatus(Container container) throws Exception {
        RawHttp.Response response = RawHttp.exchange(server(container).port(), RawHttp.handshake("GET", "/servlet/carol",
                "Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Version: 13"));
        assertEquals(400, response.status()); // no Sec-WebSocket-Key
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void pathOfTheConfigurationIsNotDeployed(Container container) throws Exception {
        RawHttp.Response response = RawHttp.exchange(server(container).port(), RawHttp.validHandshake("/by-hand/dave",
                "Connection: close"));
        assertEquals(404, response.status());
    }
}
