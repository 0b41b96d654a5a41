package dev.duplex.engine.handshake;

import java.util.List;

/**
 * One extension of a {@code Sec-WebSocket-Extensions} header with its parameters in order: {@code extension =
 * extension-token *( ";" extension-param )} (RFC 6455 §9.1). Used for a client's offers and a server's response alike.
 *
 * <p>The name is kept exactly as sent (no case folding).
 *
 * <p>Thread-safety: immutable (the parameter list is an unmodifiable copy).
 *
 * @param name       the extension's name, a token
 * @param parameters its parameters in the order sent
 */
public record ExtensionOffer(String name, List<ExtensionParameter> parameters) {

    /**
     * @throws IllegalArgumentException if the name is not a token
     * @throws NullPointerException     if the name, the list or an element is null
     */
    public ExtensionOffer {
        if (!HttpSyntax.isToken(name)) {
            throw new IllegalArgumentException("extension name is not a token: " + HttpSyntax.quoteForMessage(name));
        }
        parameters = List.copyOf(parameters);
    }

    /** An extension with the given parameters, in order. */
    public static ExtensionOffer of(String name, ExtensionParameter... parameters) {
        return new ExtensionOffer(name, List.of(parameters));
    }

    /**
     * This extension as it appears in the header, e.g. {@code permessage-deflate; client_max_window_bits=10;
     * server_no_context_takeover}. Values are never quoted, since every valid value is a token.
     */
    public String toHeaderValue() {
        StringBuilder out = new StringBuilder(name);
        for (ExtensionParameter parameter : parameters) {
            out.append("; ").append(parameter.toHeaderValue());
        }
        return out.toString();
    }
}
