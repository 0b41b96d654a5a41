package dev.duplex.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.duplex.servlet.jetty.DuplexJetty;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.junit.jupiter.api.Test;

/** Stopping the application closes its open sessions with 1001 Going Away (RFC 6455 section 7.4.1). */
class ShutdownTest {

    @Test
    void stoppingTheContextSendsGoingAwayToEveryOpenSession() throws Exception {
        try (TestServer server = TestServer.start(context -> DuplexJetty.enable(context,
                container -> container.addEndpoint(TestEndpoints.Echo.class)))) {
            JdkClient jdk = JdkClient.connect(server.ws("/echo"));
            JettyClient jetty = JettyClient.connect(server.ws("/echo"));
            try (jetty) {
                jdk.send("open?");
                assertEquals("open?", jdk.nextText());
                JettyClient.await(done -> jetty.session.sendText("open?", done));
                assertEquals("open?", jetty.nextText());

                server.<ServletContextHandler>handler().stop();

                assertEquals(1001, jdk.awaitClose().code());
                assertEquals(1001, jetty.awaitClose().code());
            }
        }
    }
}
