package dev.duplex.endpoint.coder;

import java.lang.reflect.InvocationTargetException;

/** Creates coder instances through their public no-argument constructor, as the API requires. */
final class Instantiation {
    private Instantiation() {
    }

    static <T> T newInstance(Class<T> type, String what) {
        try {
            return type.getDeclaredConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("the " + what + " " + type.getName() + " threw from its constructor", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot instantiate " + what + " " + type.getName()
                    + ": it needs a public no-argument constructor", e);
        }
    }
}
