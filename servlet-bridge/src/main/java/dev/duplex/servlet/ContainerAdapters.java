package dev.duplex.servlet;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.System.Logger.Level;
import java.util.Locale;

/**
 * Which container adapters an application may use, from the context init parameter
 * {@value #PARAMETER}: {@code auto} (the default) uses the adapter of the container that serves
 * the request where Duplex has one (Jetty 12.1 ee11, when its classes are visible to Duplex), and
 * {@code portable} uses the Servlet API alone, as on a container Duplex has no adapter for.
 * Immutable.
 */
enum ContainerAdapters {
    AUTO,
    PORTABLE;

    static final String PARAMETER = "dev.duplex.containerAdapter";

    private static final System.Logger LOG = System.getLogger(ContainerAdapters.class.getName());
    private static final boolean JETTY_VISIBLE = jettyVisible();

    /** The choice the application's context init parameter makes. */
    static ContainerAdapters of(ServletContext context) {
        String configured = context.getInitParameter(PARAMETER);
        if (configured == null) {
            return AUTO;
        }
        try {
            return valueOf(configured.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, "ignoring context parameter {0}={1}: neither auto nor portable; using auto",
                    PARAMETER, configured);
            return AUTO;
        }
    }

    /** How the connection that {@code request} is about to become is to be carried. */
    ContainerConnection connectionFor(HttpServletRequest request) {
        if (this == AUTO && JETTY_VISIBLE) {
            try {
                ContainerConnection jetty = JettyConnection.of(request);
                if (jetty != null) {
                    return jetty;
                }
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.DEBUG, "the Jetty adapter cannot take this connection; the Servlet API alone carries it", e);
            }
        }
        return new PortableConnection(request);
    }

    /** Whether Jetty's classes link here: loading the adapter fails at once where they do not. */
    private static boolean jettyVisible() {
        try {
            Class.forName(JettyConnection.class.getName(), true, ContainerAdapters.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            LOG.log(Level.DEBUG, "Jetty's classes are not visible to Duplex; no Jetty adapter", e);
            return false;
        }
    }
}
