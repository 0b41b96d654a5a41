package dev.duplex.tck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.ee11.webapp.WebAppContext;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.arquillian.container.spi.client.protocol.ProtocolDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Arquillian container that runs the deployments of a test run in one embedded Jetty 12.1 ee11
 * server: started once for the run, each {@link WebArchive} deployed as a web application whose
 * context path is the WAR's name without {@code .war} (the TCK's {@code setContextRoot} value).
 *
 * <p>Only {@code @Deployment(testable = false)} deployments are meant to run here: the container
 * offers the {@code Local} protocol, so the tests run in the JVM that runs Jetty.
 *
 * <p>Thread-safety: Arquillian drives a container from one thread at a time; the methods are
 * synchronized anyway, so that a stray concurrent call cannot corrupt the deployment table.
 */
public final class JettyEe11Container implements DeployableContainer<JettyEe11Configuration> {

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
    private Path workDirectory;
    private boolean ownsWorkDirectory;
    private boolean containerJarsReported;
    private final Map<String, Deployment> deployments = new LinkedHashMap<>();

    /** One deployed WAR: its context, its exported file and its temporary directory. */
    private record Deployment(WebAppContext context, Path war, Path tempDirectory) {
    }

    @Override
    public Class<JettyEe11Configuration> getConfigurationClass() {
        return JettyEe11Configuration.class;
    }

    @Override
    public synchronized void setup(JettyEe11Configuration configuration) {
        this.config = configuration;
    }

    @Override
    public ProtocolDescription getDefaultProtocol() {
        return new ProtocolDescription("Local");
    }

    @Override
    public synchronized void start() throws LifecycleException {
        if (config == null) {
            config = new JettyEe11Configuration();
        }
        refuseJettyWebSocket();
        try {
            openWorkDirectory();
            jetty = new EmbeddedJetty(config.getBindAddress(), config.getPort());
            jetty.start();
        } catch (Exception e) {
            throw new LifecycleException("Jetty ee11 could not start on " + config.getBindAddress() + ":"
                    + config.getPort() + ": " + e.getMessage(), e);
        }
        LOG.log(Level.INFO, "Jetty ee11 listens on http://{0}:{1,number,#} (work directory {2})",
                config.getBindAddress(), jetty.port(), workDirectory);
    }

    @Override
    public synchronized void stop() throws LifecycleException {
        if (jetty == null) {
            return;
        }
        for (String name : List.copyOf(deployments.keySet())) {
            undeployQuietly(name);
        }
        try {
            jetty.stop();
        } catch (Exception e) {
            throw new LifecycleException("Jetty ee11 did not stop cleanly: " + e.getMessage(), e);
        } finally {
            jetty = null;
            if (ownsWorkDirectory) {
                try {
                    deleteRecursively(workDirectory);
                } catch (UncheckedIOException e) {
                    LOG.log(Level.WARNING, "Could not delete the work directory " + workDirectory, e);
                }
            }
        }
        LOG.log(Level.INFO, "Jetty ee11 stopped");
    }

    @Override
    public synchronized ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        if (jetty == null) {
            throw new DeploymentException("Cannot deploy " + archive.getName() + ": the container is not started");
        }
        if (!(archive instanceof WebArchive)) {
            throw new DeploymentException("Cannot deploy " + archive.getName() + ": this container deploys only a "
                    + "WebArchive (a .war), not a " + archive.getClass().getSimpleName());
        }
        String name = contextRoot(archive);
        if (deployments.containsKey(name)) {
            throw new DeploymentException("Cannot deploy " + archive.getName() + ": context /" + name
                    + " is already deployed");
        }
        Deployment deployment;
        try {
            Path war = workDirectory.resolve("wars").resolve(name + ".war");
            Path tempDirectory = workDirectory.resolve("webapps").resolve(name);
            deleteRecursively(tempDirectory);
            Files.createDirectories(war.getParent());
            Files.createDirectories(tempDirectory);
            archive.as(ZipExporter.class).exportTo(war.toFile(), true);
            WebAppContext context = WebApplications.create(war, "/" + name, tempDirectory, config);
            jetty.deploy(context);
            deployment = new Deployment(context, war, tempDirectory);
        } catch (Exception e) {
            throw new DeploymentException("Jetty ee11 could not deploy " + archive.getName() + ": " + e.getMessage(), e);
        }
        deployments.put(name, deployment);
        if (!containerJarsReported) {
            containerJarsReported = true;
            LOG.log(Level.INFO, "Container classpath entries scanned for every web application: {0}",
                    deployment.context().getMetaData().getContainerResources());
        }
        Throwable unavailable = deployment.context().getUnavailableException();
        if (unavailable == null) {
            LOG.log(Level.INFO, "Deployed {0} at /{1}", archive.getName(), name);
        } else {
            // Not a deployment failure: see WebApplications (negative deployment tests).
            LOG.log(Level.WARNING, "Deployed {0} at /{1}, but it failed to start and answers 503: {2}",
                    archive.getName(), name, unavailable);
        }
        return metaData(name, deployment.context());
    }

    @Override
    public synchronized void undeploy(Archive<?> archive) throws DeploymentException {
        String name = contextRoot(archive);
        Deployment deployment = deployments.remove(name);
        if (deployment == null) {
            throw new DeploymentException("Cannot undeploy " + archive.getName() + ": context /" + name
                    + " is not deployed");
        }
        try {
            jetty.undeploy(deployment.context());
        } catch (Exception e) {
            throw new DeploymentException("Jetty ee11 could not undeploy " + archive.getName() + ": "
                    + e.getMessage(), e);
        } finally {
            deleteQuietly(deployment);
        }
        LOG.log(Level.INFO, "Undeployed {0} from /{1}", archive.getName(), name);
    }

    /** The port the server listens on; only meaningful while started. */
    synchronized int port() {
        return jetty.port();
    }

    /** The context root of an archive: its name without the {@code .war} suffix. */
    static String contextRoot(Archive<?> archive) {
        String name = archive.getName();
        return name.endsWith(".war") ? name.substring(0, name.length() - ".war".length()) : name;
    }

    private ProtocolMetaData metaData(String name, WebAppContext context) {
        HTTPContext http = new HTTPContext(advertisedHost(), jetty.port());
        ServletHolder[] holders = context.getServletHandler().getServlets();
        if (holders != null) {
            for (ServletHolder holder : holders) {
                http.add(new Servlet(holder.getName(), "/" + name));
            }
        }
        if (http.getServlets().isEmpty()) {
            // Keeps the context root in the URL Arquillian injects even when nothing started.
            http.add(new Servlet("default", "/" + name));
        }
        return new ProtocolMetaData().addContext(http);
    }

    /** The host clients should use: the bind address, or the loopback address for a wildcard bind. */
    private String advertisedHost() {
        String host = config.getBindAddress();
        return host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
    }

    private void openWorkDirectory() throws IOException {
        if (config.getWorkDirectory().isEmpty()) {
            workDirectory = Files.createTempDirectory("duplex-tck-jetty");
            ownsWorkDirectory = true;
        } else {
            workDirectory = Files.createDirectories(Path.of(config.getWorkDirectory()).toAbsolutePath());
            ownsWorkDirectory = false;
        }
    }

    private void undeployQuietly(String name) {
        Deployment deployment = deployments.remove(name);
        try {
            jetty.undeploy(deployment.context());
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Context /" + name + " did not stop cleanly", e);
        } finally {
            deleteQuietly(deployment);
        }
    }

    private void deleteQuietly(Deployment deployment) {
        try {
            Files.deleteIfExists(deployment.war());
            deleteRecursively(deployment.tempDirectory());
        } catch (IOException | UncheckedIOException e) {
            LOG.log(Level.DEBUG, "Could not delete the files of " + deployment.war(), e);
        }
    }

    private static void refuseJettyWebSocket() throws LifecycleException {
        ClassLoader loader = JettyEe11Container.class.getClassLoader();
        for (String className : JETTY_WEBSOCKET_CLASSES) {
            try {
                Class.forName(className, false, loader);
            } catch (ClassNotFoundException absent) {
                continue;
            }
            throw new LifecycleException("Jetty's own WebSocket implementation is on the classpath (found "
                    + className + "); it would serve the tests instead of Duplex. Remove the "
                    + "jetty-*websocket* dependencies.");
        }
    }

    private static void deleteRecursively(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
