package dev.duplex.client;

import dev.duplex.client.transport.ClientConnection;
import dev.duplex.client.transport.HandshakeValidator;
import dev.duplex.endpoint.AbstractWebSocketContainer;
import dev.duplex.endpoint.HeaderExtension;
import dev.duplex.endpoint.server.QueryParameters;
import dev.duplex.endpoint.session.DuplexSession;
import dev.duplex.endpoint.session.OpenSessions;
import dev.duplex.endpoint.session.SessionCounters;
import dev.duplex.endpoint.session.SessionContext;
import dev.duplex.endpoint.session.SessionOpener;
import dev.duplex.endpoint.session.SessionRuntime;
import dev.duplex.engine.Role;
import dev.duplex.monitoring.SessionStatistics;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Extension;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Duplex WebSocket client: a Jakarta {@link WebSocketContainer} whose {@code connectToServer}
 * methods perform the opening handshake (RFC 6455 section 4.1) and return an open session.
 *
 * <p>Get one from {@code ContainerProvider.getWebSocketContainer()} (the containers it returns share
 * one process-wide connector), or with {@link #create(ClientOptions)} for a container with a
 * connector of its own. Either way the selector threads run only while there are connections.
 *
 * <p><b>connectToServer</b> blocks until the session is open, or throws:
 * <ul>
 * <li>{@link DeploymentException} before any connection is made when the endpoint is not valid (not an
 *     {@code Endpoint} nor a valid {@code @ClientEndpoint}, not instantiable, its coders malformed),
 *     the URI is no {@code ws}/{@code wss} URI, or a {@link ClientProperties} value is invalid;</li>
 * <li>{@link DeploymentException} when the server refuses the handshake: a status other than 101
 *     (the message names it), or a 101 that breaks RFC 6455 section 4.1 (a wrong
 *     {@code Sec-WebSocket-Accept}, a subprotocol or extension that was not offered); the cause is
 *     a {@link dev.duplex.client.transport.HandshakeException} with the status and header fields;</li>
 * <li>{@link IOException} when the network prevented the connection (WebSocketContainer javadoc):
 *     refused or reset, host unknown, TLS failed, proxy refused, or a timeout
 *     ({@link java.net.SocketTimeoutException}, see {@link ClientProperties#CONNECT_TIMEOUT} and
 *     {@link ClientProperties#HANDSHAKE_TIMEOUT}).</li>
 * </ul>
 * On any failure the connection is closed and no session exists.
 *
 * <p><b>Redirects.</b> A 301, 302, 303, 307 or 308 answer with a {@code Location} is followed with a new opening
 * handshake to that URI, up to {@link ClientProperties#MAX_REDIRECTS} times (5 by default, 0 for none); a redirect
 * from {@code wss} to {@code ws}, a loop, or one too many is a {@link DeploymentException} naming the URIs of the
 * chain. The session's {@code getRequestURI} is the URI of the last hop.
 *
 * <p><b>Reconnecting.</b> A configuration with a {@link ReconnectPolicy} ({@link ClientProperties#RECONNECT}) has a
 * session that drops connected again, after a backoff delay, and the policy told of the new session; see there.
 * {@link #stop()} cancels attempts that are pending.
 *
 * <p>The request offers the configuration's preferred subprotocols and extensions (and
 * permessage-deflate where it names none, once {@link #setOfferingDeflateByDefault} is on); then the
 * configurator's {@code beforeRequest} may change the header fields, and its {@code afterResponse}
 * sees the response's, whatever the status. The session reports what the server agreed to
 * ({@code getNegotiatedSubprotocol}, {@code getNegotiatedExtensions}), the URI connected to
 * ({@code getRequestURI}, with its query as {@code getQueryString} and {@code getRequestParameterMap}),
 * and starts with a copy of the configuration's user properties. {@code getOpenSessions} lists the
 * container's open sessions of the same endpoint class.
 *
 * <p><b>Threads.</b> The configurator and {@code onOpen} run on the thread calling
 * {@code connectToServer}; every later callback of a session (messages, {@code onClose},
 * {@code onError}) on a thread of the session executor ({@link #setExecutor}, by default
 * {@link SessionRuntime#shared()}'s: virtual threads on JDK 21 and later), one
 * at a time per session, never on a selector thread: handlers may block, and may send with
 * {@code RemoteEndpoint.Basic}. They run with the context class loader of the thread that called
 * {@code connectToServer}.
 *
 * <p>Thread-safe.
 */
public final class DuplexWebSocketContainer extends AbstractWebSocketContainer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(DuplexWebSocketContainer.class.getName());
    private static final Duration SHARED_STOP_TIMEOUT = Duration.ofSeconds(5);
    /** System property: {@code true} starts every container with {@link #setOfferingDeflateByDefault} on. */
    public static final String OFFER_DEFLATE_PROPERTY = "dev.duplex.client.offerPermessageDeflate";

    /**
     * The default largest incoming message, text or binary, that a client session takes whole: 16 MiB. A client
     * talks to servers it chose, and users expect it to take what other clients take (Python's {@code websockets}
     * 1 MiB, OkHttp 16 MiB, Node's {@code ws} 100 MiB, browsers any size), so it is far above the server's 64 KiB,
     * which guards against peers nobody chose. Nothing is allocated up front: a message's buffer grows as it
     * arrives. Change it with {@code setDefaultMaxTextMessageBufferSize} / {@code setDefaultMaxBinaryMessageBufferSize},
     * {@code Session.setMaxTextMessageBufferSize}, or {@code @OnMessage(maxMessageSize)}.
     */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    private final ConnectorLeases connectors;
    private final boolean ownsConnector;
    private final SessionRuntime runtime;
    private final Duration stopTimeout;
    private final Map<Class<?>, OpenSessions> openSessions = new ConcurrentHashMap<>();
    /** One set of counters for every session of the container, whatever its endpoint class. */
    private final SessionCounters counters = new SessionCounters("client");
    private final Map<DuplexSession, ClientConnection> live = new ConcurrentHashMap<>();
    /** Connections whose reconnect series is under way: {@link #stop()} cancels them. */
    private final Set<Reconnector> reconnecting = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;
    private volatile boolean offeringDeflateByDefault = Boolean.getBoolean(OFFER_DEFLATE_PROPERTY);

    DuplexWebSocketContainer(ConnectorLeases connectors, boolean ownsConnector, SessionRuntime runtime,
            Duration stopTimeout) {
        super(dev.duplex.engine.deflate.DeflateSettings.CLIENT_DEFAULTS);
        this.connectors = Objects.requireNonNull(connectors, "connectors");
        this.ownsConnector = ownsConnector;
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.stopTimeout = Objects.requireNonNull(stopTimeout, "stopTimeout");
        setDefaultMaxTextMessageBufferSize(DEFAULT_MAX_MESSAGE_BYTES);
        setDefaultMaxBinaryMessageBufferSize(DEFAULT_MAX_MESSAGE_BYTES);
    }

    /** A container on the process-wide connector, as {@code ContainerProvider.getWebSocketContainer()} returns. */
    public static DuplexWebSocketContainer onSharedConnector() {
        return new DuplexWebSocketContainer(ConnectorLeases.shared(), false, SessionRuntime.shared(),
                SHARED_STOP_TIMEOUT);
    }

    /**
     * Closes the process-wide connector of {@link #onSharedConnector()} containers for good, ending its selector
     * thread; later connection attempts through it fail with {@code IllegalStateException}. For a copy of
     * Duplex that belongs to one web application, when that application is undeployed (see
     * {@link dev.duplex.endpoint.session.SessionRuntime#shutdownShared(java.time.Duration)}).
     */
    public static void shutdownSharedConnector() {
        ConnectorLeases.shared().shutdown();
    }

    /** A container with a connector of its own and the {@link ClientOptions#defaults() default options}. */
    public static DuplexWebSocketContainer create() {
        return create(ClientOptions.defaults());
    }

    /**
     * A container with a connector of its own: its selector threads serve only this container's
     * connections, and end for good at {@link #stop()}.
     */
    public static DuplexWebSocketContainer create(ClientOptions options) {
        Objects.requireNonNull(options, "options");
        return new DuplexWebSocketContainer(ConnectorLeases.of(options.selectorThreads(), options.idleDelay()), true,
                SessionRuntime.shared(), options.stopTimeout());
    }

    /**
     * Whether a configuration that names no extension offers permessage-deflate anyway, as browsers do.
     * Off unless the system property {@value #OFFER_DEFLATE_PROPERTY} is {@code true}: the
     * {@code ClientEndpointConfig.getExtensions} javadoc has the configuration's extensions, by default
     * none, populate the offer, and the TCK checks that. A configuration that names extensions always
     * offers exactly those.
     */
    public boolean isOfferingDeflateByDefault() {
        return offeringDeflateByDefault;
    }

    /** Changes {@link #isOfferingDeflateByDefault()} for connections made from now on. */
    public void setOfferingDeflateByDefault(boolean offering) {
        this.offeringDeflateByDefault = offering;
    }

    /**
     * What the sessions of this container have done so far: one set of figures for all of them, named
     * {@code "client"} ({@code dev.duplex.monitoring}).
     */
    public SessionStatistics statistics() {
        return counters;
    }

    // ---------------------------------------------------------------- connectToServer

    /**
     * Connects an instance of a {@code @ClientEndpoint} class (or of an {@link Endpoint}, with the
     * default configuration); see the class javadoc.
     */
    @Override
    public Session connectToServer(Object annotatedEndpointInstance, URI path) throws DeploymentException, IOException {
        return connect(() -> ClientEndpoints.ofInstance(annotatedEndpointInstance, getInstanceProvider()), path);
    }

    /**
     * Connects a new instance of a {@code @ClientEndpoint} class (or of an {@link Endpoint} class, with
     * the default configuration), made by its public no-argument constructor; see the class javadoc.
     */
    @Override
    public Session connectToServer(Class<?> annotatedEndpointClass, URI path) throws DeploymentException, IOException {
        return connect(() -> ClientEndpoints.ofClass(annotatedEndpointClass, getInstanceProvider()), path);
    }

    /** Connects the endpoint with this configuration (null: the default one); see the class javadoc. */
    @Override
    public Session connectToServer(Endpoint endpointInstance, ClientEndpointConfig cec, URI path)
            throws DeploymentException, IOException {
        return connect(() -> ClientEndpoints.ofEndpoint(endpointInstance, cec), path);
    }

    /**
     * Connects a new instance of the endpoint class, made by its public no-argument constructor, with
     * this configuration (null: the default one); see the class javadoc.
     */
    @Override
    public Session connectToServer(Class<? extends Endpoint> endpointClass, ClientEndpointConfig cec, URI path)
            throws DeploymentException, IOException {
        return connect(() -> ClientEndpoints.ofEndpointClass(endpointClass, cec, getInstanceProvider()), path);
    }

    /** Connects; what was made for a connection that fails before its session opens is destroyed. */
    private Session connect(ClientEndpoints.Source source, URI path) throws DeploymentException, IOException {
        ClientEndpoints.Target target = source.make();
        try {
            requireRunning();
            // The session's callbacks run on shared threads: give them the connecting code's context class loader.
            SessionRuntime sessionRuntime = runtime.withExecutor(getExecutor())
                    .withApplicationClassLoader(Thread.currentThread().getContextClassLoader())
                    .withCloseTimeout(ConnectSettings.closeTimeout(target.config().getUserProperties(),
                            runtime.closeTimeout()));
            ReconnectPolicy policy = ConnectSettings.reconnectPolicy(target.config().getUserProperties());
            if (policy != null) {
                Reconnector reconnector = new Reconnector(this, policy, source, path, sessionRuntime);
                target = target.runBy(new ReconnectingEndpoint(target.endpoint(), reconnector));
            }
            return open(target, handshakeChain(target).perform(path), sessionRuntime);
        } catch (DeploymentException | IOException | RuntimeException | Error e) {
            target.release(getInstanceProvider());
            throw e;
        }
    }

    /**
     * Connects again for a {@link Reconnector}, waiting on no thread: a new target from its source (the same instance
     * for an instance, a new one for a class), the handshake on the selector thread, then the session opened on the
     * session executor.
     */
    CompletableFuture<Session> reconnect(Reconnector reconnector) {
        CompletableFuture<Session> result = new CompletableFuture<>();
        ClientEndpoints.Target made;
        try {
            made = reconnector.source().make();
        } catch (DeploymentException | RuntimeException e) {
            result.completeExceptionally(e);
            return result;
        }
        ClientEndpoints.Target target = made.runBy(new ReconnectingEndpoint(made.endpoint(), reconnector));
        SessionRuntime sessionRuntime = reconnector.runtime();
        CompletableFuture<HandshakeChain.Completed> handshake;
        try {
            requireRunning();
            handshake = handshakeChain(target).performAsync(reconnector.uri(), sessionRuntime::execute);
        } catch (DeploymentException | RuntimeException e) {
            target.release(getInstanceProvider());
            result.completeExceptionally(e);
            return result;
        }
        handshake.whenComplete((completed, failure) -> {
            try {
                if (failure != null) {
                    target.release(getInstanceProvider());
                    result.completeExceptionally(failure);
                } else {
                    result.complete(open(target, completed, sessionRuntime));
                }
            } catch (DeploymentException | RuntimeException | Error e) {
                target.release(getInstanceProvider());
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private HandshakeChain handshakeChain(ClientEndpoints.Target target) throws DeploymentException {
        return new HandshakeChain(target.config(), connectors, getDeflateSettings(), offeringDeflateByDefault);
    }

    /** Opens the session over a completed handshake; {@code onOpen} runs on this thread. */
    private Session open(ClientEndpoints.Target target, HandshakeChain.Completed handshake,
            SessionRuntime sessionRuntime) throws DeploymentException {
        ClientConnection connection = handshake.connection();
        URI uri = handshake.request().uri(); // after redirects, the URI of the last hop
        SessionContext context = SessionContext.builder(uri)
                .requestParameters(QueryParameters.parse(uri.getRawQuery()))
                .subprotocol(handshake.agreement().subprotocol())
                .extensions(negotiated(handshake.agreement()))
                .build(); // user properties: null, so the session copies the configuration's
        OpenSessions sessions = openSessions.computeIfAbsent(target.endpointClass(), type -> new OpenSessions(counters));
        SessionOpener opener = new SessionOpener(target.config(), this, sessions, sessionRuntime);
        DuplexSession session;
        try {
            session = opener.open(target.endpoint(), context, Role.CLIENT, connection);
        } catch (RuntimeException e) {
            connection.abort();
            throw new DeploymentException("cannot open a session for " + target.endpointClass().getName()
                    + ": " + e.getMessage(), e);
        }
        live.put(session, connection);
        connection.whenEnded().thenRun(() -> live.remove(session));
        // Only now the engine hears of received bytes, on the session executor (never the selector thread).
        connection.attach(session.connection(), sessionRuntime.executor());
        if (stopped) {
            closeGoingAway(session); // stop() ran while this connection was being made
        }
        return session;
    }

    private static List<Extension> negotiated(HandshakeValidator.Agreement agreement) {
        List<Extension> extensions = new ArrayList<>();
        agreement.extensions().forEach(offer -> extensions.add(HeaderExtension.of(offer)));
        return extensions;
    }

    private void requireRunning() {
        if (stopped) {
            throw new IllegalStateException("this WebSocket client container has been stopped");
        }
    }

    // ---------------------------------------------------------------- stopping

    /**
     * Stops the container: pending reconnect attempts are cancelled (their policies hear
     * {@code onGaveUp}), its open sessions are closed with 1001 (going away), their peers get up to
     * the stop timeout to answer, then a connector of its own is shut down (ending what is left, and
     * its threads). Later {@code connectToServer} calls throw {@link IllegalStateException}.
     * Idempotent; blocks for at most the stop timeout plus the time the selector threads take to end.
     * Called from a callback of one of the container's sessions, it waits the whole stop timeout: that
     * session's connection cannot take the peer's answer while its callback runs.
     */
    public void stop() {
        stopped = true;
        reconnecting.forEach(Reconnector::cancel);
        List<CompletableFuture<Void>> ending = new ArrayList<>();
        for (Map.Entry<DuplexSession, ClientConnection> entry : live.entrySet()) {
            closeGoingAway(entry.getKey());
            ending.add(entry.getValue().whenEnded().toCompletableFuture());
        }
        try {
            CompletableFuture.allOf(ending.toArray(CompletableFuture[]::new))
                    .get(stopTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.log(Level.DEBUG, "stopping the client container: not every peer answered the close within {0}",
                    stopTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // whenEnded never fails
        }
        if (ownsConnector) {
            connectors.shutdown();
        }
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** Whether {@link #stop()} was called. */
    public boolean isStopped() {
        return stopped;
    }

    private static void closeGoingAway(DuplexSession session) {
        try {
            session.close(new CloseReason(CloseCodes.GOING_AWAY, "the client container is stopping"));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "closing session " + session.getId() + " at stop failed", e);
        }
    }

    /**
     * Registers a reconnect series, for {@link #stop()} to cancel.
     *
     * @return false when the container has stopped: the series must not start
     */
    boolean track(Reconnector reconnector) {
        reconnecting.add(reconnector);
        if (stopped) {
            reconnecting.remove(reconnector);
            return false;
        }
        return true;
    }

    /** A reconnect series has ended. */
    void untrack(Reconnector reconnector) {
        reconnecting.remove(reconnector);
    }

    /** How many reconnect series are under way; for tests. */
    int reconnectSeries() {
        return reconnecting.size();
    }

    /** How many sessions of this container have a live connection; for tests. */
    int liveConnections() {
        return live.size();
    }

    @Override
    public String toString() {
        return "DuplexWebSocketContainer[" + live.size() + " connections" + (stopped ? ", stopped" : "") + "]";
    }
}
