package dev.duplex.endpoint.instance;

import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;

/**
 * Recognises a constructor annotated {@code @jakarta.inject.Inject} by the annotation's name, so that
 * the core, which has no dependency on {@code jakarta.inject}, can accept at deployment classes a CDI
 * container will create (CDI 4.1 section 3.7, bean constructors) and explain why it cannot create them itself.
 */
public final class InjectConstructors {
    private static final String INJECT = "jakarta.inject.Inject";

    private InjectConstructors() {
    }

    /** Whether a constructor of {@code type} is annotated {@code @jakarta.inject.Inject}. */
    public static boolean declares(Class<?> type) {
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            for (Annotation annotation : constructor.getDeclaredAnnotations()) {
                if (annotation.annotationType().getName().equals(INJECT)) {
                    return true;
                }
            }
        }
        return false;
    }
}
