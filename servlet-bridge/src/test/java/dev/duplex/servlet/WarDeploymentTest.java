package dev.duplex.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.servlet.war.app.WarEchoEndpoint;
import dev.duplex.servlet.war.invalid.TwoTextHandlersEndpoint;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.eclipse.jetty.ee11.annotations.AnnotationConfiguration;
import org.eclipse.jetty.ee11.webapp.Configuration;
import org.eclipse.jetty.ee11.webapp.FragmentConfiguration;
import org.eclipse.jetty.ee11.webapp.JettyWebXmlConfiguration;
import org.eclipse.jetty.ee11.webapp.MetaInfConfiguration;
import org.eclipse.jetty.ee11.webapp.WebAppConfiguration;
import org.eclipse.jetty.ee11.webapp.WebAppContext;
import org.eclipse.jetty.ee11.webapp.WebInfConfiguration;
import org.eclipse.jetty.ee11.webapp.WebXmlConfiguration;
import org.junit.jupiter.api.Test;

/**
 * Duplex in a web application deployed the way a Servlet 6.1 server deploys a WAR: Jetty's
 * {@link WebAppContext} with annotation scanning, Duplex on the container's class path, and the
 * application's classes in WEB-INF/classes. Endpoints are found by the initializer alone: nothing
 * here calls Duplex.
 */
class WarDeploymentTest {

    private static Path war(String name, Class<?> member) throws Exception {
        return TestWar.assemble(name, member);
    }

    private static WebAppContext webApp(Path war) {
        WebAppContext context = new WebAppContext();
        context.setContextPath("/app");
        context.setWar(war.toString());
        context.setParentLoaderPriority(false);
        context.setConfigurations(new Configuration[] {
            new WebInfConfiguration(), new WebXmlConfiguration(), new MetaInfConfiguration(),
            new FragmentConfiguration(), new WebAppConfiguration(), new AnnotationConfiguration(),
            new JettyWebXmlConfiguration()
        });
        return context;
    }

    @Test
    void annotatedAndConfiguredEndpointsOfTheWarAreDeployedByTheInitializer() throws Exception {
        try (TestServer server = TestServer.start(webApp(war("app", WarEchoEndpoint.class)))) {
            JdkClient echo = JdkClient.connect(server.ws("/app/war-echo"));
            echo.send("hi");
            assertEquals("war:hi", echo.nextText());
            echo.closeNormally();

            try (JettyClient greeter = JettyClient.connect(server.ws("/app/war-greet"))) {
                assertEquals("greetings from the WAR", greeter.nextText());
            }
            assertEquals(200, RawHttp.exchange(server.port(),
                    RawHttp.handshake("GET", "/app/index.html", "Connection: close")).status());
        }
    }

    @Test
    void endpointsRunWithTheWebApplicationsClassLoaderAsContextClassLoader() throws Exception {
        try (TestServer server = TestServer.start(webApp(war("app", WarEchoEndpoint.class)))) {
            JdkClient client = JdkClient.connect(server.ws("/app/war-context-loader"));
            client.send("which?");
            assertEquals("the application's", client.nextText());
            client.closeNormally();
        }
    }

    @Test
    void invalidEndpointLeavesTheApplicationUpWithNoEndpointAndAClearLogLine() throws Exception {
        List<LogRecord> errors = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    errors.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger duplexLog = Logger.getLogger("dev.duplex");
        duplexLog.addHandler(capture);
        try (TestServer server = TestServer.start(webApp(war("invalid", TwoTextHandlersEndpoint.class)))) {
            WebAppContext context = server.handler();
            assertTrue(context.isAvailable(), "the web application must stay up");
            assertEquals(200, RawHttp.exchange(server.port(),
                    RawHttp.handshake("GET", "/app/index.html", "Connection: close")).status());
            for (String path : List.of("/app/invalid", "/app/valid")) {
                RawHttp.Response response = RawHttp.exchange(server.port(), RawHttp.validHandshake(path,
                        "Connection: close"));
                assertEquals(404, response.status(), path + " must not be upgraded");
            }
            assertTrue(errors.stream().anyMatch(record -> message(record).contains("not deployed")
                            && message(record).contains(TwoTextHandlersEndpoint.class.getName())),
                    "no error naming " + TwoTextHandlersEndpoint.class.getName() + " in " + errors.stream()
                            .map(WarDeploymentTest::message).toList());
        } finally {
            duplexLog.removeHandler(capture);
        }
    }

    private static String message(LogRecord record) {
        String message = record.getMessage();
        Object[] parameters = record.getParameters();
        if (parameters != null) {
            message = java.text.MessageFormat.format(message, parameters);
        }
        return message;
    }

}
