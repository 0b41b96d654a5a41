package dev.duplex.servlet.jetty;

import dev.duplex.servlet.DuplexServletContainerInitializer;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;

/**
 * Enables Duplex on an embedded Jetty 12.1 (ee11) {@link ServletContextHandler}, in one call:
 * <pre>{@code
 * ServletContextHandler context = new ServletContextHandler("/");
 * DuplexJetty.enable(context, container -> container.addEndpoint(EchoEndpoint.class));
 * }</pre>
 * Duplex is installed through its {@code ServletContainerInitializer}, the same way a WAR gets it,
 * so the embedded and the deployed paths are one. Jetty's own WebSocket modules are not needed.
 */
public final class DuplexJetty {

    /**
     * Adds endpoints to the container while the context starts: {@link dev.duplex.servlet.EndpointSetup} under the
     * name it had here first, so that code compiled against it keeps linking.
     */
    @FunctionalInterface
    public interface EndpointSetup extends dev.duplex.servlet.EndpointSetup {
    }

    private DuplexJetty() {
    }

    /** Enables Duplex on the context, with no endpoints of its own; add them later through the context attribute. */
    public static void enable(ServletContextHandler context) {
        enable(context, container -> {
        });
    }

    /**
     * Enables Duplex on the context and runs {@code setup} with its {@link ServerContainer} as the
     * context starts, after the initializer published it and before the first request.
     *
     * @throws IllegalStateException from the context's start when {@code setup} fails to deploy an endpoint
     */
    public static void enable(ServletContextHandler context, EndpointSetup setup) {
        context.addServletContainerInitializer(new DuplexServletContainerInitializer());
        context.addEventListener(new ServletContextListener() {
            @Override
            public void contextInitialized(ServletContextEvent event) {
                ServerContainer container = (ServerContainer) event.getServletContext()
                        .getAttribute(ServerContainer.class.getName());
                try {
                    setup.deploy(container);
                } catch (DeploymentException e) {
                    throw new IllegalStateException("deploying WebSocket endpoints failed: " + e.getMessage(), e);
                }
            }
        });
    }
}
