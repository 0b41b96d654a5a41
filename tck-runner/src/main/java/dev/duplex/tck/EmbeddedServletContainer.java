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
 * What the two embedded containers share: one server for the whole run, each {@link WebArchive} exported to the
 * work directory and deployed as a web application whose context path is the WAR's name without {@code .war}
 * (the TCK's {@code setContextRoot} value), the table of deployments, and the clean-up. A subclass starts and
 * stops its server and deploys one exported WAR into it.
 *
 * <p>Only {@code @Deployment(testable = false)} deployments are meant to run here: the container offers the
 * {@code Local} protocol, so the tests run in the JVM that runs the server.
 *
 * <p>Thread-safety: Arquillian drives a container from one thread at a time; the methods are synchronized anyway,
 * so that a stray concurrent call cannot corrupt the deployment table.
 *
 * @param <C> the container's settings
 * @param <A> the server's handle on one deployed web application
 */
abstract class EmbeddedServletContainer<C extends ServerConfiguration, A> implements DeployableContainer<C> {
    private static final Logger LOG = System.getLogger(EmbeddedServletContainer.class.getName());

    private final String serverName;
    private C config;
    private boolean started;
    private Path workDirectory;
    private boolean ownsWorkDirectory;
    private final Map<String, Deployment<A>> deployments = new LinkedHashMap<>();

    /** One deployed WAR: the server's handle, the exported file, and the directory of its files. */
    private record Deployment<A>(A application, Path war, Path files) {
    }

    /** @param serverName how logs and errors name the server, "Jetty ee11" for instance */
    EmbeddedServletContainer(String serverName) {
        this.serverName = serverName;
    }

    /** The settings to use when Arquillian gave none. */
    abstract C defaultConfiguration();

    /** Starts the server, listening as {@code config} says, with its own files under {@code workDirectory}. */
    abstract void startServer(C config, Path workDirectory) throws Exception;

    abstract void stopServer() throws Exception;

    /** The port the server listens on; only meaningful while started. */
    abstract int port();

    /**
     * Deploys the exported WAR at "/" + {@code name} and starts it; {@code files} is the empty directory for what
     * the application unpacks. An application that fails to start stays deployed, out of service.
     */
    abstract A deployWar(String name, Path war, Path files) throws Exception;

    abstract void undeployApplication(A application) throws Exception;

    /** Why the application is out of service, or null when it started. */
    abstract Object startFailure(A application);

    /** The names of the application's servlets, for the metadata Arquillian injects. */
    abstract List<String> servletNames(A application);

    /** Called once, after the first deployment. */
    void firstDeployed(A application) {
    }

    @Override
    public final synchronized void setup(C configuration) {
        this.config = configuration;
    }

    @Override
    public final ProtocolDescription getDefaultProtocol() {
        return new ProtocolDescription("Local");
    }

    @Override
    public final synchronized void start() throws LifecycleException {
        if (config == null) {
            config = defaultConfiguration();
        }
        try {
            openWorkDirectory();
            startServer(config, workDirectory);
            started = true;
        } catch (Exception e) {
            throw new LifecycleException(serverName + " could not start on " + config.getBindAddress() + ":"
                    + config.getPort() + ": " + e.getMessage(), e);
        }
        LOG.log(Level.INFO, "{0} listens on http://{1}:{2,number,#} (work directory {3})", serverName,
                config.getBindAddress(), port(), workDirectory);
    }

    @Override
    public final synchronized void stop() throws LifecycleException {
        if (!started) {
            return;
        }
        for (String name : List.copyOf(deployments.keySet())) {
            Deployment<A> deployment = deployments.remove(name);
            try {
                undeployApplication(deployment.application());
            } catch (Exception e) {
                LOG.log(Level.WARNING, "Context /" + name + " did not stop cleanly", e);
            } finally {
                deleteQuietly(deployment);
            }
        }
        try {
            stopServer();
        } catch (Exception e) {
            throw new LifecycleException(serverName + " did not stop cleanly: " + e.getMessage(), e);
        } finally {
            started = false;
            if (ownsWorkDirectory) {
                try {
                    deleteRecursively(workDirectory);
                } catch (UncheckedIOException e) {
                    LOG.log(Level.WARNING, "Could not delete the work directory " + workDirectory, e);
                }
            }
        }
        LOG.log(Level.INFO, "{0} stopped", serverName);
    }

    @Override
    public final synchronized ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        if (!started) {
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
        Deployment<A> deployment;
        try {
            Path war = workDirectory.resolve("wars").resolve(name + ".war");
            Path files = workDirectory.resolve("webapps").resolve(name);
            deleteRecursively(files);
            Files.createDirectories(war.getParent());
            Files.createDirectories(files);
            archive.as(ZipExporter.class).exportTo(war.toFile(), true);
            deployment = new Deployment<>(deployWar(name, war, files), war, files);
        } catch (Exception e) {
            throw new DeploymentException(serverName + " could not deploy " + archive.getName() + ": "
                    + e.getMessage(), e);
        }
        boolean first = deployments.isEmpty();
        deployments.put(name, deployment);
        if (first) {
            firstDeployed(deployment.application());
        }
        Object failure = startFailure(deployment.application());
        if (failure == null) {
            LOG.log(Level.INFO, "Deployed {0} at /{1}", archive.getName(), name);
        } else {
            // Not a deployment failure: the TCK's negative deployment tests expect such an application.
            LOG.log(Level.WARNING, "Deployed {0} at /{1}, but it failed to start and is out of service: {2}",
                    archive.getName(), name, failure);
        }
        return metaData(name, deployment.application());
    }

    @Override
    public final synchronized void undeploy(Archive<?> archive) throws DeploymentException {
        String name = contextRoot(archive);
        Deployment<A> deployment = deployments.remove(name);
        if (deployment == null) {
            throw new DeploymentException("Cannot undeploy " + archive.getName() + ": context /" + name
                    + " is not deployed");
        }
        try {
            undeployApplication(deployment.application());
        } catch (Exception e) {
            throw new DeploymentException(serverName + " could not undeploy " + archive.getName() + ": "
                    + e.getMessage(), e);
        } finally {
            deleteQuietly(deployment);
        }
        LOG.log(Level.INFO, "Undeployed {0} from /{1}", archive.getName(), name);
    }

    /** The context root of an archive: its name without the {@code .war} suffix. */
    static String contextRoot(Archive<?> archive) {
        String name = archive.getName();
        return name.endsWith(".war") ? name.substring(0, name.length() - ".war".length()) : name;
    }

    private ProtocolMetaData metaData(String name, A application) {
        HTTPContext http = new HTTPContext(advertisedHost(), port());
        for (String servlet : servletNames(application)) {
            http.add(new Servlet(servlet, "/" + name));
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
            workDirectory = Files.createTempDirectory("duplex-tck");
            ownsWorkDirectory = true;
        } else {
            workDirectory = Files.createDirectories(Path.of(config.getWorkDirectory()).toAbsolutePath());
            ownsWorkDirectory = false;
        }
    }

    private static void deleteQuietly(Deployment<?> deployment) {
        try {
            Files.deleteIfExists(deployment.war());
            deleteRecursively(deployment.files());
        } catch (IOException | UncheckedIOException e) {
            LOG.log(Level.DEBUG, "Could not delete the files of " + deployment.war(), e);
        }
    }

    /** Fails the start when a class of another WebSocket implementation is on the class path. */
    static void refuse(List<String> classNames, String advice) throws LifecycleException {
        for (String className : classNames) {
            try {
                Class.forName(className, false, EmbeddedServletContainer.class.getClassLoader());
            } catch (ClassNotFoundException absent) {
                continue;
            }
            throw new LifecycleException("another WebSocket implementation is on the classpath (found " + className
                    + "); it would serve the tests instead of Duplex. " + advice);
        }
    }

    static void deleteRecursively(Path root) {
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
