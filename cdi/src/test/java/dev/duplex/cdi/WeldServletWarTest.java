package dev.duplex.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.cdi.war.WarEndpoint;
import dev.duplex.client.DuplexWebSocketContainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.eclipse.jetty.ee11.annotations.AnnotationConfiguration;
import org.eclipse.jetty.ee11.plus.webapp.EnvConfiguration;
import org.eclipse.jetty.ee11.plus.webapp.PlusConfiguration;
import org.eclipse.jetty.ee11.webapp.Configuration;
import org.eclipse.jetty.ee11.webapp.FragmentConfiguration;
import org.eclipse.jetty.ee11.webapp.JettyWebXmlConfiguration;
import org.eclipse.jetty.ee11.webapp.MetaInfConfiguration;
import org.eclipse.jetty.ee11.webapp.WebAppConfiguration;
import org.eclipse.jetty.ee11.webapp.WebAppContext;
import org.eclipse.jetty.ee11.webapp.WebInfConfiguration;
import org.eclipse.jetty.ee11.webapp.WebXmlConfiguration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A WAR with Weld Servlet on Jetty, deployed as a container deploys one (annotation scanning, every
 * ServletContainerInitializer): Duplex finds the bean manager with no configuration at all.
 */
class WeldServletWarTest {

    /**
     * Either initializer may run first (the Servlet specification leaves their order open); Jetty's context
     * attribute fixes it here, so both are tried. Duplex first means it must wait for Weld to deploy.
     */
    @ParameterizedTest
    @ValueSource(strings = {
        "dev.duplex.servlet.DuplexServletContainerInitializer, org.jboss.weld.environment.servlet.EnhancedListener",
        "org.jboss.weld.environment.servlet.EnhancedListener, dev.duplex.servlet.DuplexServletContainerInitializer"
    })
    void endpointsOfAWarAreInjectedByWeldServletWithNoConfiguration(String initializerOrder) throws Exception {
        WebAppContext app = new WebAppContext();
        app.setAttribute("org.eclipse.jetty.containerInitializerOrder", initializerOrder);
        app.setContextPath("/app");
        app.setWar(assembleWar().toString());
        app.setParentLoaderPriority(false);
        app.setConfigurations(new Configuration[] {
            new WebInfConfiguration(), new WebXmlConfiguration(), new MetaInfConfiguration(),
            new FragmentConfiguration(), new EnvConfiguration(), new PlusConfiguration(), new WebAppConfiguration(),
            new AnnotationConfiguration(), new JettyWebXmlConfiguration()
        }); // with JNDI (env, plus), where Weld Servlet binds its bean manager, as Jetty's ee11-annotations module has it
        DuplexWebSocketContainer client = DuplexWebSocketContainer.create();
        try (CdiServer server = CdiServer.serving(app)) {
            assertTrue(app.isAvailable(), "the application started");
            try (TextClient session = new TextClient(client, server.ws("/app/greet"))) {
                String first = session.ask("Ada");
                String second = session.ask("Ada");
                assertTrue(first.startsWith("Hello from the WAR, Ada call="), first);
                assertNotEquals(first, second, "each callback has its own request-scoped bean");
                assertEquals("Hello from the WAR, handshake", session.responseHeader("X-Greeting"));
            }
        } finally {
            client.stop();
        }
    }

    /** target/wars/cdi: the classes of the war package in WEB-INF/classes, and a beans.xml. */
    private static Path assembleWar() throws Exception {
        Path classes = Path.of(WarEndpoint.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String packagePath = WarEndpoint.class.getPackageName().replace('.', '/');
        Path war = classes.getParent().resolve("wars/cdi");
        Path target = Files.createDirectories(war.resolve("WEB-INF/classes").resolve(packagePath));
        try (Stream<Path> files = Files.list(classes.resolve(packagePath))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, target.resolve(file.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.writeString(war.resolve("WEB-INF/beans.xml"), """
                <beans xmlns="https://jakarta.ee/xml/ns/jakartaee" version="4.0" bean-discovery-mode="annotated"/>
                """);
        return war;
    }
}
