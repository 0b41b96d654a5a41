package dev.duplex.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.servlet.ServerUnderTest.Container;
import dev.duplex.servlet.war.app.WarEchoEndpoint;
import dev.duplex.servlet.war.invalid.TwoTextHandlersEndpoint;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Duplex in a web application deployed the way a Servlet 6.1 server deploys a WAR, on Jetty (its
 * {@link WebAppContext} with annotation scanning) and on Tomcat (its {@code ContextConfig}): Duplex on the
 * container's class path, and the application's classes in WEB-INF/classes. Endpoints are found by the
 * initializer alone: nothing here calls Duplex.
 */
class WarDeploymentTest {

    private static Path war(String name, Class<?> member) throws Exception {
        return TestWar.assemble(name, member);
    }

    @ParameterizedTest
    @EnumSource(value = Container.class, names = {"JETTY", "TOMCAT"})
    void annotatedAndConfiguredEndpointsOfTheWarAreDeployedByTheInitializer(Container container) throws Exception {
        try (ServerUnderTest server = ServerUnderTest.startWar(container, war("app", WarEchoEndpoint.class))) {
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

    @ParameterizedTest
    @EnumSource(value = Container.class, names = {"JETTY", "TOMCAT"})
    void endpointsRunWithTheWebApplicationsClassLoaderAsContextClassLoader(Container container) throws Exception {
        try (ServerUnderTest server = ServerUnderTest.startWar(container, war("app", WarEchoEndpoint.class))) {
            JdkClient client = JdkClient.connect(server.ws("/app/war-context-loader"));
            client.send("which?");
            assertEquals("the application's", client.nextText());
            client.closeNormally();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Container.class, names = {"JETTY", "TOMCAT"})
    void invalidEndpointLeavesTheApplicationUpWithNoEndpointAndAClearLogLine(Container container) throws Exception {
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
        try (ServerUnderTest server = ServerUnderTest.startWar(container, war("invalid", TwoTextHandlersEndpoint.class))) {
            assertTrue(server.applicationAvailable(), "the web application must stay up");
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
