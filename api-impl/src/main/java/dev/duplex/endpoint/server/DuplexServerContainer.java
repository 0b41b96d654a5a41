package dev.duplex.endpoint.server;

import dev.duplex.endpoint.AbstractWebSocketContainer;
import dev.duplex.endpoint.instance.InstanceProvider;
import dev.duplex.endpoint.session.SessionCounters;
import dev.duplex.monitoring.ContainerStatistics;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The transport-neutral {@link ServerContainer} of one WebSocket application: it deploys server
 * endpoints into an {@link EndpointRegistry} and holds the container-wide session defaults. The
 * transport (the servlet bridge) maps requests with {@link #match(String)}, runs the opening
 * handshake with {@link #handshake()}, and provides {@code upgradeHttpToWebSocket} through an {@link HttpUpgrader}.
 *
 * <p>Deployment phases (Jakarta WebSocket 2.2 sections 5.2.1 and 6.4):
 * <ul>
 * <li>While the application deploys, a deployment error fails the whole application: every
 *     endpoint deployed so far is removed from service and later {@code addEndpoint} calls throw
 *     {@link IllegalStateException} [WSC-5.2.1-3]. The transport reports errors it meets itself
 *     (such as a failed scan) with {@link #deploymentFailed(Throwable)}.</li>
 * <li>Once the transport calls {@link #deploymentComplete()}, endpoints may still be added (the
 *     restriction of earlier versions was lifted in 2.1, section 6.4); a deployment error then
 *     reaches only the caller, as a {@link DeploymentException}.</li>
 * <li>An annotated endpoint class submitted more than once (by scanning and by the application)
 *     is deployed once; the later submissions are ignored (section 6.4).</li>
 * </ul>
 *
 * <p>Statistics ({@link #statistics()}): one set of counters per endpoint path, made as the endpoint is deployed;
 * the transport opens sessions with {@link #countersFor} and calls {@link #undeployed()} once the application's
 * sessions have ended.
 *
 * <p>Thread-safety: thread-safe. Deployment is serialised; matching and the defaults' getters
 * never block.
 */
public class DuplexServerContainer extends AbstractWebSocketContainer implements ServerContainer {
    private static final System.Logger LOG = System.getLogger(DuplexServerContainer.class.getName());

    private enum Phase { DEPLOYING, RUNNING, FAILED }

    private final ServerEndpointScanner scanner;
    private final WebSocketContainer clientContainer;
    private final EndpointRegistry registry = new EndpointRegistry();
    private final ServerEndpointStatistics statistics = new ServerEndpointStatistics();
    private final ServerHandshake handshake = new ServerHandshake(this::getDeflateSettings, this::getInstanceProvider);
    private final Object deployLock = new Object();
    private final Set<Class<?>> annotatedClasses = new HashSet<>();
    private Phase phase = Phase.DEPLOYING;
    private Throwable failure;

    private volatile HttpUpgrader httpUpgrader;

    /**
     * @param scanner         turns annotated endpoint classes into configurations; null when none
     *                        is available yet ({@code addEndpoint(Class)} then fails)
     * @param clientContainer serves the {@code connectToServer} methods; null when this container
     *                        offers no client
     */
    public DuplexServerContainer(ServerEndpointScanner scanner, WebSocketContainer clientContainer) {
        super(dev.duplex.engine.deflate.DeflateSettings.SERVER_DEFAULTS);
        this.scanner = scanner;
        this.clientContainer = clientContainer;
    }

    /** Installs the transport's implementation of {@link #upgradeHttpToWebSocket}. */
    public void setHttpUpgrader(HttpUpgrader httpUpgrader) {
        this.httpUpgrader = httpUpgrader;
    }

    /** The opening handshake, with this container's installed extensions. */
    public ServerHandshake handshake() {
        return handshake;
    }

    /** The deployed endpoints. */
    public EndpointRegistry registry() {
        return registry;
    }

    /**
     * What the sessions of each endpoint have done so far, and listeners for endpoints as they come and go
     * ({@code dev.duplex.monitoring}).
     */
    public ContainerStatistics statistics() {
        return statistics;
    }

    /**
     * The counters the sessions opened with {@code config} count in: those of its path, shared by every
     * configuration with that path (a deployed endpoint's, or one given to {@code upgradeHttpToWebSocket}). For the
     * transport, which makes the endpoint's {@code OpenSessions} with them.
     */
    public SessionCounters countersFor(ServerEndpointConfig config) {
        return statistics.countersFor(String.valueOf(config.getPath()));
    }

    /**
     * The application has stopped and its sessions have ended: statistics listeners hear that every endpoint's
     * counters are removed (the servlet bridge unregisters its MXBeans so). Called by the transport.
     */
    public void undeployed() {
        statistics.removeAll();
    }

    /**
     * The endpoint a request path (raw, relative to the WebSocket root, without query) maps to, or
     * null (section 3.1.1).
     */
    public EndpointMatch match(String rawPath) {
        return registry.match(rawPath);
    }

    // ---- deployment ---------------------------------------------------------------------------

    /**
     * Deploys an annotated endpoint; a class already deployed this way is ignored (section 6.4).
     *
     * @throws DeploymentException   if the class is not a valid annotated server endpoint, or its
     *                               path is invalid or taken
     * @throws IllegalStateException if the application's deployment has failed
     */
    @Override
    public void addEndpoint(Class<?> endpointClass) throws DeploymentException {
        synchronized (deployLock) {
            requireNotFailed();
            try {
                if (endpointClass == null) {
                    throw new DeploymentException("cannot deploy a null endpoint class");
                }
                if (annotatedClasses.contains(endpointClass)) {
                    LOG.log(Level.DEBUG, "ignoring the repeated deployment of annotated endpoint {0}"
                            + " (Jakarta WebSocket 2.2 section 6.4)", endpointClass.getName());
                    return;
                }
                if (!endpointClass.isAnnotationPresent(ServerEndpoint.class)) {
                    throw new DeploymentException("cannot deploy " + endpointClass.getName()
                            + " with addEndpoint(Class): it is not annotated with @ServerEndpoint"
                            + " (ServerContainer javadoc); deploy programmatic endpoints with a ServerEndpointConfig");
                }
                if (scanner == null) {
                    throw new DeploymentException("cannot deploy annotated endpoint " + endpointClass.getName()
                            + ": this container has no annotation scanner");
                }
                ServerEndpointConfig config = scanner.scan(endpointClass, getInstanceProvider());
                deploy(config);
                annotatedClasses.add(endpointClass);
            } catch (DeploymentException e) {
                throw failDuringDeployment(e);
            }
        }
    }

    /**
     * Deploys the endpoint the configuration describes.
     *
     * @throws DeploymentException   if the configuration is incomplete, its endpoint class is
     *                               neither an {@link Endpoint} nor annotated with
     *                               {@code @ServerEndpoint}, or its path is invalid or taken
     * @throws IllegalStateException if the application's deployment has failed
     */
    @Override
    public void addEndpoint(ServerEndpointConfig serverConfig) throws DeploymentException {
        synchronized (deployLock) {
            requireNotFailed();
            try {
                deploy(serverConfig);
            } catch (DeploymentException e) {
                throw failDuringDeployment(e);
            }
        }
    }

    private void deploy(ServerEndpointConfig config) throws DeploymentException {
        if (config == null) {
            throw new DeploymentException("cannot deploy a null ServerEndpointConfig");
        }
        Class<?> endpointClass = config.getEndpointClass();
        if (endpointClass == null) {
            throw new DeploymentException("cannot deploy the endpoint at \"" + config.getPath()
                    + "\": its ServerEndpointConfig names no endpoint class");
        }
        if (!Endpoint.class.isAssignableFrom(endpointClass)
                && !endpointClass.isAnnotationPresent(ServerEndpoint.class)) {
            throw new DeploymentException("cannot deploy " + endpointClass.getName()
                    + ": a server endpoint class must extend jakarta.websocket.Endpoint or be annotated"
                    + " with @ServerEndpoint (Jakarta WebSocket 2.2 sections 2.1 and 4.1)");
        }
        checkCreatable(config);
        registry.add(config);
        countersFor(config);
        LOG.log(Level.INFO, "WebSocket endpoint {0} -> {1}", config.getPath(), endpointClass.getName());
    }

    /**
     * Asks the instance provider whether it can make the classes the configuration names, so that one it
     * never can fails the deployment rather than every handshake: the coders, and the endpoint class when
     * the configurator leaves {@code getEndpointInstance} to the platform default.
     */
    private void checkCreatable(ServerEndpointConfig config) throws DeploymentException {
        InstanceProvider instances = getInstanceProvider();
        if (createsEndpointsByDefault(config.getConfigurator())) {
            instances.checkDeployable(config.getEndpointClass(), "endpoint");
        }
        for (Class<?> decoder : config.getDecoders()) {
            instances.checkDeployable(decoder, "decoder");
        }
        for (Class<?> encoder : config.getEncoders()) {
            instances.checkDeployable(encoder, "encoder");
        }
    }

    private static boolean createsEndpointsByDefault(ServerEndpointConfig.Configurator configurator) {
        if (configurator == null) {
            return true;
        }
        try {
            Class<?> declaring = configurator.getClass().getMethod("getEndpointInstance", Class.class).getDeclaringClass();
            return declaring == ServerEndpointConfig.Configurator.class || declaring == DefaultServerConfigurator.class;
        } catch (NoSuchMethodException e) {
            return true;
        }
    }

    private void requireNotFailed() {
        if (phase == Phase.FAILED) {
            throw new IllegalStateException("the WebSocket deployment of this application failed (" + failure
                    + "); no further endpoint may be deployed (Jakarta WebSocket 2.2 section 5.2.1)", failure);
        }
    }

    /** During deployment, a deployment error fails the application (section 5.2.1 [WSC-5.2.1-3]). */
    private DeploymentException failDuringDeployment(DeploymentException e) {
        if (phase == Phase.DEPLOYING) {
            fail(e);
        }
        return e;
    }

    private void fail(Throwable cause) {
        phase = Phase.FAILED;
        failure = cause;
        registry.clear();
        statistics.removeAll();
        LOG.log(Level.ERROR, "WebSocket deployment failed; every endpoint of the application is out of service", cause);
    }

    /**
     * Ends the deployment phase: from now on a deployment error reaches only the caller of
     * {@code addEndpoint}. Called by the transport once the application has started.
     */
    public void deploymentComplete() {
        synchronized (deployLock) {
            if (phase == Phase.DEPLOYING) {
                phase = Phase.RUNNING;
            }
        }
    }

    /**
     * Fails the application's deployment because of an error the transport met (section 5.2.1):
     * every endpoint is removed from service and no more may be deployed.
     */
    public void deploymentFailed(Throwable cause) {
        synchronized (deployLock) {
            if (phase != Phase.FAILED) {
                fail(cause);
            }
        }
    }

    /** Whether the application's deployment has failed. */
    public boolean isDeploymentFailed() {
        synchronized (deployLock) {
            return phase == Phase.FAILED;
        }
    }

    // ---- upgrade ------------------------------------------------------------------------------

    /**
     * Delegates to the transport's {@link HttpUpgrader}.
     *
     * @throws UnsupportedOperationException when no servlet transport installed one (ServerContainer
     *                                       javadoc)
     */
    @Override
    public void upgradeHttpToWebSocket(Object httpServletRequest, Object httpServletResponse, ServerEndpointConfig sec,
            Map<String, String> pathParameters) throws IOException, DeploymentException {
        HttpUpgrader upgrader = httpUpgrader;
        if (upgrader == null) {
            throw new UnsupportedOperationException(
                    "upgradeHttpToWebSocket needs a Jakarta Servlet container; this ServerContainer runs without one");
        }
        if (sec == null) {
            throw new DeploymentException("upgradeHttpToWebSocket needs a ServerEndpointConfig; it was null");
        }
        upgrader.upgrade(httpServletRequest, httpServletResponse, sec,
                pathParameters == null ? Map.of() : pathParameters);
    }

    // ---- client -------------------------------------------------------------------------------

    private WebSocketContainer client() throws DeploymentException {
        if (clientContainer == null) {
            throw new DeploymentException("this ServerContainer has no WebSocket client; use"
                    + " ContainerProvider.getWebSocketContainer() to connect to servers");
        }
        return clientContainer;
    }

    @Override
    public Session connectToServer(Object annotatedEndpointInstance, URI path) throws DeploymentException, IOException {
        return client().connectToServer(annotatedEndpointInstance, path);
    }

    @Override
    public Session connectToServer(Class<?> annotatedEndpointClass, URI path) throws DeploymentException, IOException {
        return client().connectToServer(annotatedEndpointClass, path);
    }

    @Override
    public Session connectToServer(Endpoint endpointInstance, ClientEndpointConfig cec, URI path)
            throws DeploymentException, IOException {
        return client().connectToServer(endpointInstance, cec, path);
    }

    @Override
    public Session connectToServer(Class<? extends Endpoint> endpointClass, ClientEndpointConfig cec, URI path)
            throws DeploymentException, IOException {
        return client().connectToServer(endpointClass, cec, path);
    }

}
