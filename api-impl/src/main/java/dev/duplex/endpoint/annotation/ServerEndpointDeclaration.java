package dev.duplex.endpoint.annotation;

import jakarta.websocket.Decoder;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Encoder;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Objects;

/**
 * What a {@code @ServerEndpoint} annotation declares, checked: the data the server turns into its
 * {@code ServerEndpointConfig}. Only the path's presence and leading '/' are checked here; the
 * server validates the URI template itself (Jakarta WebSocket 2.2 section 4.1.1). Immutable.
 *
 * @param endpointClass     the annotated class: public, concrete, with a public no-argument constructor
 * @param path              the path or level-1 URI template, beginning with '/'
 * @param subprotocols      the subprotocols, in order of preference
 * @param encoders          the encoder classes, in order
 * @param decoders          the decoder classes, in order
 * @param configuratorClass the configurator class; {@code ServerEndpointConfig.Configurator.class} when none was given
 */
public record ServerEndpointDeclaration(Class<?> endpointClass, String path, List<String> subprotocols,
                                        List<Class<? extends Encoder>> encoders,
                                        List<Class<? extends Decoder>> decoders,
                                        Class<? extends ServerEndpointConfig.Configurator> configuratorClass) {

    public ServerEndpointDeclaration {
        Objects.requireNonNull(endpointClass, "endpointClass");
        Objects.requireNonNull(path, "path");
        subprotocols = List.copyOf(subprotocols);
        encoders = List.copyOf(encoders);
        decoders = List.copyOf(decoders);
        Objects.requireNonNull(configuratorClass, "configuratorClass");
    }

    /**
     * Reads and checks the {@code @ServerEndpoint} annotation of a class.
     *
     * @throws DeploymentException when the class is not annotated, is not public and concrete with a
     *                             public no-argument constructor, has an empty path or one without a
     *                             leading '/', or names malformed encoders, decoders or configurator
     */
    public static ServerEndpointDeclaration of(Class<?> endpointClass) throws DeploymentException {
        DeploymentProblems problems = new DeploymentProblems(endpointClass);
        ServerEndpointDeclaration declaration = read(endpointClass, problems);
        problems.throwIfAny();
        return declaration;
    }

    /** Whether the annotation names a configurator of its own. */
    public boolean hasCustomConfigurator() {
        return configuratorClass != ServerEndpointConfig.Configurator.class;
    }

    /** Reads the annotation, recording every problem; null when there is no annotation. */
    static ServerEndpointDeclaration read(Class<?> endpointClass, DeploymentProblems problems) {
        ServerEndpoint annotation = endpointClass.getAnnotation(ServerEndpoint.class);
        if (annotation == null) {
            problems.ofClass("is not annotated with @ServerEndpoint, so it is no server endpoint", "section 4.1");
            return null;
        }
        String why = DeclaredClasses.whyNotInstantiable(endpointClass);
        if (why != null) {
            problems.ofClass("a @ServerEndpoint class must be public, concrete and have a public no-argument"
                    + " constructor (or an @Inject one, for a CDI container), and this one " + why, "section 4.1");
        }
        String path = annotation.value();
        if (path.isEmpty()) {
            problems.ofClass("@ServerEndpoint has an empty path; the path is mandatory", "section 4.1.1");
        } else if (!path.startsWith("/")) {
            problems.ofClass("@ServerEndpoint path \"" + path + "\" does not begin with '/'", "section 4.1.1");
        }
        List<Class<? extends Encoder>> encoders = List.of(annotation.encoders());
        List<Class<? extends Decoder>> decoders = List.of(annotation.decoders());
        DeclaredClasses.checkEncoders(encoders, problems, "section 4.1.2");
        DeclaredClasses.decoderTypes(decoders, problems);
        DeclaredClasses.checkDecoders(decoders, problems, "section 4.1.3");
        Class<? extends ServerEndpointConfig.Configurator> configurator = annotation.configurator();
        if (configurator != ServerEndpointConfig.Configurator.class) {
            DeclaredClasses.checkInstantiable(configurator, "configurator", problems, "section 4.1.5");
        }
        return new ServerEndpointDeclaration(endpointClass, path, List.of(annotation.subprotocols()), encoders,
                decoders, configurator);
    }
}
