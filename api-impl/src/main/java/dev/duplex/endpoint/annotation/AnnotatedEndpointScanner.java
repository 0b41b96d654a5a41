package dev.duplex.endpoint.annotation;

import dev.duplex.endpoint.coder.CoderType;
import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.Decoder;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the {@link EndpointModel} of an annotated endpoint class, once, at deployment, and rejects
 * every shape the spec does not allow with a {@link DeploymentException} that names the class, the
 * method and the rule (Jakarta WebSocket 2.2 chapter 4 and section 5.2.1). All problems of a class are
 * reported together.
 *
 * <p>Stateless and thread-safe.
 */
public final class AnnotatedEndpointScanner {
    private AnnotatedEndpointScanner() {
    }

    /**
     * Scans a {@code @ServerEndpoint} class deployed as a class (scanned or added with
     * {@code ServerContainer.addEndpoint(Class)}): checks the annotation as
     * {@link ServerEndpointDeclaration#of} does and the methods against its decoders. The server
     * still checks the path template itself and then calls {@link EndpointModel#checkPathParameters}.
     *
     * @throws DeploymentException when the class or one of its methods breaks a rule
     */
    public static EndpointModel scanServerEndpoint(Class<?> endpointClass) throws DeploymentException {
        DeploymentProblems problems = new DeploymentProblems(endpointClass);
        ServerEndpointDeclaration declaration = ServerEndpointDeclaration.read(endpointClass, problems);
        List<Class<? extends Decoder>> decoders = declaration == null ? List.of() : declaration.decoders();
        EndpointModel model = build(endpointClass, EndpointRole.SERVER, DeclaredClasses.decoderTypes(decoders, null),
                problems);
        problems.throwIfAny();
        return model;
    }

    /**
     * Scans a {@code @ClientEndpoint} class, with the decoders its annotation lists. A client endpoint
     * has no path template, so a primitive {@code @PathParam} parameter is an error (it could only be null).
     *
     * @throws DeploymentException when the class is not annotated, or it or one of its methods breaks a rule
     */
    public static EndpointModel scanClientEndpoint(Class<?> endpointClass) throws DeploymentException {
        DeploymentProblems problems = new DeploymentProblems(endpointClass);
        ClientEndpoint annotation = endpointClass.getAnnotation(ClientEndpoint.class);
        List<Class<? extends Decoder>> decoders = List.of();
        if (annotation == null) {
            problems.ofClass("is not annotated with @ClientEndpoint, so it is no client endpoint", "section 4.2");
        } else {
            decoders = List.of(annotation.decoders());
        }
        checkConcrete(endpointClass, problems);
        EndpointModel model = build(endpointClass, EndpointRole.CLIENT, DeclaredClasses.decoderTypes(decoders, problems),
                problems);
        problems.throwIfAny();
        model.checkPathParameters(Set.of());
        return model;
    }

    /**
     * Scans the methods of an endpoint class whose configuration comes from elsewhere, such as a
     * programmatic {@code ServerEndpointConfig} naming an annotated class, with that configuration's
     * decoders. Class-level annotations are not read.
     *
     * @throws DeploymentException when the class is not concrete, a decoder is malformed, or a method breaks a rule
     */
    public static EndpointModel scan(Class<?> endpointClass, EndpointRole role, List<Class<? extends Decoder>> decoders)
            throws DeploymentException {
        DeploymentProblems problems = new DeploymentProblems(endpointClass);
        checkConcrete(endpointClass, problems);
        EndpointModel model = build(endpointClass, role, DeclaredClasses.decoderTypes(decoders, problems), problems);
        problems.throwIfAny();
        return model;
    }

    private static EndpointModel build(Class<?> endpointClass, EndpointRole role, List<CoderType> decoders,
                                       DeploymentProblems problems) {
        AnnotatedMethods methods = AnnotatedMethods.of(endpointClass);
        MethodPlanner planner = new MethodPlanner(problems, decoders);
        BoundMethod onOpen = single(methods, OnOpen.class, "section 4.4", planner, problems);
        BoundMethod onClose = single(methods, OnClose.class, "section 4.5", planner, problems);
        BoundMethod onError = single(methods, OnError.class, "section 4.6", planner, problems);
        List<MessageMethod> messageMethods = messageMethods(methods.annotatedWith(OnMessage.class), planner, problems);
        return new EndpointModel(endpointClass, role, onOpen, onClose, onError, messageMethods);
    }

    /** Plans every method carrying a lifecycle annotation, and records all but the first as duplicates. */
    private static BoundMethod single(AnnotatedMethods methods, Class<? extends Annotation> annotation, String section,
                                      MethodPlanner planner, DeploymentProblems problems) {
        List<Method> annotated = methods.annotatedWith(annotation);
        String name = "@" + annotation.getSimpleName();
        for (int i = 1; i < annotated.size(); i++) {
            problems.ofMethod(annotated.get(i), "a second " + name + " method, besides "
                    + problems.describe(annotated.get(0)) + "; an endpoint may have only one", section);
        }
        BoundMethod first = null;
        for (int i = 0; i < annotated.size(); i++) {
            BoundMethod planned = planner.lifecycle(annotated.get(i), annotation);
            if (i == 0) {
                first = planned;
            }
        }
        return first;
    }

    /** Plans every {@code @OnMessage} method and records those that handle a format another already handles. */
    private static List<MessageMethod> messageMethods(List<Method> annotated, MethodPlanner planner,
                                                      DeploymentProblems problems) {
        Map<MessageKind, MessageMethod> byKind = new EnumMap<>(MessageKind.class);
        List<MessageMethod> result = new ArrayList<>();
        for (Method method : annotated) {
            MessageMethod planned = planner.message(method);
            if (planned == null) {
                continue;
            }
            boolean duplicate = false;
            for (MessageKind kind : planned.kinds()) {
                MessageMethod existing = byKind.putIfAbsent(kind, planned);
                if (existing != null) {
                    duplicate = true;
                    problems.ofMethod(method, "a second @OnMessage method for " + kind.name().toLowerCase()
                            + " messages, besides " + problems.describe(existing.method().method())
                            + "; an endpoint may have only one per native message format (text, binary, pong)",
                            "section 4.7");
                }
            }
            if (!duplicate) {
                result.add(planned);
            }
        }
        return result;
    }

    private static void checkConcrete(Class<?> endpointClass, DeploymentProblems problems) {
        int modifiers = endpointClass.getModifiers();
        if (endpointClass.isInterface() || endpointClass.isArray() || endpointClass.isPrimitive()
                || Modifier.isAbstract(modifiers)) {
            problems.ofClass("an endpoint class must be concrete", "section 4.1");
        }
    }
}
