package dev.duplex.endpoint.annotation;

import java.util.Objects;

/**
 * One entry of a method's argument plan: what the runtime passes for the parameter at that position.
 *
 * @param kind          where the value comes from
 * @param type          the parameter's declared type
 * @param pathParamName the {@code @PathParam} name for {@link ArgumentKind#PATH_PARAM}, otherwise null
 */
public record Argument(ArgumentKind kind, Class<?> type, String pathParamName) {

    public Argument {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(type, "type");
        if ((kind == ArgumentKind.PATH_PARAM) != (pathParamName != null)) {
            throw new IllegalArgumentException("a path parameter name goes with PATH_PARAM arguments only");
        }
    }

    /** An argument that is not a path parameter. */
    public static Argument of(ArgumentKind kind, Class<?> type) {
        return new Argument(kind, type, null);
    }

    /** A {@code @PathParam(name)} argument of the given type. */
    public static Argument pathParam(String name, Class<?> type) {
        return new Argument(ArgumentKind.PATH_PARAM, type, name);
    }

    @Override
    public String toString() {
        return kind == ArgumentKind.PATH_PARAM
                ? "@PathParam(\"" + pathParamName + "\") " + type.getSimpleName()
                : kind + " " + type.getSimpleName();
    }
}
