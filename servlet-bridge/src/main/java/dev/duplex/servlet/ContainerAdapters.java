package dev.duplex.servlet;

import dev.duplex.servlet.jetty.JettyConnection;
import dev.duplex.servlet.tomcat.TomcatConnection;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.System.Logger.Level;
import java.util.Locale;

/**
 * Which container adapters an application may use, from the context init parameter
 * {@value #PARAMETER}: {@code auto} (the default) uses the adapter of the container that serves
 * the request where Duplex has one (Jetty 12.1 ee11 and Tomcat 11, when their classes are visible to Duplex),
 * which on Jetty carries the session on Jetty's endpoint itself; {@code servlet-upgrade} uses the adapter but
 * upgrades through the Servlet API; {@code portable} uses the Servlet API alone, as on a container
 * Duplex has no adapter for. Immutable.
 */
enum ContainerAdapters {
    /** The adapter of the container that serves the request, and its own connection API where it has one. */
    AUTO,
    /** The adapter of the container, but always {@code HttpServletRequest.upgrade}. */
    SERVLET_UPGRADE,
    /** The Servlet API alone. */
    PORTABLE;

    static final String PARAMETER = "dev.duplex.containerAdapter";

    private static final System.Logger LOG = System.getLogger(ContainerAdapters.class.getName());
    private static final boolean JETTY_VISIBLE = visible(JettyConnection.class, "Jetty");
    private static final boolean TOMCAT_VISIBLE = visible(TomcatConnection.class, "Tomcat");

    /** The choice the application's context init parameter makes. */
    static ContainerAdapters of(ServletContext context) {
        String configured = context.getInitParameter(PARAMETER);
        if (configured == null) {
            return AUTO;
        }
        try {
            return valueOf(configured.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, "ignoring context parameter {0}={1}: not auto, servlet-upgrade or portable;"
                    + " using auto", PARAMETER, configured);
            return AUTO;
        }
    }

    /**
     * How the connection that {@code request} is about to become is to be carried: by the adapter of the
     * container whose classes are visible to Duplex and which recognises the request as its own (Jetty's, then
     * Tomcat's), or else by the Servlet API alone.
     */
    ContainerConnection connectionFor(HttpServletRequest request) {
        if (this == PORTABLE) {
            return new PortableConnection(request);
        }
        if (JETTY_VISIBLE) {
            try {
                ContainerConnection jetty = JettyConnection.of(request, this == AUTO);
                if (jetty != null) {
                    return jetty;
                }
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.DEBUG, "the Jetty adapter cannot take this connection; the Servlet API alone carries it", e);
            }
        }
        if (TOMCAT_VISIBLE) {
            try {
                ContainerConnection tomcat = TomcatConnection.of(request);
                if (tomcat != null) {
                    return tomcat;
                }
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.DEBUG, "the Tomcat adapter cannot take this connection; the Servlet API alone carries it", e);
            }
        }
        return new PortableConnection(request);
    }

    /** Whether a container's classes link here: loading its adapter fails at once where they do not. */
    private static boolean visible(Class<?> adapter, String container) {
        try {
            Class.forName(adapter.getName(), true, ContainerAdapters.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            LOG.log(Level.DEBUG, "{0}''s classes are not visible to Duplex; no {0} adapter", container);
            return false;
        }
    }
}
