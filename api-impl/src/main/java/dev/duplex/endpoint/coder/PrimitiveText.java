package dev.duplex.endpoint.coder;

import jakarta.websocket.DecodeException;
import java.util.Map;

/**
 * The built-in text coders for Java primitives and their boxes, which every implementation
 * provides (Jakarta WebSocket 2.2 section 4.7 and 5.2.2): decoding parses the message text as
 * the box's one-String constructor would (WSC-4.7-2), encoding uses {@code toString()}.
 *
 * <p>{@code Character} has no such constructor, so the specification names no rule for
 * {@code char}; a text message becomes its first character, as in the reference implementation
 * (Tyrus), and only an empty message fails. Accepting longer texts matters in practice: an
 * {@code @OnMessage char} method that returns a String sends it back to a peer that may echo it
 * (the TCK's {@code clientendpointonmessage} echo tests do exactly this).
 */
public final class PrimitiveText {
    private static final Map<Class<?>, Class<?>> BOXES = Map.of(
            boolean.class, Boolean.class, byte.class, Byte.class, char.class, Character.class,
            short.class, Short.class, int.class, Integer.class, long.class, Long.class,
            float.class, Float.class, double.class, Double.class);

    private PrimitiveText() {
    }

    /** Whether the type is a primitive or a primitive's box. */
    public static boolean handles(Class<?> type) {
        return type.isPrimitive() ? BOXES.containsKey(type) : BOXES.containsValue(type);
    }

    /** The box of a primitive type, or the type itself. */
    public static Class<?> box(Class<?> type) {
        return type.isPrimitive() ? BOXES.getOrDefault(type, type) : type;
    }

    /**
     * Parses a text message into the primitive's box.
     *
     * @throws DecodeException when the text is not a value of that type
     */
    public static Object decode(Class<?> type, String text) throws DecodeException {
        Class<?> boxed = box(type);
        try {
            if (boxed == Boolean.class) {
                return Boolean.parseBoolean(text);
            }
            if (boxed == Character.class) {
                if (text.isEmpty()) {
                    throw new DecodeException(text, "an empty text message has no char to decode");
                }
                return text.charAt(0);
            }
            if (boxed == Byte.class) {
                return Byte.parseByte(text);
            }
            if (boxed == Short.class) {
                return Short.parseShort(text);
            }
            if (boxed == Integer.class) {
                return Integer.parseInt(text);
            }
            if (boxed == Long.class) {
                return Long.parseLong(text);
            }
            if (boxed == Float.class) {
                return Float.parseFloat(text);
            }
            if (boxed == Double.class) {
                return Double.parseDouble(text);
            }
        } catch (NumberFormatException e) {
            throw new DecodeException(text, "not a " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("not a primitive type: " + type);
    }
}
