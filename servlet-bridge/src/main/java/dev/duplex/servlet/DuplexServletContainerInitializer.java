package dev.duplex.servlet;

import dev.duplex.endpoint.server.DuplexServerContainer;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.HandlesTypes;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.lang.System.Logger.Level;
import java.lang.reflect.Modifier;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Deploys a web application's WebSocket endpoints, as Jakarta WebSocket 2.2 section 6.2 describes:
 * the container's scan hands in the application's {@code @ServerEndpoint} classes, {@link Endpoint}
 * subclasses and {@link ServerApplicationConfig} implementations. When there is at least one
 * {@code ServerApplicationConfig}, what they return is deployed (the union over all of them);
 * otherwise every annotated endpoint is, and programmatic endpoints wait for the application to add them.
 *
 * <p>When the container's instance provider is not ready yet (a CDI container started by another
 * initializer, see {@code InstanceProvider.isReady}), this deployment waits for the application's
 * listeners to start.
 *
 * <p>The {@code ServerContainer} is published as a context attribute before that, so a
 * {@code ServletContextListener} can add endpoints during start-up (section 6.4). A deployment error
 * is logged and takes every endpoint of the application out of service (section 5.2.1), while the
 * web application itself stays up.
 */
@HandlesTypes({ServerEndpoint.class, ServerApplicationConfig.class, Endpoint.class})
public final class DuplexServletContainerInitializer implements ServletContainerInitializer {
    private static final System.Logger LOG = System.getLogger(DuplexServletContainerInitializer.class.getName());
    static final String FILTER_NAME = "dev.duplex.WebSocketUpgradeFilter";

    @Override
    public void onStartup(Set<Class<?>> scanned, ServletContext context) {
        DuplexWebSocketApplication application = new DuplexWebSocketApplication(context);
        FilterRegistration.Dynamic filter = context.addFilter(FILTER_NAME, new WebSocketUpgradeFilter(application));
        if (filter == null) {
            LOG.log(Level.WARNING, "Duplex is already set up for {0}; not installing it twice", context.getContextPath());
            return;
        }
        filter.setAsyncSupported(true);
        filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        Set<Class<?>> classes = scanned == null ? Set.of() : scanned;
        DuplexServerContainer container = application.container();
        if (container.getInstanceProvider().isReady()) {
            deploy(classes, container, context);
            return;
        }
        // The instance provider's CDI container starts in another initializer, which may run after this one; every
        // initializer has run once listeners start, and ours comes after those the application declares.
        LOG.log(Level.INFO, "WebSocket endpoints of {0} are deployed when its listeners start: their instance provider"
                + " ({1}) is not ready yet", displayName(context), container.getInstanceProvider().getClass().getName());
        context.addListener(new ServletContextListener() {
            @Override
            public void contextInitialized(ServletContextEvent event) {
                deploy(classes, container, context);
            }
        });
    }

    private static void deploy(Set<Class<?>> scanned, DuplexServerContainer container, ServletContext context) {
        Set<Class<?>> annotated = new LinkedHashSet<>();
        Set<Class<? extends Endpoint>> programmatic = new LinkedHashSet<>();
        Set<Class<? extends ServerApplicationConfig>> applicationConfigs = new LinkedHashSet<>();
        for (Class<?> type : scanned) {
            if (isDuplexOwn(type) || type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
                continue;
            }
            if (ServerApplicationConfig.class.isAssignableFrom(type)) {
                applicationConfigs.add(type.asSubclass(ServerApplicationConfig.class));
            }
            if (type.isAnnotationPresent(ServerEndpoint.class)) {
                annotated.add(type);
            } else if (Endpoint.class.isAssignableFrom(type)) {
                programmatic.add(type.asSubclass(Endpoint.class));
            }
        }
        try {
            if (applicationConfigs.isEmpty()) {
                for (Class<?> type : annotated) {
                    container.addEndpoint(type);
                }
                return;
            }
            Set<ServerEndpointConfig> configs = new LinkedHashSet<>();
            Set<Class<?>> classes = new LinkedHashSet<>();
            for (Class<? extends ServerApplicationConfig> type : applicationConfigs) {
                ServerApplicationConfig applicationConfig = type.getDeclaredConstructor().newInstance();
                Set<ServerEndpointConfig> endpointConfigs = applicationConfig.getEndpointConfigs(Set.copyOf(programmatic));
                if (endpointConfigs != null) {
                    configs.addAll(endpointConfigs);
                }
                Set<Class<?>> endpointClasses = applicationConfig.getAnnotatedEndpointClasses(Set.copyOf(annotated));
                if (endpointClasses != null) {
                    classes.addAll(endpointClasses);
                }
            }
            for (ServerEndpointConfig config : configs) {
                container.addEndpoint(config);
            }
            for (Class<?> type : classes) {
                container.addEndpoint(type);
            }
        } catch (DeploymentException e) {
            // The container has already taken every endpoint out of service and logged why.
            LOG.log(Level.ERROR, "WebSocket endpoints of {0} are not deployed: {1}", displayName(context), e.getMessage());
        } catch (ReflectiveOperationException | RuntimeException e) {
            container.deploymentFailed(e);
        }
    }

    /** Duplex's own classes may be on the scanned path (its jar in WEB-INF/lib); they are no application's endpoints. */
    private static boolean isDuplexOwn(Class<?> type) {
        return type.getProtectionDomain().getCodeSource() != null
                && (sameCodeSource(type, DuplexServerContainer.class) || sameCodeSource(type, DuplexServletContainerInitializer.class));
    }

    private static boolean sameCodeSource(Class<?> a, Class<?> b) {
        var source = b.getProtectionDomain().getCodeSource();
        return source != null && source.getLocation() != null
                && source.getLocation().equals(a.getProtectionDomain().getCodeSource().getLocation());
    }

    private static String displayName(ServletContext context) {
        String path = context.getContextPath();
        return path.isEmpty() ? "the root application" : path;
    }
}
