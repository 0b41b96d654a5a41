package dev.duplex.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.servlet.war.app.WarEchoEndpoint;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Duplex in a WAR on Tomcat 11, found by Tomcat's scan alone. */
class TomcatWarTest {

    /**
     * A WAR that brings Duplex in WEB-INF/lib: undeploying it ends the threads Duplex started for it, which
     * Tomcat would otherwise report as started by the application and not stopped (they keep its class loader).
     */
    @Test
    void undeployingAWarThatBringsDuplexEndsDuplexThreads() throws Exception {
        Path war = TestWar.assemble("tomcat-app", WarEchoEndpoint.class);
        TestWar.bringDuplex(war);
        List<String> warnings = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getMessage() != null && record.getMessage().contains("duplex-")) {
                    warnings.add(record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger tomcatLoader = Logger.getLogger("org.apache.catalina.loader");
        tomcatLoader.addHandler(capture);
        try (TomcatTestServer server = TomcatTestServer.startWar(war)) {
            ClassLoader application = server.context().getLoader().getClassLoader();
            JdkClient client = JdkClient.connect(server.ws("/app/war-idle-timeout"));
            client.send("whose?");
            assertEquals("the application's Duplex", client.nextText());
            List<Thread> duplexThreads = Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> thread.getName().startsWith("duplex-")
                            && thread.getContextClassLoader() == application)
                    .toList();
            assertFalse(duplexThreads.isEmpty(), "the WAR's own copy of Duplex should have started threads");

            server.context().stop();

            assertEquals(1001, client.awaitClose().code());
            for (Thread thread : duplexThreads) {
                assertFalse(thread.isAlive(), thread.getName() + " outlived the application");
            }
            assertTrue(warnings.isEmpty(), "Tomcat reported: " + warnings);
        } finally {
            tomcatLoader.removeHandler(capture);
        }
    }
}
