package dev.duplex.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.duplex.servlet.ServerUnderTest.Container;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Stopping the application closes its open sessions with 1001 Going Away (RFC 6455 section 7.4.1). */
class ShutdownTest {

    @ParameterizedTest
    @EnumSource(Container.class)
    void stoppingTheContextSendsGoingAwayToEveryOpenSession(Container container) throws Exception {
        try (ServerUnderTest server = ServerUnderTest.start(container,
                deploy -> deploy.addEndpoint(TestEndpoints.Echo.class))) {
            JdkClient jdk = JdkClient.connect(server.ws("/echo"));
            JettyClient jetty = JettyClient.connect(server.ws("/echo"));
            try (jetty) {
                jdk.send("open?");
                assertEquals("open?", jdk.nextText());
                JettyClient.await(done -> jetty.session.sendText("open?", done));
                assertEquals("open?", jetty.nextText());

                server.stopApplication();

                assertEquals(1001, jdk.awaitClose().code());
                assertEquals(1001, jetty.awaitClose().code());
            }
        }
    }
}
