package dev.duplex.tck;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.annotation.HandlesTypes;
import jakarta.websocket.server.ServerEndpoint;

/**
 * Stands in for Duplex's servlet bridge in the tests: an initializer on the container classpath
 * (registered in the test resources' META-INF/services) that records, per context path, the
 * {@code @ServerEndpoint} classes Jetty hands it. Thread-safe.
 */
@HandlesTypes(ServerEndpoint.class)
public class ContainerProbeInitializer implements ServletContainerInitializer {

    private static final Map<String, Set<Class<?>>> SEEN = new ConcurrentHashMap<>();

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        SEEN.put(context.getContextPath(), classes == null ? Set.of() : Set.copyOf(classes));
    }

    /** The endpoint classes handed over for a context path, or null if the initializer never ran for it. */
    static Set<Class<?>> endpointsOf(String contextPath) {
        return SEEN.get(contextPath);
    }
}
