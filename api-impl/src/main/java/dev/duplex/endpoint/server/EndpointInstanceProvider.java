package dev.duplex.endpoint.server;

import dev.duplex.endpoint.instance.InstanceProvider;

/**
 * The instance provider of the container whose handshake runs on this thread, for the platform's
 * default {@code getEndpointInstance} ({@link DefaultServerConfigurator}). The API creates that
 * default through {@link java.util.ServiceLoader}, with no way to reach a container, and application
 * configurators call it through {@code super.getEndpointInstance}; the handshake calls
 * {@code getEndpointInstance} synchronously, so the container's provider is bound to the thread for
 * the length of that call.
 */
final class EndpointInstanceProvider {
    private static final ThreadLocal<InstanceProvider> CURRENT = new ThreadLocal<>();

    private EndpointInstanceProvider() {
    }

    /** The provider bound by the running handshake, or the plain one outside a handshake. */
    static InstanceProvider current() {
        InstanceProvider provider = CURRENT.get();
        return provider != null ? provider : InstanceProvider.plain();
    }

    /** Calls the configurator's {@code getEndpointInstance} with {@code provider} bound to this thread. */
    static Object create(InstanceProvider provider, EndpointCreation creation) throws InstantiationException {
        InstanceProvider outer = CURRENT.get();
        CURRENT.set(provider);
        try {
            return creation.create();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    @FunctionalInterface
    interface EndpointCreation {
        Object create() throws InstantiationException;
    }
}
