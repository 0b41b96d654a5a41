package dev.duplex.servlet;

import dev.duplex.client.DuplexWebSocketContainer;
import dev.duplex.endpoint.server.AnnotatedServerEndpoints;
import dev.duplex.endpoint.server.DuplexServerContainer;
import dev.duplex.endpoint.session.SessionRuntime;
import dev.duplex.servlet.jmx.ApplicationMBeans;
import dev.duplex.transport.WriteQueue;
import jakarta.servlet.ServletContext;
import jakarta.websocket.server.ServerContainer;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Executor;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Duplex inside one web application: its {@link DuplexServerContainer}, published as the servlet
 * context attribute {@code jakarta.websocket.server.ServerContainer} (Jakarta WebSocket 2.2 section
 * 6.4), the sessions of its endpoints, and the upgrade path. Lives from the initializer to the
 * filter's destroy.
 */
final class DuplexWebSocketApplication {
    private static final System.Logger LOG = System.getLogger(DuplexWebSocketApplication.class.getName());

    /** Context init parameter: {@code false} turns permessage-deflate (RFC 7692) off for the application. */
    static final String PERMESSAGE_DEFLATE_PARAMETER = "dev.duplex.permessageDeflate";

    /** Context init parameter: the bound, in bytes, on data queued for a slow peer per connection. */
    static final String MAX_QUEUED_BYTES_PARAMETER = "dev.duplex.maxQueuedBytes";

    /**
     * Context init parameter: the JNDI name of the {@code Executor} that runs the application's WebSocket callbacks
     * off the container's threads, a Jakarta EE server's {@code ManagedExecutorService} for one
     * ({@code java:comp/DefaultManagedExecutorService}); unset: Duplex's default threads.
     */
    static final String EXECUTOR_PARAMETER = "dev.duplex.executor";

    /**
     * Context init parameter: milliseconds a session waits for the peer's answer to its close frame before it drops
     * the connection and reports 1006 (default 30,000).
     */
    static final String CLOSE_TIMEOUT_PARAMETER = "dev.duplex.closeTimeout";

    /**
     * Context init parameter: milliseconds stopping the application waits for peers to answer the 1001 close frames
     * it sends; then it drops the connections left, failing their queued sends and reporting 1006 (default 5,000).
     */
    static final String STOP_TIMEOUT_PARAMETER = "dev.duplex.stopTimeout";

    static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(5);

    /**
     * Context init parameter: {@code false} registers none of the application's MXBeans (dev.duplex:type=Container,
     * Endpoint, Client) in the platform MBean server. The statistics are kept either way.
     */
    static final String JMX_PARAMETER = "dev.duplex.jmx";

    /**
     * How long undeploying waits for the {@code onClose} calls of dropped connections, then for the threads of an
     * application's own Duplex, to end.
     */
    private static final Duration THREADS_END_WAIT = Duration.ofSeconds(5);

    private final DuplexServerContainer container;
    /** Serves {@code ServerContainer.connectToServer}: the application's client sessions, on the shared connector. */
    private final DuplexWebSocketContainer client = DuplexWebSocketContainer.onSharedConnector();
    private final EndpointSessions sessions;
    private final ServletUpgrade upgrade;
    /** Whether this copy of Duplex is the application's own (in its WEB-INF/lib), so its threads are too. */
    private final boolean ownsDuplexThreads;
    private final Duration stopTimeout;
    private final String contextPath;
    private final boolean jmx;
    /** The application's MXBeans from {@link #started()} to {@link #stopped()}; null when off or failed. */
    private volatile ApplicationMBeans mbeans;

    DuplexWebSocketApplication(ServletContext context) {
        this.container = new DuplexServerContainer(new AnnotatedServerEndpoints(), client);
        this.sessions = new EndpointSessions(container);
        // The shared threads call this application's endpoints with its class loader as their
        // context class loader, as the Servlet container does for its servlets.
        SessionRuntime runtime = SessionRuntime.shared().withApplicationClassLoader(context.getClassLoader())
                .withCloseTimeout(closeTimeout(context));
        this.upgrade = new ServletUpgrade(container, sessions, runtime, maxQueuedBytes(context),
                ContainerAdapters.of(context));
        container.setHttpUpgrader(upgrade);
        container.setDeflateSettings(container.getDeflateSettings().withEnabled(
                booleanParameter(context, PERMESSAGE_DEFLATE_PARAMETER, container.getDeflateSettings().enabled())));
        String executorName = context.getInitParameter(EXECUTOR_PARAMETER);
        if (executorName != null && !executorName.isBlank()) {
            container.setExecutor(lookUpExecutor(executorName.trim()));
        }
        context.setAttribute(ServerContainer.class.getName(), container);
        this.stopTimeout = Duration.ofMillis(positiveParameter(context, STOP_TIMEOUT_PARAMETER, "milliseconds",
                DEFAULT_STOP_TIMEOUT.toMillis()));
        this.ownsDuplexThreads = isOwnClassLoader(SessionRuntime.class.getClassLoader(), context.getClassLoader());
        this.contextPath = context.getContextPath();
        this.jmx = booleanParameter(context, JMX_PARAMETER, true);
    }

    /**
     * The executor named in JNDI. A name that finds nothing, or something that is no executor, fails the
     * application's start: running its callbacks on other threads than the ones configured would be a surprise
     * found only under load.
     */
    private static Executor lookUpExecutor(String name) {
        Object found;
        try {
            found = new InitialContext().lookup(name);
        } catch (NamingException e) {
            throw new IllegalStateException("context parameter " + EXECUTOR_PARAMETER + "=" + name
                    + ": nothing found under that JNDI name (" + e.getMessage() + ")", e);
        }
        if (!(found instanceof Executor executor)) {
            throw new IllegalStateException("context parameter " + EXECUTOR_PARAMETER + "=" + name
                    + ": found " + (found == null ? "null" : found.getClass().getName())
                    + ", which is no java.util.concurrent.Executor");
        }
        LOG.log(Level.INFO, "WebSocket callbacks of this application run on {0} ({1})", name,
                executor.getClass().getName());
        return executor;
    }

    /** Whether {@code loader} is the application's class loader or one below it. */
    private static boolean isOwnClassLoader(ClassLoader loader, ClassLoader application) {
        for (ClassLoader current = loader; current != null; current = current.getParent()) {
            if (current == application) {
                return true;
            }
        }
        return false;
    }

    private static Duration closeTimeout(ServletContext context) {
        return Duration.ofMillis(positiveParameter(context, CLOSE_TIMEOUT_PARAMETER, "milliseconds",
                SessionRuntime.DEFAULT_CLOSE_TIMEOUT.toMillis()));
    }

    private static long maxQueuedBytes(ServletContext context) {
        // Checked here, once: WriteQueue would refuse it at every upgrade, after the 101 is sent.
        return positiveParameter(context, MAX_QUEUED_BYTES_PARAMETER, "bytes", WriteQueue.DEFAULT_MAX_QUEUED_BYTES);
    }

    /** A context parameter that is {@code true} or {@code false}; unset or anything else: the default. */
    private static boolean booleanParameter(ServletContext context, String name, boolean defaultValue) {
        String configured = context.getInitParameter(name);
        if (configured == null) {
            return defaultValue;
        }
        String value = configured.trim();
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        LOG.log(Level.WARNING, "ignoring context parameter {0}={1}: neither true nor false; using {2}",
                name, configured, defaultValue);
        return defaultValue;
    }

    /** A context parameter that must be a positive number of {@code unit}; unset or anything else: the default. */
    private static long positiveParameter(ServletContext context, String name, String unit, long defaultValue) {
        String configured = context.getInitParameter(name);
        if (configured == null) {
            return defaultValue;
        }
        try {
            long value = Long.parseLong(configured.trim());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        LOG.log(Level.WARNING, "ignoring context parameter {0}={1}: not a positive number of {2}; using {3}",
                name, configured, unit, defaultValue);
        return defaultValue;
    }

    DuplexServerContainer container() {
        return container;
    }

    ServletUpgrade upgrade() {
        return upgrade;
    }

    /**
     * The application has started: deployment errors from now on reach only their caller, and its MXBeans are
     * registered (here, not at the initializer: an application that fails to start never stops, and would leave
     * them, and its class loader, in the MBean server).
     */
    void started() {
        container.deploymentComplete();
        if (jmx) {
            mbeans = ApplicationMBeans.register(contextPath, container.statistics(), client.statistics());
        }
    }

    /**
     * The application is stopping: its open sessions are told so with 1001, and ended (see
     * {@link EndpointSessions#closeAll}) before anything else goes; then its MXBeans are unregistered. When Duplex came with the
     * application, its threads end too: they were started for it, and would keep its class loader.
     */
    void stopped() {
        sessions.closeAll(stopTimeout, THREADS_END_WAIT);
        client.stop();
        // Only now, with every onClose returned: the MXBeans' last figures count every session.
        container.undeployed();
        ApplicationMBeans registered = mbeans;
        if (registered != null) {
            registered.unregister();
            mbeans = null;
        }
        if (ownsDuplexThreads) {
            LOG.log(Level.DEBUG, "Duplex came with the application; ending its threads");
            DuplexWebSocketContainer.shutdownSharedConnector();
            try {
                if (!SessionRuntime.shutdownShared(THREADS_END_WAIT)) {
                    LOG.log(Level.WARNING, "Duplex threads of the application still run {0} after it stopped:"
                            + " application code that does not return (a message handler?)", THREADS_END_WAIT);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
