package dev.duplex.endpoint.annotation;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * Turns a {@link Method} into a {@link MethodHandle} of shape {@code (Object, Object[]) -> Object}.
 * Public methods of public classes are bound through the public lookup; a public method whose class
 * is not public (a package-private client endpoint, or an inherited method of a package-private
 * superclass) needs {@code setAccessible}, which works for classes on the class path and for
 * packages opened to Duplex.
 */
final class MethodBinder {
    private MethodBinder() {
    }

    /**
     * Binds the method.
     *
     * @throws IllegalAccessException when the method cannot be made callable; the message says why
     */
    static MethodHandle bind(Method method) throws IllegalAccessException {
        MethodHandle handle;
        try {
            handle = MethodHandles.publicLookup().unreflect(method);
        } catch (IllegalAccessException notPublic) {
            try {
                method.setAccessible(true);
            } catch (InaccessibleObjectException | SecurityException e) {
                IllegalAccessException failure = new IllegalAccessException("the runtime cannot call it: "
                        + e.getMessage() + "; make its class public or open its package to Duplex");
                failure.initCause(e);
                throw failure;
            }
            handle = MethodHandles.lookup().unreflect(method);
        }
        int count = method.getParameterCount();
        if (Modifier.isStatic(method.getModifiers())) {
            handle = MethodHandles.dropArguments(handle, 0, Object.class);
        }
        return handle.asType(MethodType.genericMethodType(count + 1)).asSpreader(Object[].class, count);
    }
}
