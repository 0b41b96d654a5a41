package dev.duplex.endpoint.annotation;

import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The methods of an endpoint class that carry {@code @OnOpen}, {@code @OnClose}, {@code @OnError}
 * or {@code @OnMessage}, found along its superclass chain.
 *
 * <p>Inheritance (Jakarta WebSocket 2.2 section 4.8, and what the TCK's
 * {@code spec/annotation/inheritance} tests expect): an annotated method of a superclass counts for
 * the endpoint unless a subclass overrides it; the overriding method then counts only if it is
 * annotated itself. Annotations on interfaces are not looked at. Compiler-generated bridge methods,
 * which may carry copies of the annotations, are skipped, but a bridge generated for a generic
 * override still marks the superclass method as overridden. Methods are listed subclass first and,
 * within a class, in name order, so that error messages do not depend on reflection order.
 */
final class AnnotatedMethods {
    /** The method annotations this package handles. */
    static final List<Class<? extends Annotation>> TYPES =
            List.of(OnOpen.class, OnClose.class, OnError.class, OnMessage.class);

    private static final Comparator<Method> ORDER = Comparator.comparing(Method::getName)
            .thenComparing(m -> Arrays.toString(m.getParameterTypes()));

    private record Signature(String name, List<Class<?>> parameterTypes) {
        static Signature of(Method method) {
            return new Signature(method.getName(), List.of(method.getParameterTypes()));
        }
    }

    private final Map<Class<? extends Annotation>, List<Method>> byAnnotation;

    private AnnotatedMethods(Map<Class<? extends Annotation>, List<Method>> byAnnotation) {
        this.byAnnotation = byAnnotation;
    }

    static AnnotatedMethods of(Class<?> endpointClass) {
        Map<Class<? extends Annotation>, List<Method>> found = new LinkedHashMap<>();
        TYPES.forEach(type -> found.put(type, new ArrayList<>()));
        Set<Signature> overridden = new HashSet<>();
        for (Class<?> type = endpointClass; type != null && type != Object.class; type = type.getSuperclass()) {
            Method[] declared = type.getDeclaredMethods();
            Arrays.sort(declared, ORDER);
            Set<Signature> declaredHere = new HashSet<>();
            for (Method method : declared) {
                if (method.isBridge()) {
                    if (bridgesGenericOverride(method, declared)) {
                        declaredHere.add(Signature.of(method));
                    }
                    continue;
                }
                if (method.isSynthetic()) {
                    continue;
                }
                boolean overridable = !Modifier.isPrivate(method.getModifiers());
                if (overridable) {
                    declaredHere.add(Signature.of(method));
                    if (overridden.contains(Signature.of(method))) {
                        continue;
                    }
                }
                for (Class<? extends Annotation> annotation : TYPES) {
                    if (method.isAnnotationPresent(annotation)) {
                        found.get(annotation).add(method);
                    }
                }
            }
            overridden.addAll(declaredHere);
        }
        found.replaceAll((type, methods) -> List.copyOf(methods));
        return new AnnotatedMethods(found);
    }

    /** The effective methods carrying the annotation, subclass first. */
    List<Method> annotatedWith(Class<? extends Annotation> annotation) {
        return byAnnotation.get(annotation);
    }

    /**
     * Whether a bridge method stands for an override whose parameter types were narrowed through
     * generics ({@code onMessage(String)} overriding {@code onMessage(T)}): the class then declares
     * a real method of the same name and arity whose parameters fit the bridge's erased ones. A
     * bridge that only republishes a public method of a package-private superclass has no such method.
     */
    private static boolean bridgesGenericOverride(Method bridge, Method[] declared) {
        Class<?>[] erased = bridge.getParameterTypes();
        for (Method candidate : declared) {
            if (candidate.isBridge() || candidate.isSynthetic() || !candidate.getName().equals(bridge.getName())
                    || candidate.getParameterCount() != erased.length) {
                continue;
            }
            Class<?>[] actual = candidate.getParameterTypes();
            boolean fits = true;
            for (int i = 0; i < erased.length && fits; i++) {
                fits = erased[i].isAssignableFrom(actual[i]);
            }
            if (fits) {
                return true;
            }
        }
        return false;
    }
}
