package dev.duplex.engine.handshake;

import java.util.List;

/**
 * Comma-separated lists of tokens, such as {@code Connection: keep-alive, Upgrade} (RFC 7230 §7 {@code #rule} with
 * {@code token} elements, §3.2.6; §6.1).
 *
 * <p>Per §7, empty elements are allowed and ignored ({@code ", a ,, b,"} holds {@code a} and {@code b}) and OWS around
 * commas is dropped. A header that appears on several lines is the concatenation of its values (§3.2.2), so methods
 * that take an {@code Iterable} of values treat them as one list.
 *
 * <p>Strictness: every non-empty element must be a token. An element with any other character (inner whitespace,
 * quotes, {@code ;}, {@code /}, non-ASCII...) makes the header malformed and raises {@link HandshakeFormatException}
 * naming that element; it is never skipped, since guessing at a malformed header would accept handshakes that other
 * intermediaries may read differently. (The {@code Upgrade} header allows {@code name/version} elements; use
 * {@link UpgradeHeader} for it.)
 *
 * <p>Thread-safety: stateless; safe to use from any thread.
 */
public final class HeaderTokens {

    private static final String TOKEN_SYNTAX = "a token (RFC 7230 §3.2.6)";

    private HeaderTokens() {
    }

    /**
     * The tokens of one header value, in order, as sent (case preserved).
     *
     * @throws HandshakeFormatException if a non-empty element is not a token
     */
    public static List<String> tokens(String headerValue) {
        return tokens(null, List.of(headerValue));
    }

    /**
     * The tokens of all values of a header that may appear several times, in order, as sent (case preserved).
     *
     * @throws HandshakeFormatException if a non-empty element of any value is not a token
     */
    public static List<String> tokens(Iterable<String> headerValues) {
        return tokens(null, headerValues);
    }

    /**
     * Tells whether any value of a header lists {@code token}, compared ASCII case-insensitively as RFC 7230 §6.1
     * requires of connection options (RFC 6455 §4.2.1 item 4: {@code Connection} must include {@code Upgrade}). All
     * values are parsed, so a malformed element is reported even if the token appears before it.
     *
     * @param headerValues the values of every occurrence of the header (none if it is absent)
     * @param token        the token to look for
     * @throws HandshakeFormatException if a non-empty element of any value is not a token
     * @throws IllegalArgumentException if {@code token} is not a token
     */
    public static boolean containsToken(Iterable<String> headerValues, String token) {
        if (!HttpSyntax.isToken(token)) {
            throw new IllegalArgumentException("not a token: " + HttpSyntax.quoteForMessage(token));
        }
        return containsIgnoringCase(tokens(headerValues), token);
    }

    /** {@link #tokens(Iterable)} with the header's name in error messages ({@code null} if unknown). */
    static List<String> tokens(String headerName, Iterable<String> headerValues) {
        return HeaderList.elements(headerName, headerValues, HttpSyntax::isToken, TOKEN_SYNTAX);
    }

    /** Case-insensitive membership; for ASCII elements {@link String#equalsIgnoreCase} is ASCII case folding. */
    static boolean containsIgnoringCase(List<String> elements, String wanted) {
        for (String element : elements) {
            if (element.equalsIgnoreCase(wanted)) {
                return true;
            }
        }
        return false;
    }
}
