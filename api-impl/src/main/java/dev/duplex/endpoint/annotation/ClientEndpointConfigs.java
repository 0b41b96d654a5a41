package dev.duplex.endpoint.annotation;

import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Decoder;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Encoder;
import java.lang.reflect.InvocationTargetException;
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
        ClientEndpointConfig.Builder builder = ClientEndpointConfig.Builder.create()
                .preferredSubprotocols(List.of(annotation.subprotocols()))
                .encoders(encoders)
                .decoders(decoders);
        if (custom) {
            builder.configurator(newConfigurator(endpointClass, configuratorClass));
        }
        return builder.build();
    }

    private static ClientEndpointConfig.Configurator newConfigurator(
            Class<?> endpointClass, Class<? extends ClientEndpointConfig.Configurator> configuratorClass)
            throws DeploymentException {
        try {
            return configuratorClass.getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new DeploymentException(endpointClass.getName() + ": the configurator " + configuratorClass.getName()
                    + " threw from its constructor", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new DeploymentException(endpointClass.getName() + ": cannot create the configurator "
                    + configuratorClass.getName(), e);
        }
    }
}
