package dev.duplex.tck;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.catalina.Container;
import org.apache.catalina.Host;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.ContextConfig;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;

/**
 * Arquillian container that runs the deployments of a test run in one embedded Tomcat 11 (Servlet 6.1).
 *
 * <p>Each WAR is deployed the way Tomcat deploys one: its web.xml over a default one that only maps Tomcat's
 * {@code DefaultServlet} at "/" (Tomcat runs filters, Duplex's among them, only for requests mapped to a
 * servlet), the annotation scan of WEB-INF, and the initializers of WEB-INF/lib and of the container class path
 * (Duplex's servlet bridge). The container class path itself is not scanned for annotations, so the TCK jar
 * reaches no {@code @HandlesTypes}; the TCK and the test harness are hidden from the applications
 * ({@link HidingClassLoader}). Tomcat's own WebSocket implementation ({@code tomcat-embed-websocket}) must not be
 * on the class path; the start refuses it.
 */
public final class Tomcat11Container extends EmbeddedServletContainer<Tomcat11Configuration, StandardContext> {

    /** Tomcat's own Jakarta WebSocket initializer: with it on the class path the run would test Tomcat. */
    private static final List<String> TOMCAT_WEBSOCKET_CLASSES = List.of("org.apache.tomcat.websocket.server.WsSci");

    private static final String DEFAULT_WEB_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.1">
              <servlet>
                <servlet-name>default</servlet-name>
                <servlet-class>org.apache.catalina.servlets.DefaultServlet</servlet-class>
                <load-on-startup>1</load-on-startup>
              </servlet>
              <servlet-mapping>
                <servlet-name>default</servlet-name>
                <url-pattern>/</url-pattern>
              </servlet-mapping>
            </web-app>
            """;

    private Tomcat tomcat;
    private Path defaultWebXml;
    private ClassLoader applicationParent;

    public Tomcat11Container() {
        super("Tomcat 11");
    }

    @Override
    public Class<Tomcat11Configuration> getConfigurationClass() {
        return Tomcat11Configuration.class;
    }

    @Override
    Tomcat11Configuration defaultConfiguration() {
        return new Tomcat11Configuration();
    }

    @Override
    void startServer(Tomcat11Configuration config, Path workDirectory) throws Exception {
        refuse(TOMCAT_WEBSOCKET_CLASSES, "Remove tomcat-embed-websocket.");
        defaultWebXml = workDirectory.resolve("default-web.xml");
        Files.writeString(defaultWebXml, DEFAULT_WEB_XML);
        applicationParent = new HidingClassLoader(Tomcat11Container.class.getClassLoader(), config.getHiddenClasses());
        tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createDirectories(workDirectory.resolve("tomcat")).toString());
        Connector connector = new Connector();
        connector.setPort(config.getPort());
        connector.setProperty("address", config.getBindAddress());
        tomcat.setConnector(connector);
        Host host = tomcat.getHost();
        // Where Tomcat unpacks each WAR: the "webapps/<name>" directory the base class prepares.
        host.setAppBase(Files.createDirectories(workDirectory.resolve("webapps")).toString());
        host.setAutoDeploy(false);
        tomcat.start();
    }

    @Override
    void stopServer() throws Exception {
        try {
            tomcat.stop();
            tomcat.destroy();
        } finally {
            tomcat = null;
        }
    }

    @Override
    synchronized int port() {
        return tomcat.getConnector().getLocalPort();
    }

    @Override
    StandardContext deployWar(String name, Path war, Path files) {
        // Tomcat unpacks the WAR itself, into the directory the base class made; it must not exist yet.
        deleteRecursively(files);
        StandardContext context = new StandardContext();
        context.setName("/" + name);
        context.setPath("/" + name);
        context.setDocBase(war.toString());
        context.setParentClassLoader(applicationParent);
        ContextConfig contextConfig = new ContextConfig();
        contextConfig.setDefaultWebXml(defaultWebXml.toString());
        context.addLifecycleListener(contextConfig);
        StandardJarScanner scanner = new StandardJarScanner();
        scanner.setScanClassPath(false);
        context.setJarScanner(scanner);
        tomcat.getHost().addChild(context); // starts it
        return context;
    }

    @Override
    void undeployApplication(StandardContext context) {
        tomcat.getHost().removeChild(context); // stops and destroys it
    }

    @Override
    Object startFailure(StandardContext context) {
        // Tomcat keeps a context that failed to start, but maps no request to it: 404.
        return context.getState() == LifecycleState.STARTED ? null : context.getState();
    }

    @Override
    List<String> servletNames(StandardContext context) {
        List<String> names = new ArrayList<>();
        for (Container child : context.findChildren()) {
            names.add(child.getName());
        }
        return names;
    }
}
