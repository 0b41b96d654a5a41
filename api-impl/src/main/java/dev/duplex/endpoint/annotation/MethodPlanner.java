package dev.duplex.endpoint.annotation;

import dev.duplex.endpoint.coder.CoderType;
import dev.duplex.endpoint.coder.PrimitiveText;
import jakarta.websocket.CloseReason;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import java.io.InputStream;
import java.io.Reader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the parameters of one annotated method against the shapes the spec allows and builds its
 * argument plan, then binds it. Every violation is recorded in the {@link DeploymentProblems},
 * naming the method and the rule; a malformed method yields null.
 *
 * <p>Used by one deploying thread; not thread-safe.
 */
final class MethodPlanner {

    /** The parameters a lifecycle annotation allows besides {@code @PathParam} ones, and where the spec says so. */
    private record LifecycleRule(String name, Map<Class<?>, ArgumentKind> allowed, String allowedText, String section) {
    }

    private static final Map<Class<? extends Annotation>, LifecycleRule> LIFECYCLE = Map.of(
            OnOpen.class, new LifecycleRule("@OnOpen",
                    Map.of(Session.class, ArgumentKind.SESSION, EndpointConfig.class, ArgumentKind.ENDPOINT_CONFIG),
                    "an optional Session, an optional EndpointConfig and @PathParam parameters", "section 4.4"),
            OnClose.class, new LifecycleRule("@OnClose",
                    Map.of(Session.class, ArgumentKind.SESSION, CloseReason.class, ArgumentKind.CLOSE_REASON),
                    "an optional Session, an optional CloseReason and @PathParam parameters", "section 4.5"),
            OnError.class, new LifecycleRule("@OnError",
                    Map.of(Session.class, ArgumentKind.SESSION, Throwable.class, ArgumentKind.THROWABLE),
                    "a Throwable, an optional Session and @PathParam parameters", "section 4.6"));

    private static final String ON_MESSAGE = "section 4.7 and the javadoc of OnMessage";

    private record Shape(Set<MessageKind> kinds, Delivery delivery) {
    }

    private final DeploymentProblems problems;
    private final List<CoderType> decoders;

    MethodPlanner(DeploymentProblems problems, List<CoderType> decoders) {
        this.problems = problems;
        this.decoders = List.copyOf(decoders);
    }

    /** Plans an {@code @OnOpen}, {@code @OnClose} or {@code @OnError} method; null when it is malformed. */
    BoundMethod lifecycle(Method method, Class<? extends Annotation> annotation) {
        LifecycleRule rule = LIFECYCLE.get(annotation);
        int before = problems.count();
        checkPublic(method, rule.name());
        Class<?>[] types = method.getParameterTypes();
        List<Argument> plan = new ArrayList<>(types.length);
        for (int i = 0; i < types.length; i++) {
            Argument argument = pathParam(method, i, rule.name());
            if (argument == null) {
                ArgumentKind kind = rule.allowed().get(types[i]);
                if (kind == null) {
                    problems.ofMethod(method, rule.name() + " method has a parameter of type " + types[i].getName()
                            + " (parameter " + (i + 1) + "); it may take only " + rule.allowedText(), rule.section());
                    continue;
                }
                if (containsKind(plan, kind)) {
                    problems.ofMethod(method, rule.name() + " method has more than one " + types[i].getSimpleName()
                            + " parameter", rule.section());
                    continue;
                }
                argument = Argument.of(kind, types[i]);
            }
            plan.add(argument);
        }
        if (annotation == OnError.class && problems.count() == before && !containsKind(plan, ArgumentKind.THROWABLE)) {
            problems.ofMethod(method, "@OnError method has no Throwable parameter; the error is its mandatory parameter",
                    rule.section());
        }
        return problems.count() == before ? bind(method, plan) : null;
    }

    /** Plans an {@code @OnMessage} method; null when it is malformed. */
    MessageMethod message(Method method) {
        OnMessage annotation = method.getAnnotation(OnMessage.class);
        int before = problems.count();
        checkPublic(method, "@OnMessage");
        Class<?>[] types = method.getParameterTypes();
        Argument[] plan = new Argument[types.length];
        List<Integer> others = new ArrayList<>();
        for (int i = 0; i < types.length; i++) {
            plan[i] = pathParam(method, i, "@OnMessage");
            if (plan[i] != null) {
                continue;
            }
            if (types[i] == Session.class) {
                if (containsKind(Arrays.asList(plan), ArgumentKind.SESSION)) {
                    problems.ofMethod(method, "@OnMessage method has more than one Session parameter", ON_MESSAGE);
                }
                plan[i] = Argument.of(ArgumentKind.SESSION, Session.class);
            } else {
                others.add(i);
            }
        }
        Class<?> messageType = null;
        Shape shape = null;
        switch (others.size()) {
            case 0 -> problems.ofMethod(method, "@OnMessage method has no message parameter", ON_MESSAGE);
            case 1 -> {
                int index = others.get(0);
                messageType = types[index];
                shape = wholeShape(messageType);
                if (shape == null) {
                    problems.ofMethod(method, "@OnMessage parameter of type " + messageType.getName()
                            + " cannot receive messages: it is none of String, Reader, a primitive or its box,"
                            + " ByteBuffer, byte[], InputStream, PongMessage, and " + decoderNames(), ON_MESSAGE);
                }
                plan[index] = Argument.of(ArgumentKind.MESSAGE, messageType);
            }
            case 2 -> {
                int first = others.get(0);
                int second = others.get(1);
                boolean firstIsLast = isBoolean(types[first]);
                if (firstIsLast == isBoolean(types[second])) {
                    problems.ofMethod(method, "@OnMessage method has two message parameters, " + types[first].getName()
                            + " and " + types[second].getName() + "; besides Session and @PathParam parameters it"
                            + " takes one message parameter, and a boolean only to receive String, ByteBuffer or"
                            + " byte[] messages in parts", ON_MESSAGE);
                    break;
                }
                int index = firstIsLast ? second : first;
                int lastIndex = firstIsLast ? first : second;
                messageType = types[index];
                shape = partialShape(method, messageType);
                plan[index] = Argument.of(ArgumentKind.MESSAGE, messageType);
                plan[lastIndex] = Argument.of(ArgumentKind.LAST, types[lastIndex]);
            }
            default -> problems.ofMethod(method, "@OnMessage method has " + others.size()
                    + " parameters that are neither Session nor @PathParam (" + typeNames(types, others)
                    + "); it takes one message parameter, plus a boolean to receive it in parts", ON_MESSAGE);
        }
        long maxMessageSize = annotation.maxMessageSize();
        if (maxMessageSize > Integer.MAX_VALUE) {
            problems.ofMethod(method, "maxMessageSize " + maxMessageSize + " is larger than Integer.MAX_VALUE,"
                    + " more than a String or ByteBuffer can hold", "section 4.7.1");
        } else if (maxMessageSize < MessageMethod.UNLIMITED) {
            problems.ofMethod(method, "maxMessageSize " + maxMessageSize
                    + " is negative; -1 means no maximum", "section 4.7.1");
        }
        if (problems.count() != before) {
            return null;
        }
        BoundMethod bound = bind(method, Arrays.asList(plan));
        return bound == null ? null : new MessageMethod(bound, shape.kinds(), messageType, shape.delivery(), maxMessageSize);
    }

    /** The shape of a message parameter that receives whole messages, or null when nothing can produce its type. */
    private Shape wholeShape(Class<?> type) {
        if (type == String.class || PrimitiveText.handles(type)) {
            return new Shape(EnumSet.of(MessageKind.TEXT), Delivery.WHOLE);
        }
        if (type == Reader.class) {
            return new Shape(EnumSet.of(MessageKind.TEXT), Delivery.STREAM);
        }
        if (type == ByteBuffer.class || type == byte[].class) {
            return new Shape(EnumSet.of(MessageKind.BINARY), Delivery.WHOLE);
        }
        if (type == InputStream.class) {
            return new Shape(EnumSet.of(MessageKind.BINARY), Delivery.STREAM);
        }
        if (type == PongMessage.class) {
            return new Shape(EnumSet.of(MessageKind.PONG), Delivery.WHOLE);
        }
        // "any object parameter for which the endpoint has a text (binary) decoder" (javadoc of OnMessage)
        Set<MessageKind> kinds = EnumSet.noneOf(MessageKind.class);
        for (CoderType decoder : decoders) {
            if (type.isAssignableFrom(decoder.type())) {
                kinds.add(decoder.kind().isText() ? MessageKind.TEXT : MessageKind.BINARY);
            }
        }
        return kinds.isEmpty() ? null : new Shape(kinds, Delivery.WHOLE);
    }

    /** The shape of a message parameter paired with {@code boolean last}; records why when it cannot be one. */
    private Shape partialShape(Method method, Class<?> type) {
        if (type == String.class) {
            return new Shape(EnumSet.of(MessageKind.TEXT), Delivery.PARTIAL);
        }
        if (type == ByteBuffer.class || type == byte[].class) {
            return new Shape(EnumSet.of(MessageKind.BINARY), Delivery.PARTIAL);
        }
        String why;
        if (type == Reader.class || type == InputStream.class) {
            why = "the " + type.getSimpleName() + " receives the whole message as a stream and takes no boolean last";
        } else if (type == PongMessage.class) {
            why = "a PongMessage is always whole and takes no boolean last";
        } else {
            why = "only String, ByteBuffer and byte[] messages can be received in parts, not " + type.getName();
        }
        problems.ofMethod(method, "@OnMessage method pairs " + type.getSimpleName() + " with a boolean: " + why,
                ON_MESSAGE);
        return null;
    }

    /** The plan entry of parameter {@code index} if it carries {@code @PathParam}; records a bad type or name. */
    private Argument pathParam(Method method, int index, String annotationName) {
        PathParam pathParam = null;
        for (Annotation annotation : method.getParameterAnnotations()[index]) {
            if (annotation instanceof PathParam p) {
                pathParam = p;
            }
        }
        if (pathParam == null) {
            return null;
        }
        Class<?> type = method.getParameterTypes()[index];
        if (!PathParams.allowedType(type)) {
            problems.ofMethod(method, annotationName + " method has @PathParam(\"" + pathParam.value()
                    + "\") on a parameter of type " + type.getName()
                    + "; path parameters must be String, a primitive or a primitive's box", "section 4.3");
        }
        if (pathParam.value().isEmpty()) {
            problems.ofMethod(method, annotationName + " method has a @PathParam with an empty name (parameter "
                    + (index + 1) + ")", "section 4.3");
        }
        return Argument.pathParam(pathParam.value(), type);
    }

    private void checkPublic(Method method, String annotationName) {
        if (!Modifier.isPublic(method.getModifiers())) {
            problems.ofMethod(method, annotationName + " method is not public; Duplex calls only public annotated"
                    + " methods, so that no endpoint silently misses a callback", null);
        }
    }

    private BoundMethod bind(Method method, List<Argument> plan) {
        try {
            return new BoundMethod(method, plan, MethodBinder.bind(method));
        } catch (IllegalAccessException e) {
            problems.ofMethod(method, e.getMessage(), null);
            return null;
        }
    }

    private String decoderNames() {
        return decoders.isEmpty() ? "the endpoint has no decoders"
                : "none of the endpoint's decoders " + decoders.stream().map(d -> d.coderClass().getSimpleName()).toList()
                        + " decodes to it";
    }

    private static boolean isBoolean(Class<?> type) {
        return type == boolean.class || type == Boolean.class;
    }

    private static boolean containsKind(List<Argument> plan, ArgumentKind kind) {
        for (Argument argument : plan) {
            if (argument != null && argument.kind() == kind) {
                return true;
            }
        }
        return false;
    }

    private static String typeNames(Class<?>[] types, List<Integer> indexes) {
        return String.join(", ", indexes.stream().map(i -> types[i].getName()).toList());
    }
}
