package dev.duplex.endpoint;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds the class a generic interface is bound to by an implementation, such as the {@code T} of
 * {@code Decoder.Text<T>} or {@code MessageHandler.Whole<T>}, through superclasses, superinterfaces
 * and type variables. Used once per coder or handler class, never per message.
 */
public final class GenericTypes {
    private GenericTypes() {
    }

    /**
     * The class bound to type parameter {@code index} of {@code generic} by {@code implementation},
     * or null when it cannot be resolved (a raw type, or a variable left open, as in a lambda).
     */
    public static Class<?> typeArgument(Class<?> implementation, Class<?> generic, int index) {
        return resolve(implementation, generic, index, new HashMap<>());
    }

    private static Class<?> resolve(Class<?> type, Class<?> generic, int index, Map<TypeVariable<?>, Type> bindings) {
        if (type == null || type == Object.class) {
            return null;
        }
        for (Type candidate : type.getGenericInterfaces()) {
            Class<?> found = inspect(candidate, generic, index, bindings);
            if (found != null) {
                return found;
            }
        }
        return inspect(type.getGenericSuperclass(), generic, index, bindings);
    }

    private static Class<?> inspect(Type candidate, Class<?> generic, int index, Map<TypeVariable<?>, Type> bindings) {
        if (candidate instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            Type[] arguments = parameterized.getActualTypeArguments();
            if (raw == generic) {
                return toClass(arguments[index], bindings);
            }
            Map<TypeVariable<?>, Type> inner = new HashMap<>(bindings);
            TypeVariable<?>[] variables = raw.getTypeParameters();
            for (int i = 0; i < variables.length; i++) {
                Type argument = arguments[i];
                inner.put(variables[i], argument instanceof TypeVariable<?> v && bindings.containsKey(v) ? bindings.get(v) : argument);
            }
            return generic.isAssignableFrom(raw) ? resolve(raw, generic, index, inner) : null;
        }
        if (candidate instanceof Class<?> raw && generic.isAssignableFrom(raw)) {
            return resolve(raw, generic, index, new HashMap<>());
        }
        return null;
    }

    private static Class<?> toClass(Type type, Map<TypeVariable<?>, Type> bindings) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        if (type instanceof GenericArrayType array) {
            Class<?> component = toClass(array.getGenericComponentType(), bindings);
            return component == null ? null : component.arrayType();
        }
        if (type instanceof TypeVariable<?> variable) {
            Type bound = bindings.get(variable);
            return bound == null || bound == variable ? null : toClass(bound, bindings);
        }
        return null;
    }
}
