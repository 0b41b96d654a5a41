package dev.duplex.endpoint.annotation;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Objects;

/**
 * One annotated method, bound once at deployment to a {@link MethodHandle} of shape
 * {@code (Object target, Object[] arguments) -> Object}, with the plan saying what goes in each
 * parameter. Calling it does no reflective look-up.
 *
 * <p>Immutable and thread-safe.
 */
public final class BoundMethod {
    private final Method method;
    private final List<Argument> arguments;
    private final MethodHandle invoker;

    BoundMethod(Method method, List<Argument> arguments, MethodHandle invoker) {
        this.method = Objects.requireNonNull(method);
        this.arguments = List.copyOf(arguments);
        this.invoker = Objects.requireNonNull(invoker);
    }

    /** The annotated method. */
    public Method method() {
        return method;
    }

    /** What the runtime passes for each parameter, in parameter order. */
    public List<Argument> arguments() {
        return arguments;
    }

    /** The index of the first argument of this kind, or -1. */
    public int indexOf(ArgumentKind kind) {
        for (int i = 0; i < arguments.size(); i++) {
            if (arguments.get(i).kind() == kind) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Calls the method on {@code target} (ignored for a static method).
     *
     * @return what the method returned; null for void
     * @throws Throwable what the method threw, as it threw it, or the
     *                   {@code DecodeException} of a path parameter that cannot be converted
     */
    Object invoke(Object target, CallValues values) throws Throwable {
        Object[] actual = new Object[arguments.size()];
        for (int i = 0; i < actual.length; i++) {
            Argument argument = arguments.get(i);
            actual[i] = switch (argument.kind()) {
                case SESSION -> values.session();
                case ENDPOINT_CONFIG -> values.config();
                case CLOSE_REASON -> values.closeReason();
                case THROWABLE -> values.throwable();
                case MESSAGE -> values.message();
                case LAST -> values.last();
                case PATH_PARAM -> PathParams.value(argument,
                        values.session() == null ? null : values.session().getPathParameters());
            };
        }
        return (Object) invoker.invokeExact(target, actual);
    }

    @Override
    public String toString() {
        return method.getDeclaringClass().getName() + "." + method.getName() + arguments;
    }
}
