package dev.duplex.engine.handshake;

/**
 * One parameter of an extension in {@code Sec-WebSocket-Extensions}: {@code extension-param = token [ "=" (token |
 * quoted-string) ]} (RFC 6455 §9.1).
 *
 * <p>Both name and value are kept exactly as sent (no case folding). The value is {@code null} for a parameter without
 * one (such as {@code client_max_window_bits} in RFC 7692 §7.1.2.2). A value is always a token: §9.1 requires that even
 * of a quoted-string value once unescaped, so a value never needs quoting when sent.
 *
 * <p>Thread-safety: immutable.
 *
 * @param name  the parameter's name, a token
 * @param value the parameter's value, a token, or {@code null} if the parameter has none
 */
public record ExtensionParameter(String name, String value) {

    /**
     * @throws IllegalArgumentException if the name, or a non-null value, is not a token
     * @throws NullPointerException     if the name is null
     */
    public ExtensionParameter {
        if (!HttpSyntax.isToken(name)) {
            throw new IllegalArgumentException("extension parameter name is not a token: "
                    + HttpSyntax.quoteForMessage(name));
        }
        if (value != null && !HttpSyntax.isToken(value)) {
            throw new IllegalArgumentException("value of extension parameter " + name
                    + " is not a token (RFC 6455 §9.1): " + HttpSyntax.quoteForMessage(value));
        }
    }

    /** A parameter without a value. */
    public static ExtensionParameter of(String name) {
        return new ExtensionParameter(name, null);
    }

    /** A parameter with a value. */
    public static ExtensionParameter of(String name, String value) {
        return new ExtensionParameter(name, java.util.Objects.requireNonNull(value, "value"));
    }

    /** {@code name} or {@code name=value}, as it appears in the header. */
    public String toHeaderValue() {
        return value == null ? name : name + '=' + value;
    }
}
