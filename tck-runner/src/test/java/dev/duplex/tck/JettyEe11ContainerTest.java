package dev.duplex.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.websocket.server.ServerEndpoint;

import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import fixture.war.FailingInitializer;
import fixture.war.HelloServlet;
import fixture.war.ProbeEndpoint;

class JettyEe11ContainerTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static JettyEe11Container container;

    @BeforeAll
    static void startContainer() throws LifecycleException {
        container = new JettyEe11Container();
        container.setup(new JettyEe11Configuration());
        container.start();
    }

    @AfterAll
    static void stopContainer() throws LifecycleException {
        container.stop();
    }

    @Test
    void deployedWarIsServedAtItsNameWithoutDotWar() throws Exception {
        WebArchive war = ShrinkWrap.create(WebArchive.class, "hello_web.war").addClass(HelloServlet.class);

        ProtocolMetaData metaData = container.deploy(war);
        try {
            HTTPContext http = metaData.getContexts(HTTPContext.class).iterator().next();
            assertEquals("127.0.0.1", http.getHost());
            assertEquals(container.port(), http.getPort());
            assertFalse(http.getServlets().isEmpty());
            assertTrue(http.getServlets().stream().allMatch(s -> s.getContextRoot().equals("/hello_web")));

            HttpResponse<String> response = get("/hello_web/hello");
            assertEquals(200, response.statusCode());
            assertEquals("hello from /hello_web", response.body());
        } finally {
            container.undeploy(war);
        }
    }

    @Test
    void undeployedWarIsNoLongerServed() throws Exception {
        WebArchive war = ShrinkWrap.create(WebArchive.class, "gone_web.war").addClass(HelloServlet.class);
        container.deploy(war);

        container.undeploy(war);

        assertEquals(404, get("/gone_web/hello").statusCode());
    }

    @Test
    void containerInitializerReceivesTheWarsEndpointsWithTheContainersApiClasses() throws Exception {
        WebArchive war = ShrinkWrap.create(WebArchive.class, "probe_web.war").addClass(ProbeEndpoint.class);

        container.deploy(war);
        try {
            Set<Class<?>> endpoints = ContainerProbeInitializer.endpointsOf("/probe_web");
            assertNotNull(endpoints, "the container classpath initializer did not run for /probe_web");
            assertEquals(1, endpoints.size(), () -> "endpoints: " + endpoints);
            Class<?> endpoint = endpoints.iterator().next();
            assertEquals(ProbeEndpoint.class.getName(), endpoint.getName());
            // The WAR's own copy, loaded child first ...
            assertNotSame(ProbeEndpoint.class, endpoint);
            // ... annotated with the container's ServerEndpoint class, the one Duplex reads.
            assertNotNull(endpoint.getAnnotation(ServerEndpoint.class));
        } finally {
            container.undeploy(war);
        }
    }

    @Test
    void warWhoseInitializerFailsIsDeployedButUnavailable() throws Exception {
        JavaArchive initializerJar = ShrinkWrap.create(JavaArchive.class, "failing-initializer.jar")
                .addClass(FailingInitializer.class)
                .addAsServiceProvider(ServletContainerInitializer.class, FailingInitializer.class);
        WebArchive war = ShrinkWrap.create(WebArchive.class, "failing_web.war")
                .addClass(HelloServlet.class)
                .addAsLibrary(initializerJar);

        ProtocolMetaData metaData = container.deploy(war);
        try {
            assertEquals(container.port(), metaData.getContexts(HTTPContext.class).iterator().next().getPort());
            assertEquals(503, get("/failing_web/hello").statusCode());
        } finally {
            container.undeploy(war);
        }
    }

    @Test
    void secondDeploymentOfTheSameNameIsRefused() throws Exception {
        WebArchive war = ShrinkWrap.create(WebArchive.class, "twice_web.war").addClass(HelloServlet.class);
        container.deploy(war);
        try {
            DeploymentException e = assertThrows(DeploymentException.class, () -> container.deploy(war));
            assertTrue(e.getMessage().contains("/twice_web is already deployed"), e.getMessage());
        } finally {
            container.undeploy(war);
        }
    }

    @Test
    void archiveThatIsNotAWarIsRefused() {
        JavaArchive jar = ShrinkWrap.create(JavaArchive.class, "plain.jar");

        DeploymentException e = assertThrows(DeploymentException.class, () -> container.deploy(jar));

        assertTrue(e.getMessage().contains("deploys only a WebArchive"), e.getMessage());
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + container.port() + path);
        return HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
