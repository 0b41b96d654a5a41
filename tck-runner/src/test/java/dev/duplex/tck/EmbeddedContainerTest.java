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

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import fixture.war.FailingInitializer;
import fixture.war.HelloServlet;
import fixture.war.ProbeEndpoint;

/**
 * What both Arquillian containers must do with a WAR: serve it at its name, hand its endpoints to the container
 * class path's initializers, keep a WAR whose start fails deployed (the TCK's negative deployments), refuse
 * what they cannot deploy. Run on Jetty ({@link OnJetty}) and Tomcat ({@link OnTomcat}).
 */
class EmbeddedContainerTest {
    @Nested
    class OnJetty extends Contract {
        private JettyEe11Container jetty;

        @Override
        DeployableContainer<?> start() throws LifecycleException {
            jetty = new JettyEe11Container();
            jetty.setup(new JettyEe11Configuration());
            jetty.start();
            return jetty;
        }

        @Override
        int port() {
            return jetty.port();
        }

        @Override
        int statusOfAWarThatFailedToStart() {
            return 503; // Jetty keeps the context, unavailable
        }
    }

    @Nested
    class OnTomcat extends Contract {
        private Tomcat11Container tomcat;

        @Override
        DeployableContainer<?> start() throws LifecycleException {
            tomcat = new Tomcat11Container();
            tomcat.setup(new Tomcat11Configuration());
            tomcat.start();
            return tomcat;
        }

        @Override
        int port() {
            return tomcat.port();
        }

        @Override
        int statusOfAWarThatFailedToStart() {
            return 404; // Tomcat keeps the failed context, but maps no request to it
        }
    }

    /** The tests; a subclass starts its container. */
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class Contract {

        private static final HttpClient HTTP = HttpClient.newHttpClient();
        private DeployableContainer<?> container;

        /** A started container. */
        abstract DeployableContainer<?> start() throws LifecycleException;

        abstract int port();

        /** What a request to a WAR that failed to start is answered with. */
        abstract int statusOfAWarThatFailedToStart();

        @BeforeAll
        void startContainer() throws LifecycleException {
            container = start();
        }

        @AfterAll
        void stopContainer() throws LifecycleException {
            container.stop();
        }

        @Test
        void deployedWarIsServedAtItsNameWithoutDotWar() throws Exception {
            WebArchive war = ShrinkWrap.create(WebArchive.class, "hello_web.war").addClass(HelloServlet.class);

            ProtocolMetaData metaData = container.deploy(war);
            try {
                HTTPContext http = metaData.getContexts(HTTPContext.class).iterator().next();
                assertEquals("127.0.0.1", http.getHost());
                assertEquals(port(), http.getPort());
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
                assertEquals(port(), metaData.getContexts(HTTPContext.class).iterator().next().getPort());
                assertEquals(statusOfAWarThatFailedToStart(), get("/failing_web/hello").statusCode());
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

        private HttpResponse<String> get(String path) throws IOException, InterruptedException {
            URI uri = URI.create("http://127.0.0.1:" + port() + path);
            return HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
