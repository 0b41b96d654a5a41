package dev.duplex.endpoint.annotation;

import dev.duplex.endpoint.instance.InstanceProvider;
import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Decoder;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Encoder;
import java.util.List;

/**
 * Turns a {@code @ClientEndpoint} annotation into the {@link ClientEndpointConfig} it declares
 * (Jakarta WebSocket 2.2 section 4.2). Stateless and thread-safe.
 */
public final class ClientEndpointConfigs {
    private ClientEndpointConfigs() {
    }

    /**
     * Reads and checks the {@code @ClientEndpoint} annotation of a class and builds its configuration:
     * preferred subprotocols, encoders and decoders as listed, and a new instance of its configurator
     * if it names one ("the implementation creates a new instance of the configurator per logical
     * endpoint", javadoc of {@code ClientEndpoint.configurator}), so call this once per connection attempt.
     *
     * @throws DeploymentException when the class is not annotated, or names malformed encoders,
     *                             decoders or configurator, or the configurator's constructor fails
     */
    public static ClientEndpointConfig fromAnnotation(Class<?> endpointClass) throws DeploymentException {
        return fromAnnotation(endpointClass, InstanceProvider.plain());
    }

    /**
     * As {@link #fromAnnotation(Class)}, with the configurator made by {@code instances}.
     *
     * @throws DeploymentException as {@link #fromAnnotation(Class)}, or when the provider cannot make the
     *                             configurator or a coder
     */
    public static ClientEndpointConfig fromAnnotation(Class<?> endpointClass, InstanceProvider instances)
            throws DeploymentException {
        DeploymentProblems problems = new DeploymentProblems(endpointClass);
        ClientEndpoint annotation = endpointClass.getAnnotation(ClientEndpoint.class);
        if (annotation == null) {
            problems.ofClass("is not annotated with @ClientEndpoint, so it is no client endpoint", "section 4.2");
            throw problems.toException();
        }
        List<Class<? extends Encoder>> encoders = List.of(annotation.encoders());
        List<Class<? extends Decoder>> decoders = List.of(annotation.decoders());
        DeclaredClasses.checkEncoders(encoders, problems, "section 4.2.1");
        DeclaredClasses.decoderTypes(decoders, problems);
        DeclaredClasses.checkDecoders(decoders, problems, "section 4.2.2");
        Class<? extends ClientEndpointConfig.Configurator> configuratorClass = annotation.configurator();
        boolean custom = configuratorClass != ClientEndpointConfig.Configurator.class;
        if (custom) {
            DeclaredClasses.checkInstantiable(configuratorClass, "configurator", problems, "section 4.2.3");
        }
        problems.throwIfAny();
        for (Class<?> coder : encoders) {
            instances.checkDeployable(coder, "encoder");
        }
        for (Class<?> coder : decoders) {
            instances.checkDeployable(coder, "decoder");
        }
        ClientEndpointConfig.Builder builder = ClientEndpointConfig.Builder.create()
                .preferredSubprotocols(List.of(annotation.subprotocols()))
                .encoders(encoders)
                .decoders(decoders);
        if (custom) {
            builder.configurator(newConfigurator(instances, endpointClass, configuratorClass));
        }
        return builder.build();
    }

    private static ClientEndpointConfig.Configurator newConfigurator(InstanceProvider instances,
            Class<?> endpointClass, Class<? extends ClientEndpointConfig.Configurator> configuratorClass)
            throws DeploymentException {
        try {
            return instances.create(configuratorClass);
        } catch (InstantiationException e) {
            throw new DeploymentException(endpointClass.getName() + ": its configurator cannot be created ("
                    + e.getMessage() + "; Jakarta WebSocket 2.2 section 4.2.3)", e.getCause());
        } catch (RuntimeException e) {
            throw new DeploymentException(endpointClass.getName() + ": creating its configurator "
                    + configuratorClass.getName() + " failed: " + e, e);
        }
    }
}
