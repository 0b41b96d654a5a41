package dev.duplex.cdi;

import dev.duplex.endpoint.AbstractWebSocketContainer;
import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.websocket.WebSocketContainer;

/**
 * Names the CDI container a Duplex container creates its instances with, for applications that start
 * the CDI container themselves (Weld SE beside an embedded Jetty or Tomcat). Call it before the first
 * endpoint is deployed, for example first thing in {@code DuplexJetty.enable}'s setup:
 * <pre>{@code
 * WeldContainer weld = new Weld().initialize();
 * DuplexJetty.enable(context, container -> {
 *     DuplexCdi.enable(container, weld);
 *     container.addEndpoint(ChatEndpoint.class);
 * });
 * }</pre>
 * Without this call, Duplex finds {@link CdiInstanceProvider} as a service and uses
 * {@code CDI.current()}, which is enough where one CDI container runs (a WAR with Weld Servlet).
 */
public final class DuplexCdi {
    private DuplexCdi() {
    }

    /**
     * Makes {@code container} create endpoints, coders and configurators through {@code beanManager}.
     *
     * @return the provider now in use, which can say how many instances are alive
     * @throws IllegalArgumentException when the container is not Duplex's
     */
    public static CdiInstanceProvider enable(WebSocketContainer container, BeanManager beanManager) {
        if (!(container instanceof AbstractWebSocketContainer duplex)) {
            throw new IllegalArgumentException("not a Duplex container: "
                    + (container == null ? "null" : container.getClass().getName()));
        }
        CdiInstanceProvider provider = new CdiInstanceProvider(beanManager);
        duplex.setInstanceProvider(provider);
        return provider;
    }

    /** As {@link #enable(WebSocketContainer, BeanManager)}, with the bean manager of a CDI SE container (Weld SE). */
    public static CdiInstanceProvider enable(WebSocketContainer container, SeContainer cdi) {
        return enable(container, cdi.getBeanManager());
    }
}
