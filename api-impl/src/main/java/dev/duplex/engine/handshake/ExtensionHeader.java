package dev.duplex.engine.handshake;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads and writes {@code Sec-WebSocket-Extensions} (RFC 6455 §9.1, §11.3.2):
 * <pre>
 * extension-list = 1#extension
 * extension      = extension-token *( ";" extension-param )
 * extension-param = token [ "=" (token | quoted-string) ]
 * </pre>
 * with RFC 7230 list rules: the header may appear several times (its values form one list, §3.2.2), empty list
 * elements are ignored (§7), and OWS is allowed around {@code ,}, {@code ;} and {@code =} (RFC 6455 §9.1 uses the
 * implied linear whitespace of RFC 2616 §2.1).
 *
 * <p>Strict: an empty extension or parameter name, {@code =} without a value, an unterminated quoted-string, a
 * quoted value that is not a token once unescaped (§9.1), any other non-token character, and a trailing {@code ;} all
 * raise {@link HandshakeFormatException}. A value made only of empty elements yields no extensions rather than an
 * error: for negotiation it means the same as an absent header. Names and values are kept as sent (no case folding).
 *
 * <p>Thread-safety: stateless; safe to use from any thread.
 */
public final class ExtensionHeader {

    /** The header's name, for messages; header names are case-insensitive (RFC 7230 §3.2). */
    static final String NAME = "Sec-WebSocket-Extensions";

    private ExtensionHeader() {
    }

    /**
     * The extensions of every occurrence of the header, in order.
     *
     * @param headerValues the values of every occurrence of the header (none if it is absent)
     * @throws HandshakeFormatException if a value is malformed; the message names the problem and its index
     */
    public static List<ExtensionOffer> parse(Iterable<String> headerValues) {
        List<ExtensionOffer> offers = new ArrayList<>();
        for (String value : headerValues) {
            HeaderCursor cursor = new HeaderCursor(NAME, Objects.requireNonNull(value, "header value"));
            while (true) {
                cursor.skipOws();
                if (cursor.atEnd()) {
                    break;
                }
                if (cursor.skip(',')) {
                    continue; // empty list element
                }
                offers.add(extension(cursor));
                cursor.skipOws();
                if (!cursor.atEnd() && !cursor.skip(',')) {
                    throw cursor.error("expected ',' or ';' after extension "
                            + HttpSyntax.quoteForMessage(offers.get(offers.size() - 1).name()));
                }
            }
        }
        return List.copyOf(offers);
    }

    /**
     * The header value announcing {@code extensions} in order, e.g.
     * {@code permessage-deflate; server_no_context_takeover, x-other}.
     *
     * @throws IllegalArgumentException if the list is empty: the header needs at least one extension (§9.1), so omit
     *                                  the header instead
     */
    public static String format(List<ExtensionOffer> extensions) {
        if (extensions.isEmpty()) {
            throw new IllegalArgumentException(NAME + " needs at least one extension; omit the header instead");
        }
        StringBuilder out = new StringBuilder();
        for (ExtensionOffer extension : extensions) {
            if (out.length() > 0) {
                out.append(", ");
            }
            out.append(extension.toHeaderValue());
        }
        return out.toString();
    }

    private static ExtensionOffer extension(HeaderCursor cursor) {
        String name = cursor.token();
        if (name.isEmpty()) {
            throw cursor.error("expected an extension name");
        }
        List<ExtensionParameter> parameters = new ArrayList<>();
        while (true) {
            cursor.skipOws();
            if (!cursor.skip(';')) {
                return new ExtensionOffer(name, parameters);
            }
            cursor.skipOws();
            parameters.add(parameter(cursor, name));
        }
    }

    private static ExtensionParameter parameter(HeaderCursor cursor, String extensionName) {
        String name = cursor.token();
        if (name.isEmpty()) {
            throw cursor.error("expected a parameter name after ';' in extension "
                    + HttpSyntax.quoteForMessage(extensionName));
        }
        cursor.skipOws();
        if (!cursor.skip('=')) {
            return ExtensionParameter.of(name);
        }
        cursor.skipOws();
        String value;
        if (cursor.isNext('"')) {
            int start = cursor.position();
            value = cursor.quotedString();
            if (!HttpSyntax.isToken(value)) {
                throw cursor.errorAt("quoted value " + HttpSyntax.quoteForMessage(value) + " of parameter "
                        + HttpSyntax.quoteForMessage(name) + " is not a token once unescaped (RFC 6455 §9.1)", start);
            }
        } else {
            value = cursor.token();
            if (value.isEmpty()) {
                throw cursor.error("expected a value after '=' of parameter " + HttpSyntax.quoteForMessage(name));
            }
        }
        return ExtensionParameter.of(name, value);
    }
}
