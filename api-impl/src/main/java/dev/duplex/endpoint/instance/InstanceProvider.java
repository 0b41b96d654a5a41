package dev.duplex.endpoint.instance;

import jakarta.websocket.DeploymentException;

/**
 * How a container creates and destroys the application's instances: endpoints, encoders, decoders
 * and configurators (Jakarta WebSocket 2.2 section 7.1: in a Jakarta EE environment they support
 * injection like other component classes). The default, {@link #plain()}, calls the public
 * no-argument constructor, as the API requires outside Jakarta EE; the {@code duplex-cdi} module adds
 * one backed by a CDI container.
 *
 * <p>A container finds its provider once, when it is created: the first implementation listed under
 * {@code META-INF/services/dev.duplex.endpoint.instance.InstanceProvider} by the thread's context
 * class loader (see {@link #discover()}), otherwise the plain one;
 * {@code AbstractWebSocketContainer.setInstanceProvider} replaces it.
 *
 * <p>Lifecycle: an endpoint instance lives as long as its session and is destroyed once
 * {@code onClose} returned; encoders and decoders likewise; configurators as long as the deployment.
 * {@link #destroy} is called once per instance created; instances the provider did not create (an
 * application's own endpoint object passed to {@code connectToServer}) are passed too and must be
 * ignored.
 *
 * <p>Implementations are thread-safe: handshakes on many threads create instances at once.
 */
public interface InstanceProvider {

    /**
     * A new instance of {@code type}, or one the provider shares by design (a CDI bean of a normal
     * scope). Called at deployment for configurators, at each handshake for endpoints, at each
     * session's opening for coders.
     *
     * @throws InstantiationException when no instance can be made; its message says why, and its cause
     *                                is what a constructor threw
     */
    <T> T create(Class<T> type) throws InstantiationException;

    /**
     * Releases what {@link #create} made: lifecycle callbacks ({@code @PreDestroy}), the instance's own
     * dependencies. Does nothing for an instance this provider did not create or that it shares.
     * Never throws; a failure is logged.
     */
    void destroy(Object instance);

    /**
     * Checked at deployment for each class an endpoint names (the endpoint, its configurator, encoders
     * and decoders): whether {@link #create} will be able to make it, so that a class it can never make
     * fails the deployment, not each handshake.
     *
     * @param role what the class is to the endpoint, for the message: "endpoint", "encoder", ...
     * @throws DeploymentException naming the class and the rule it breaks
     */
    default void checkDeployable(Class<?> type, String role) throws DeploymentException {
    }

    /**
     * Whether the provider can create instances as it means to now. A web application's endpoints are
     * deployed, and their configurators created, when this is true; a provider backed by a CDI container
     * that starts later in the same application's start-up (Weld Servlet's initializer may run after
     * Duplex's) says false until it runs, and the deployment waits for the application's listeners.
     */
    default boolean isReady() {
        return true;
    }

    /**
     * Runs one call into the application's code for a session: {@code onOpen}, {@code onMessage},
     * {@code onError}, {@code onClose} and message handlers. A provider sets up what the call needs,
     * for example a CDI request context; {@code call} runs on the calling thread before this returns.
     */
    default void runCallback(Runnable call) {
        call.run();
    }

    /** The provider that calls the public no-argument constructor and keeps nothing. */
    static InstanceProvider plain() {
        return PlainInstanceProvider.INSTANCE;
    }

    /**
     * The first provider the thread's context class loader lists as a service (its
     * {@code META-INF/services/dev.duplex.endpoint.instance.InstanceProvider}), or {@link #plain()}.
     */
    static InstanceProvider discover() {
        return ServiceInstanceProviders.first();
    }
}
