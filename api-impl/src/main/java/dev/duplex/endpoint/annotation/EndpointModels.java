package dev.duplex.endpoint.annotation;

import jakarta.websocket.Decoder;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import java.util.List;

/**
 * The endpoint models of annotated classes, scanned once per class and kept for as long as the
 * class lives (a {@link ClassValue}, so an undeployed application's classes are not held), and the
 * step that turns an endpoint instance into the {@link Endpoint} a session runs.
 *
 * <p>Thread-safe.
 */
public final class EndpointModels {
    private record Scan(EndpointModel model, DeploymentException failure) {
        EndpointModel get() throws DeploymentException {
            if (failure != null) {
                throw failure;
            }
            return model;
        }
    }

    private static final ClassValue<Scan> SERVER = new ClassValue<>() {
        @Override
        protected Scan computeValue(Class<?> type) {
            try {
                return new Scan(AnnotatedEndpointScanner.scanServerEndpoint(type), null);
            } catch (DeploymentException e) {
                return new Scan(null, e);
            }
        }
    };

    private static final ClassValue<Scan> CLIENT = new ClassValue<>() {
        @Override
        protected Scan computeValue(Class<?> type) {
            try {
                return new Scan(AnnotatedEndpointScanner.scanClientEndpoint(type), null);
            } catch (DeploymentException e) {
                return new Scan(null, e);
            }
        }
    };

    private EndpointModels() {
    }

    /** The model of a {@code @ServerEndpoint} class, with the decoders its annotation lists. */
    public static EndpointModel server(Class<?> endpointClass) throws DeploymentException {
        return SERVER.get(endpointClass).get();
    }

    /** The model of a {@code @ClientEndpoint} class, with the decoders its annotation lists. */
    public static EndpointModel client(Class<?> endpointClass) throws DeploymentException {
        return CLIENT.get(endpointClass).get();
    }

    /**
     * The {@link Endpoint} to run for an endpoint instance: the instance itself when it extends
     * {@code Endpoint}, otherwise the annotated adapter over the model of {@code endpointClass}. The
     * model comes from the class's annotation when the configuration's decoders are the annotation's;
     * a programmatic configuration naming an annotated class with decoders of its own is scanned with those.
     *
     * @param endpointClass the class the configuration names (the instance may be a subclass, such as a proxy)
     * @throws DeploymentException when the class is not a valid annotated endpoint
     */
    public static Endpoint endpointFor(Object instance, Class<?> endpointClass, EndpointRole role, EndpointConfig config)
            throws DeploymentException {
        if (instance instanceof Endpoint endpoint) {
            return endpoint;
        }
        Class<?> modelled = endpointClass != null && endpointClass.isInstance(instance) ? endpointClass : instance.getClass();
        List<Class<? extends Decoder>> decoders = config.getDecoders();
        EndpointModel model;
        if (role == EndpointRole.SERVER && decoders.equals(declaredServerDecoders(modelled))) {
            model = server(modelled);
        } else if (role == EndpointRole.CLIENT && decoders.equals(declaredClientDecoders(modelled))) {
            model = client(modelled);
        } else {
            model = AnnotatedEndpointScanner.scan(modelled, role, decoders);
        }
        return new AnnotatedEndpoint(instance, model);
    }

    private static List<Class<? extends Decoder>> declaredServerDecoders(Class<?> type) {
        jakarta.websocket.server.ServerEndpoint annotation = type.getAnnotation(jakarta.websocket.server.ServerEndpoint.class);
        return annotation == null ? null : List.of(annotation.decoders());
    }

    private static List<Class<? extends Decoder>> declaredClientDecoders(Class<?> type) {
        jakarta.websocket.ClientEndpoint annotation = type.getAnnotation(jakarta.websocket.ClientEndpoint.class);
        return annotation == null ? null : List.of(annotation.decoders());
    }
}
