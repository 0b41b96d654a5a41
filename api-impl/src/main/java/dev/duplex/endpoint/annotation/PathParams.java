package dev.duplex.endpoint.annotation;

import dev.duplex.endpoint.coder.PrimitiveText;
import jakarta.websocket.DecodeException;
import java.util.Map;

/**
 * Converts path segments to the types of {@code @PathParam} parameters (Jakarta WebSocket 2.2
 * section 4.3): a String as it is; a primitive or its box as its one-String constructor would
 * (WSC-4.3-5, that is, by parsing).
 *
 * <p>A name the path template lacks has no segment. The parameter is then null (section 4.3
 * for a String, javadoc of {@code PathParam.value} for any type), with two exceptions. A boolean
 * or Boolean is false: what its one-String constructor makes of the missing (null) string,
 * {@code new Boolean(null)}, as in the reference implementation; the TCK's
 * {@code ee.jakarta.websocket.websocketmessage} relies on it (an endpoint names its variable
 * {@code "{param}"} and calls {@code booleanValue()} on it). Any other primitive cannot take
 * null, and its box's constructor throws for a null string, so that is a DecodeException
 * (WSC-4.3-6).
 */
final class PathParams {
    private PathParams() {
    }

    /** Whether {@code @PathParam} may annotate a parameter of this type (section 4.3, WSC-4.3-1). */
    static boolean allowedType(Class<?> type) {
        return type == String.class || PrimitiveText.handles(type);
    }

    /**
     * The value for one {@code @PathParam} argument.
     *
     * @throws DecodeException when the segment is not a value of the parameter's type, or the
     *                         parameter is a primitive other than boolean and the path has no
     *                         such variable (WSC-4.3-6)
     */
    static Object value(Argument argument, Map<String, String> pathParameters) throws DecodeException {
        String name = argument.pathParamName();
        String segment = pathParameters == null ? null : pathParameters.get(name);
        Class<?> type = argument.type();
        if (segment == null) {
            if (PrimitiveText.box(type) == Boolean.class) {
                return Boolean.FALSE; // new Boolean((String) null)
            }
            if (type.isPrimitive()) {
                throw new DecodeException((String) null, "@PathParam(\"" + name + "\") is a " + type.getName()
                        + " but the request path has no variable of that name");
            }
            return null;
        }
        if (type == String.class) {
            return segment;
        }
        try {
            return PrimitiveText.decode(type, segment);
        } catch (DecodeException e) {
            throw new DecodeException(segment, "@PathParam(\"" + name + "\") cannot take the path segment \""
                    + segment + "\": " + e.getMessage(), e);
        }
    }
}
