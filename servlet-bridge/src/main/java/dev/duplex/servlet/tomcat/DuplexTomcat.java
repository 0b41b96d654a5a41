package dev.duplex.servlet.tomcat;

import dev.duplex.servlet.DuplexServletContainerInitializer;
import dev.duplex.servlet.EndpointSetup;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import java.io.IOException;
import java.util.Set;
import org.apache.catalina.Context;

/**
 * Enables Duplex on an embedded Tomcat 11 {@link Context}, in one call:
 * <pre>{@code
 * Context context = tomcat.addContext("", baseDir);
 * DuplexTomcat.enable(context, container -> container.addEndpoint(EchoEndpoint.class));
 * }</pre>
 * Duplex is installed through its {@code ServletContainerInitializer}, the same way a WAR gets it, so the
 * embedded and the deployed paths are one. Tomcat's own WebSocket jar ({@code tomcat-embed-websocket}) is
 * not needed; leave it off the class path, or its initializer installs a second implementation.
 *
 * <p>Tomcat runs filters only for requests mapped to a servlet, and Duplex answers handshakes in a filter.
 * A context with no servlet at "/" (a bare {@code Tomcat.addContext}) gets one that answers 404, so
 * every path reaches the filter.
 */
public final class DuplexTomcat {

    private DuplexTomcat() {
    }

    /** Enables Duplex on the context, with no endpoints of its own; add them later through the context attribute. */
    public static void enable(Context context) {
        enable(context, container -> {
        });
    }

    /**
     * Enables Duplex on the context and runs {@code setup} with its {@link ServerContainer} as the context
     * starts, after the initializer published it and before the first request.
     *
     * @throws IllegalStateException from the context's start when {@code setup} fails to deploy an endpoint
     */
    public static void enable(Context context, EndpointSetup setup) {
        context.addServletContainerInitializer(new DuplexServletContainerInitializer(), null);
        // Initializers run in the order they were added: this one finds the container the first published.
        context.addServletContainerInitializer(new EndpointsAndFallback(setup), null);
    }

    private static final class EndpointsAndFallback implements ServletContainerInitializer {
        private final EndpointSetup setup;

        EndpointsAndFallback(EndpointSetup setup) {
            this.setup = setup;
        }

        @Override
        public void onStartup(Set<Class<?>> classes, ServletContext context) {
            if (!mapsRoot(context)) {
                context.addServlet("dev.duplex.NotFound", new NotFound()).addMapping("/");
            }
            ServerContainer container = (ServerContainer) context.getAttribute(ServerContainer.class.getName());
            try {
                setup.deploy(container);
            } catch (DeploymentException e) {
                throw new IllegalStateException("deploying WebSocket endpoints failed: " + e.getMessage(), e);
            }
        }

        private static boolean mapsRoot(ServletContext context) {
            for (ServletRegistration registration : context.getServletRegistrations().values()) {
                if (registration.getMappings().contains("/")) {
                    return true;
                }
            }
            return false;
        }
    }

    /** What a context without servlets answers to everything that is not a WebSocket handshake. */
    private static final class NotFound extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }
}
