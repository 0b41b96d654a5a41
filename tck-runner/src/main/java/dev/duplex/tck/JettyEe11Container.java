package dev.duplex.tck;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.ee11.webapp.WebAppContext;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;

/**
 * Arquillian container that runs the deployments of a test run in one embedded Jetty 12.1 ee11 server, each WAR
 * deployed as {@link WebApplications} describes.
 */
public final class JettyEe11Container extends EmbeddedServletContainer<JettyEe11Configuration, WebAppContext> {

    private static final Logger LOG = System.getLogger(JettyEe11Container.class.getName());

    /**
     * Classes that betray Jetty's own WebSocket implementation. With it on the classpath its
     * initializer would deploy the TCK's endpoints, and the run would test Jetty, not Duplex.
     */
    private static final List<String> JETTY_WEBSOCKET_CLASSES = List.of(
            "org.eclipse.jetty.websocket.core.CoreSession",
            "org.eclipse.jetty.ee11.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer",
            "org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer");

    private JettyEe11Configuration config;
    private EmbeddedJetty jetty;

    public JettyEe11Container() {
        super("Jetty ee11");
    }

    @Override
    public Class<JettyEe11Configuration> getConfigurationClass() {
        return JettyEe11Configuration.class;
    }

    @Override
    JettyEe11Configuration defaultConfiguration() {
        return new JettyEe11Configuration();
    }

    @Override
    void startServer(JettyEe11Configuration configuration, Path workDirectory) throws Exception {
        refuse(JETTY_WEBSOCKET_CLASSES, "Remove the jetty-*websocket* dependencies.");
        this.config = configuration;
        jetty = new EmbeddedJetty(configuration.getBindAddress(), configuration.getPort());
        jetty.start();
    }

    @Override
    void stopServer() throws Exception {
        try {
            jetty.stop();
        } finally {
            jetty = null;
        }
    }

    @Override
    synchronized int port() {
        return jetty.port();
    }

    @Override
    WebAppContext deployWar(String name, Path war, Path files) throws Exception {
        WebAppContext context = WebApplications.create(war, "/" + name, files, config);
        jetty.deploy(context);
        return context;
    }

    @Override
    void undeployApplication(WebAppContext context) throws Exception {
        jetty.undeploy(context);
    }

    @Override
    Object startFailure(WebAppContext context) {
        return context.getUnavailableException(); // it answers 503 (WebApplications)
    }

    @Override
    List<String> servletNames(WebAppContext context) {
        List<String> names = new ArrayList<>();
        ServletHolder[] holders = context.getServletHandler().getServlets();
        if (holders != null) {
            for (ServletHolder holder : holders) {
                names.add(holder.getName());
            }
        }
        return names;
    }

    @Override
    void firstDeployed(WebAppContext context) {
        LOG.log(Level.INFO, "Container classpath entries scanned for every web application: {0}",
                context.getMetaData().getContainerResources());
    }
}
