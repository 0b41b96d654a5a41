package dev.duplex.client;

import dev.duplex.endpoint.annotation.ClientEndpointConfigs;
import dev.duplex.endpoint.annotation.EndpointModels;
import dev.duplex.endpoint.annotation.EndpointRole;
import dev.duplex.endpoint.instance.ApplicationInstance;
import dev.duplex.endpoint.instance.InstanceProvider;
import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;

/**
 * What each {@code connectToServer} overload connects: the {@link Endpoint} the session runs (an
 * annotated instance wrapped in its adapter) and the configuration of the handshake. Every check
 * happens here, before any connection is opened, so an invalid endpoint leaves nothing behind
 * (Jakarta WebSocket 2.2 section 5.2.1 [WSC-5.2.1-4]: deployment errors of client endpoints reach
 * the developer as a {@link DeploymentException}). Stateless and thread-safe.
 */
final class ClientEndpoints {

    /**
     * @param endpoint      what the session calls
     * @param config        the handshake's offer and configurator, the coders, the user properties
     * @param endpointClass the application's class, which groups the sessions of {@code getOpenSessions}
     */
    record Target(Endpoint endpoint, ClientEndpointConfig config, Class<?> endpointClass) {

        /**
         * Hands what may have been made for this connection (the endpoint instance, the configurator) back to
         * the provider; it ignores what it did not make. For a connection that never became a session.
         */
        void release(InstanceProvider instances) {
            instances.destroy(ApplicationInstance.of(endpoint));
            instances.destroy(config.getConfigurator());
        }

        /** The same target with the session calling {@code runner} instead, which runs this target's endpoint. */
        Target runBy(Endpoint runner) {
            return new Target(runner, config, endpointClass);
        }
    }

    /**
     * Makes the target of one {@code connectToServer} overload, once for the call and again for each reconnect:
     * an instance the application passed is the same each time, a class gets a new instance.
     */
    @FunctionalInterface
    interface Source {
        Target make() throws DeploymentException;
    }

    private ClientEndpoints() {
    }

    /**
     * {@code connectToServer(Object, URI)}: an instance of a {@code @ClientEndpoint} class, configured by
     * its annotation (a new configurator instance each time), or an {@link Endpoint} with the default
     * configuration.
     */
    static Target ofInstance(Object instance, InstanceProvider instances) throws DeploymentException {
        if (instance == null) {
            throw new DeploymentException("connectToServer needs an endpoint instance; it was null");
        }
        Class<?> type = instance.getClass();
        if (type.isAnnotationPresent(ClientEndpoint.class)) {
            ClientEndpointConfig config = ClientEndpointConfigs.fromAnnotation(type, instances);
            return new Target(EndpointModels.endpointFor(instance, type, EndpointRole.CLIENT, config), config, type);
        }
        if (instance instanceof Endpoint endpoint) {
            return new Target(endpoint, ClientEndpointConfig.Builder.create().build(), type);
        }
        throw neither(type);
    }

    /**
     * {@code connectToServer(Class, URI)}: the class is checked as an annotated client endpoint first,
     * then instantiated with its public no-argument constructor.
     */
    static Target ofClass(Class<?> type, InstanceProvider instances) throws DeploymentException {
        if (type == null) {
            throw new DeploymentException("connectToServer needs an endpoint class; it was null");
        }
        if (type.isAnnotationPresent(ClientEndpoint.class)) {
            if (!Endpoint.class.isAssignableFrom(type)) {
                EndpointModels.client(type); // its methods are checked before anything is created
            }
            ClientEndpointConfig config = ClientEndpointConfigs.fromAnnotation(type, instances);
            Object instance;
            try {
                instance = instantiate(type, instances);
            } catch (DeploymentException | RuntimeException e) {
                instances.destroy(config.getConfigurator());
                throw e;
            }
            return new Target(EndpointModels.endpointFor(instance, type, EndpointRole.CLIENT, config), config, type);
        }
        if (Endpoint.class.isAssignableFrom(type)) {
            return new Target((Endpoint) instantiate(type, instances), ClientEndpointConfig.Builder.create().build(),
                    type);
        }
        throw neither(type);
    }

    /** {@code connectToServer(Endpoint, ClientEndpointConfig, URI)}; a null configuration means the default one. */
    static Target ofEndpoint(Endpoint endpoint, ClientEndpointConfig config) throws DeploymentException {
        if (endpoint == null) {
            throw new DeploymentException("connectToServer needs an Endpoint instance; it was null");
        }
        return new Target(endpoint, orDefault(config), endpoint.getClass());
    }

    /** {@code connectToServer(Class<? extends Endpoint>, ClientEndpointConfig, URI)}. */
    static Target ofEndpointClass(Class<? extends Endpoint> type, ClientEndpointConfig config,
            InstanceProvider instances) throws DeploymentException {
        if (type == null) {
            throw new DeploymentException("connectToServer needs an Endpoint class; it was null");
        }
        if (!Endpoint.class.isAssignableFrom(type)) { // possible through raw types
            throw new DeploymentException("cannot connect " + type.getName() + ": connectToServer(Class, "
                    + "ClientEndpointConfig, URI) needs a subclass of jakarta.websocket.Endpoint");
        }
        return new Target((Endpoint) instantiate(type, instances), orDefault(config), type);
    }

    private static ClientEndpointConfig orDefault(ClientEndpointConfig config) {
        return config != null ? config : ClientEndpointConfig.Builder.create().build();
    }

    private static DeploymentException neither(Class<?> type) {
        return new DeploymentException("cannot connect " + type.getName() + ": a client endpoint must extend"
                + " jakarta.websocket.Endpoint or be annotated with @ClientEndpoint (Jakarta WebSocket 2.2"
                + " sections 2.1 and 4.2)");
    }

    /**
     * The endpoint instance, made by the container's instance provider: by default the class's public
     * no-argument constructor (WebSocketContainer javadoc).
     */
    private static Object instantiate(Class<?> type, InstanceProvider instances) throws DeploymentException {
        try {
            instances.checkDeployable(type, "client endpoint");
            return instances.create(type);
        } catch (InstantiationException e) {
            throw new DeploymentException("cannot create the client endpoint " + type.getName() + ": "
                    + e.getMessage(), e.getCause() != null ? e.getCause() : e);
        } catch (RuntimeException e) {
            throw new DeploymentException("creating the client endpoint " + type.getName() + " failed: " + e, e);
        }
    }
}
