package dev.duplex.servlet;

import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.System.Logger.Level;

/**
 * Chooses, per upgraded request, an input in place of the container's upgraded
 * {@code ServletInputStream} where a container is known to break it: today only Jetty 12.1 ee11
 * (see {@link JettyTunnelInput}). Other containers, and Jetty when its classes are hidden from Duplex
 * (Duplex inside a WAR), keep the standard path. Stateless; thread-safe.
 */
final class ContainerInputs {
    private static final System.Logger LOG = System.getLogger(ContainerInputs.class.getName());
    private static final boolean JETTY_VISIBLE = jettyVisible();

    private ContainerInputs() {
    }

    /** The input to use instead of the upgraded one, or null to use the container's. */
    static ServletInputStream replacementFor(HttpServletRequest request) {
        if (!JETTY_VISIBLE || !request.getClass().getName().startsWith("org.eclipse.jetty.ee11.")) {
            return null;
        }
        try {
            return JettyTunnelInput.of(request);
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.DEBUG, "reading the upgraded connection through Jetty's endpoint is not possible here", e);
            return null;
        }
    }

    private static boolean jettyVisible() {
        try {
            ClassLoader loader = ContainerInputs.class.getClassLoader();
            Class.forName("org.eclipse.jetty.ee11.servlet.ServletContextRequest", false, loader);
            Class.forName("org.eclipse.jetty.io.EndPoint", false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
