package dev.duplex.servlet;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * An embedded Tomcat 11 listening on 127.0.0.1 at a port the system picks, with one context at "/" into
 * which Duplex is installed by its {@code ServletContainerInitializer}, as in a WAR. Tomcat's own
 * WebSocket implementation is not on the class path. Stopping it ends every connection.
 */
final class TomcatTestServer implements AutoCloseable {
    private final Tomcat tomcat = new Tomcat();
    private final Path baseDir;
    private final Context context;

    private TomcatTestServer(Set<Class<?>> endpoints) throws Exception {
        baseDir = Files.createTempDirectory("duplex-tomcat");
        tomcat.setBaseDir(baseDir.toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        context = tomcat.addContext("", baseDir.toString());
        ServletContainerInitializer duplex = new DuplexServletContainerInitializer();
        context.addServletContainerInitializer(duplex, endpoints);
        // Tomcat runs filters only for requests mapped to a servlet; Duplex's filter answers the upgrades.
        Tomcat.addServlet(context, "default", new HttpServlet() {
            private static final long serialVersionUID = 1L;
        });
        context.addServletMappingDecoded("/", "default");
    }

    /** Starts Tomcat with the given endpoint classes handed to Duplex's initializer, as a WAR's scan would. */
    static TomcatTestServer start(Class<?>... endpoints) throws Exception {
        TomcatTestServer server = new TomcatTestServer(Set.of(endpoints));
        try {
            server.tomcat.start();
        } catch (Exception e) {
            server.close();
            throw e;
        }
        return server;
    }

    Context context() {
        return context;
    }

    int port() {
        return tomcat.getConnector().getLocalPort();
    }

    URI ws(String path) {
        return URI.create("ws://127.0.0.1:" + port() + path);
    }

    @Override
    public void close() throws LifecycleException {
        try {
            tomcat.stop();
        } finally {
            tomcat.destroy();
        }
    }
}
