package dev.duplex.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Arrays;
import java.util.regex.Pattern;

import org.jboss.arquillian.container.spi.ConfigurationException;
import org.junit.jupiter.api.Test;

class JettyEe11ConfigurationTest {

    @Test
    void defaultsBindLoopbackOnAnyFreePort() throws ConfigurationException {
        JettyEe11Configuration config = new JettyEe11Configuration();
        config.validate();
        assertEquals("127.0.0.1", config.getBindAddress());
        assertEquals(0, config.getPort());
    }

    @Test
    void portOutsideTheTcpRangeIsRejected() {
        JettyEe11Configuration config = new JettyEe11Configuration();
        config.setPort(70000);
        ConfigurationException e = assertThrows(ConfigurationException.class, config::validate);
        assertTrue(e.getMessage().contains("70000"), e.getMessage());
    }

    @Test
    void invalidContainerJarPatternIsRejected() {
        JettyEe11Configuration config = new JettyEe11Configuration();
        config.setContainerJarPattern(".*/duplex-(.jar$");
        assertThrows(ConfigurationException.class, config::validate);
    }

    @Test
    void containerJarPatternSelectsDuplexAndTheWebSocketApiButNotTheTck() {
        assertTrue(scanned("file:/home/u/.m2/repository/dev/duplex/duplex-servlet-bridge/0.1.0/duplex-servlet-bridge-0.1.0.jar"));
        assertTrue(scanned("file:/work/duplex/servlet-bridge/target/classes/"));
        assertTrue(scanned("file:/work/duplex/api-impl/target/classes/"));
        assertTrue(scanned("file:/r/jakarta/websocket/jakarta.websocket-api/2.2.0/jakarta.websocket-api-2.2.0.jar"));
        assertTrue(scanned("file:/r/jakarta/websocket/jakarta.websocket-client-api/2.2.0/jakarta.websocket-client-api-2.2.0.jar"));

        assertEquals(false, scanned("file:/work/duplex/tck-runner/target/duplex-tck-runner-0.1.0.jar"));
        assertEquals(false, scanned("file:/work/duplex/tck-runner/target/tck-2.2.0/classes/"));
        assertEquals(false, scanned("file:/work/duplex/tck-runner/target/tck-2.2.0/lib/websocket-tck-common-2.2.0.jar"));
        assertEquals(false, scanned("file:/r/jakarta/servlet/jakarta.servlet-api/6.1.0/jakarta.servlet-api-6.1.0.jar"));
    }

    /** Jetty splits the pattern at commas and matches each part against the whole URI. */
    private static boolean scanned(String uri) {
        String text = URI.create(uri).toString();
        return Arrays.stream(JettyEe11Configuration.DEFAULT_CONTAINER_JAR_PATTERN.split(","))
                .anyMatch(regex -> Pattern.compile(regex).matcher(text).matches());
    }
}
