package dev.duplex.servlet.jmx;

import dev.duplex.monitoring.ContainerStatistics;
import dev.duplex.monitoring.SessionStatistics;
import dev.duplex.monitoring.StatisticsListener;
import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.StandardMBean;

/**
 * The MXBeans of one web application in the platform MBean server, from its start to its stop:
 * <ul>
 * <li>{@code dev.duplex:type=Container,context="/app"}: every server endpoint added up ({@link ContainerMXBean});</li>
 * <li>{@code dev.duplex:type=Endpoint,context="/app",path="/chat/{room}"}: one per endpoint path
 *     ({@link EndpointMXBean}), registered as the endpoint's statistics appear and unregistered as they go;</li>
 * <li>{@code dev.duplex:type=Client,context="/app"}: the application's client sessions ({@link StatisticsMXBean}).</li>
 * </ul>
 * Values are quoted ({@link ObjectName#quote}): paths hold characters an unquoted value may not, and one rule for
 * all is simpler to query by. The root application's context is {@code "ROOT"}. When another application in the
 * JVM has taken the names (two servers with an application at the same context path), a key {@code id=2} (3, ...)
 * is added to all of this application's names.
 *
 * <p>A failure to register or unregister is logged and never stops the application. Thread-safe.
 */
public final class ApplicationMBeans implements StatisticsListener {
    private static final System.Logger LOG = System.getLogger(ApplicationMBeans.class.getName());

    /** The domain of every Duplex MBean. */
    public static final String DOMAIN = "dev.duplex";
    /** How many applications with one context path a JVM may hold before registration gives up. */
    private static final int MAX_ID = 100;

    private final MBeanServer server;
    private final ContainerStatistics statistics;
    /** The keys after {@code type}: the context, and an id when needed. */
    private final String scope;
    private final ObjectName container;
    private final ObjectName client;
    private final Map<SessionStatistics, ObjectName> endpoints = new LinkedHashMap<>();
    private boolean unregistered;

    private ApplicationMBeans(MBeanServer server, ContainerStatistics statistics, String scope, ObjectName container,
            ObjectName client) {
        this.server = server;
        this.statistics = statistics;
        this.scope = scope;
        this.container = container;
        this.client = client;
    }

    /**
     * Registers the application's MXBeans in the platform MBean server, and those of its endpoints as they come.
     *
     * @param contextPath the application's context path, empty for the root
     * @return the registration, to {@link #unregister()} when the application stops; null when it failed (logged)
     */
    public static ApplicationMBeans register(String contextPath, ContainerStatistics statistics,
            SessionStatistics clientStatistics) {
        MBeanServer server;
        try {
            server = ManagementFactory.getPlatformMBeanServer();
        } catch (RuntimeException | Error e) {
            LOG.log(Level.WARNING, "no WebSocket MBeans for " + describe(contextPath) + ": no platform MBean server", e);
            return null;
        }
        String context = "context=" + ObjectName.quote(contextPath.isEmpty() ? "ROOT" : contextPath);
        try {
            for (int id = 1; id <= MAX_ID; id++) {
                String scope = id == 1 ? context : context + ",id=" + id;
                ObjectName container = new ObjectName(DOMAIN + ":type=Container," + scope);
                try {
                    server.registerMBean(new StandardMBean(new ContainerBean(contextPath, statistics),
                            ContainerMXBean.class, true), container);
                } catch (InstanceAlreadyExistsException e) {
                    continue; // another application at the same context path: the next id
                }
                ObjectName client = new ObjectName(DOMAIN + ":type=Client," + scope);
                ApplicationMBeans mbeans = new ApplicationMBeans(server, statistics, scope, container, client);
                mbeans.registerQuietly(new StatisticsBean(clientStatistics::snapshot), StatisticsMXBean.class, client);
                statistics.addListener(mbeans);
                LOG.log(Level.DEBUG, "WebSocket MBeans of {0} registered as {1}", describe(contextPath), container);
                return mbeans;
            }
            LOG.log(Level.WARNING, "no WebSocket MBeans for {0}: {1} applications with that context path have them",
                    describe(contextPath), MAX_ID);
        } catch (JMException | RuntimeException e) {
            LOG.log(Level.WARNING, "registering the WebSocket MBeans of " + describe(contextPath) + " failed", e);
        }
        return null;
    }

    /** The name of the container's MBean. */
    public ObjectName containerName() {
        return container;
    }

    /** Registers the endpoint's MBean. */
    @Override
    public void added(SessionStatistics endpoint) {
        synchronized (this) {
            if (unregistered || endpoints.containsKey(endpoint)) {
                return;
            }
            ObjectName name;
            try {
                name = new ObjectName(DOMAIN + ":type=Endpoint," + scope + ",path=" + ObjectName.quote(endpoint.name()));
            } catch (MalformedObjectNameException e) {
                LOG.log(Level.WARNING, "no MBean for WebSocket endpoint " + endpoint.name(), e);
                return;
            }
            if (registerQuietly(new EndpointBean(endpoint), EndpointMXBean.class, name)) {
                endpoints.put(endpoint, name);
            }
        }
    }

    /** Unregisters the endpoint's MBean. */
    @Override
    public void removed(SessionStatistics endpoint) {
        ObjectName name;
        synchronized (this) {
            name = endpoints.remove(endpoint);
        }
        if (name != null) {
            unregisterQuietly(name);
        }
    }

    /** Unregisters every MBean of the application; called once its sessions have ended. Idempotent. */
    public void unregister() {
        statistics.removeListener(this);
        Map<SessionStatistics, ObjectName> left;
        synchronized (this) {
            if (unregistered) {
                return;
            }
            unregistered = true;
            left = new LinkedHashMap<>(endpoints);
            endpoints.clear();
        }
        left.values().forEach(this::unregisterQuietly);
        unregisterQuietly(client);
        unregisterQuietly(container);
    }

    /** Registers {@code bean} as an MXBean of {@code type}, whose attributes are open types (jconsole reads them). */
    private <T> boolean registerQuietly(T bean, Class<T> type, ObjectName name) {
        try {
            server.registerMBean(new StandardMBean(bean, type, true), name);
            return true;
        } catch (JMException | RuntimeException e) {
            LOG.log(Level.WARNING, "registering the WebSocket MBean " + name + " failed", e);
            return false;
        }
    }

    private void unregisterQuietly(ObjectName name) {
        try {
            server.unregisterMBean(name);
        } catch (InstanceNotFoundException e) {
            // never registered, or gone already
        } catch (JMException | RuntimeException e) {
            LOG.log(Level.WARNING, "unregistering the WebSocket MBean " + name + " failed", e);
        }
    }

    private static String describe(String contextPath) {
        return contextPath.isEmpty() ? "the root application" : contextPath;
    }
}
