package dev.duplex.servlet;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.servlets.DefaultServlet;
import org.apache.catalina.startup.ContextConfig;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;

/**
 * An embedded Tomcat 11 listening on 127.0.0.1 at a port the system picks, serving one context. Tomcat's own
 * WebSocket implementation is not on the class path. Stopping it ends every connection.
 */
final class TomcatTestServer implements AutoCloseable {
    private final Tomcat tomcat = new Tomcat();
    private final Context context;

    private TomcatTestServer(String contextPath, Path docBase) throws Exception {
        tomcat.setBaseDir(Files.createTempDirectory("duplex-tomcat").toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        context = tomcat.addContext(contextPath, docBase.toString());
    }

    /** Sets up a context before it starts. */
    @FunctionalInterface
    interface ContextSetup {
        void configure(Context context) throws Exception;
    }

    /** A bare context at "/" (no servlets, no scan), set up by {@code setup}: as an embedded application has it. */
    static TomcatTestServer startEmbedded(ContextSetup setup) throws Exception {
        TomcatTestServer server = new TomcatTestServer("", Files.createTempDirectory("duplex-tomcat-root"));
        setup.configure(server.context);
        return server.started();
    }

    /**
     * The unpacked web application {@code war} at "/app", deployed as Tomcat deploys a WAR: web.xml, the
     * annotation scan of WEB-INF, and the initializers its jars and the container's class path declare.
     * The test class path is not scanned for the application's classes.
     */
    static TomcatTestServer startWar(Path war) throws Exception {
        TomcatTestServer server = new TomcatTestServer("/app", war);
        ContextConfig config = new ContextConfig();
        config.setDefaultWebXml(server.tomcat.noDefaultWebXmlPath());
        server.context.addLifecycleListener(config);
        ((StandardJarScanner) server.context.getJarScanner()).setScanClassPath(false);
        Tomcat.addServlet(server.context, "default", new DefaultServlet());
        server.context.addServletMappingDecoded("/", "default");
        return server.started();
    }

    private TomcatTestServer started() throws Exception {
        try {
            tomcat.start();
        } catch (Exception e) {
            close();
            throw e;
        }
        return this;
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
