package dev.duplex.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.servlet.jetty.DuplexJetty;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.junit.jupiter.api.Test;

/**
 * Programmatic deployment through the {@code jakarta.websocket.server.ServerContainer} context
 * attribute (Jakarta WebSocket 2.2 section 6.4): from a {@code ServletContextListener} during
 * start-up, and from application code once the application runs.
 */
class ListenerDeploymentTest {

    /** Deploys the greeter at /greet/{name} as the application starts. */
    public static class Deployer implements ServletContextListener {
        @Override
        public void contextInitialized(ServletContextEvent event) {
            ServerContainer container = (ServerContainer) event.getServletContext()
                    .getAttribute(ServerContainer.class.getName());
            try {
                container.addEndpoint(ServerEndpointConfig.Builder.create(Greeter.class, "/greet/{name}").build());
            } catch (DeploymentException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Deploys a valid endpoint, then one whose path is taken; the error is caught and swallowed. */
    public static class FailingDeployer implements ServletContextListener {
        static final CompletableFuture<DeploymentException> FAILURE = new CompletableFuture<>();

        @Override
        public void contextInitialized(ServletContextEvent event) {
            ServerContainer container = (ServerContainer) event.getServletContext()
                    .getAttribute(ServerContainer.class.getName());
            try {
                container.addEndpoint(ServerEndpointConfig.Builder.create(Greeter.class, "/first/{name}").build());
                container.addEndpoint(ServerEndpointConfig.Builder.create(Greeter.class, "/first/{other}").build());
            } catch (DeploymentException e) {
                FAILURE.complete(e);
            }
        }
    }

    /** Deploys /late/{name} when asked, once the application is running, and reports the outcome. */
    public static class LateDeployer extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            ServerContainer container = (ServerContainer) getServletContext().getAttribute(ServerContainer.class.getName());
            String path = request.getParameter("path");
            try {
                container.addEndpoint(ServerEndpointConfig.Builder.create(Greeter.class, path).build());
                response.getWriter().print("deployed");
            } catch (DeploymentException e) {
                response.getWriter().print("DeploymentException");
            }
        }
    }

    @Test
    void listenerDeploysAProgrammaticEndpointAtStartUp() throws Exception {
        try (TestServer server = TestServer.start(context -> {
            DuplexJetty.enable(context);
            context.addEventListener(new Deployer());
        })) {
            JdkClient client = JdkClient.connect(server.ws("/greet/eve"));
            assertEquals("hello eve", client.nextText());
            client.closeNormally();
        }
    }

    @Test
    void deploymentErrorDuringStartUpTakesEveryEndpointOutOfService() throws Exception {
        try (TestServer server = TestServer.start(context -> {
            DuplexJetty.enable(context);
            context.addEventListener(new FailingDeployer());
        })) {
            assertInstanceOf(DeploymentException.class, FailingDeployer.FAILURE.get(5, TimeUnit.SECONDS));
            // The first endpoint was valid, but section 5.2.1 takes the application's endpoints out of service.
            RawHttp.Response response = RawHttp.exchange(server.port(),
                    RawHttp.validHandshake("/first/x", "Connection: close"));
            assertEquals(404, response.status());
        }
    }

    @Test
    void endpointAddedWhileRunningServesAndItsErrorStaysWithTheCaller() throws Exception {
        try (TestServer server = TestServer.start(context -> {
            DuplexJetty.enable(context, container -> container.addEndpoint(TestEndpoints.Echo.class));
            context.addServlet(new ServletHolder(new LateDeployer()), "/deploy");
        })) {
            assertEquals("deployed", RawHttp.exchange(server.port(), RawHttp.handshake("GET",
                    "/deploy?path=/late/%7Bname%7D", "Connection: close")).body());
            assertEquals("DeploymentException", RawHttp.exchange(server.port(), RawHttp.handshake("GET",
                    "/deploy?path=/echo", "Connection: close")).body());

            JdkClient late = JdkClient.connect(server.ws("/late/frank"));
            assertEquals("hello frank", late.nextText());
            late.closeNormally();
            JdkClient echo = JdkClient.connect(server.ws("/echo"));
            echo.send("still here");
            assertTrue(echo.nextText().equals("still here"));
            echo.closeNormally();
        }
    }
}
