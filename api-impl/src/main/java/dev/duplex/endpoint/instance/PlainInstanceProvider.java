package dev.duplex.endpoint.instance;

import jakarta.websocket.DeploymentException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;

/**
 * Creates instances through their class's public no-argument constructor, as the Jakarta WebSocket
 * API does outside a CDI container (the {@code Configurator.getEndpointInstance}, {@code Encoder} and
 * {@code Decoder} javadoc). Nothing to destroy, nothing kept. Stateless.
 */
final class PlainInstanceProvider implements InstanceProvider {
    static final PlainInstanceProvider INSTANCE = new PlainInstanceProvider();

    private PlainInstanceProvider() {
    }

    @Override
    public <T> T create(Class<T> type) throws InstantiationException {
        String why = whyNotCreatable(type);
        if (why != null) {
            throw new InstantiationException("cannot instantiate " + type.getName() + ": " + why);
        }
        try {
            Constructor<T> constructor = type.getConstructor();
            return constructor.newInstance();
        } catch (InvocationTargetException e) {
            InstantiationException failure = new InstantiationException(
                    type.getName() + " threw from its constructor: " + e.getCause());
            failure.initCause(e.getCause());
            throw failure;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            throw failure(type, e.toString(), e);
        }
    }

    @Override
    public void destroy(Object instance) {
        // Nothing was kept, and plain objects have no lifecycle to end.
    }

    @Override
    public void checkDeployable(Class<?> type, String role) throws DeploymentException {
        String why = whyNotCreatable(type);
        if (why != null) {
            throw new DeploymentException("the " + role + " " + type.getName() + " cannot be instantiated: " + why);
        }
    }

    /** Null when the class can be made by its public no-argument constructor; otherwise why not. */
    static String whyNotCreatable(Class<?> type) {
        int modifiers = type.getModifiers();
        if (type.isInterface() || type.isArray() || type.isPrimitive() || Modifier.isAbstract(modifiers)) {
            return "it is abstract or an interface";
        }
        if (!Modifier.isPublic(modifiers)) {
            return "the class is not public";
        }
        if (type.getEnclosingClass() != null && !Modifier.isStatic(modifiers)) {
            return "it is an inner class; it must be static to be created without an enclosing instance";
        }
        try {
            type.getConstructor();
            return null;
        } catch (NoSuchMethodException e) {
            return InjectConstructors.declares(type)
                    ? "it has no public no-argument constructor, only an @Inject one, and no CDI container is in"
                            + " use (add duplex-cdi; see its README)"
                    : "it has no public no-argument constructor";
        }
    }

    private static InstantiationException failure(Class<?> type, String why, Throwable cause) {
        InstantiationException failure = new InstantiationException("cannot instantiate " + type.getName() + ": " + why);
        failure.initCause(cause);
        return failure;
    }
}
