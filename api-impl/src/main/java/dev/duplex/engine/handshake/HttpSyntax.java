package dev.duplex.engine.handshake;

/**
 * Character classes of RFC 7230 §3.2.6 ({@code tchar}, {@code qdtext}, quoted-pair) and §3.2.3 ({@code OWS}), and a
 * log-safe rendering of header values for error messages.
 *
 * <p>Thread-safety: stateless; safe to use from any thread.
 */
final class HttpSyntax {

    /** Longest part of a header value quoted in an error message. */
    private static final int MAX_QUOTED_LENGTH = 200;

    private HttpSyntax() {
    }

    /**
     * {@code tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT
     * / ALPHA}.
     */
    static boolean isTokenChar(char c) {
        return c >= 'a' && c <= 'z'
                || c >= 'A' && c <= 'Z'
                || c >= '0' && c <= '9'
                || c < 0x7F && "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    /** {@code token = 1*tchar}. */
    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@code OWS = *( SP / HTAB )}. */
    static boolean isOws(char c) {
        return c == ' ' || c == '\t';
    }

    /** {@code qdtext = HTAB / SP / %x21 / %x23-5B / %x5D-7E / obs-text}. */
    static boolean isQuotedTextChar(char c) {
        return c == '\t' || c == ' ' || c == 0x21 || c >= 0x23 && c <= 0x5B || c >= 0x5D && c <= 0x7E || isObsText(c);
    }

    /** The character after the backslash of {@code quoted-pair = "\" ( HTAB / SP / VCHAR / obs-text )}. */
    static boolean isQuotablePairChar(char c) {
        return c == '\t' || c >= 0x20 && c <= 0x7E || isObsText(c);
    }

    private static boolean isObsText(char c) {
        return c >= 0x80 && c <= 0xFF;
    }

    /** Removes leading and trailing OWS (and nothing else: other whitespace is not OWS). */
    static String trimOws(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && isOws(s.charAt(from))) {
            from++;
        }
        while (to > from && isOws(s.charAt(to - 1))) {
            to--;
        }
        return s.substring(from, to);
    }

    /** {@code s} in double quotes with control and non-Latin-1 characters escaped and long values shortened. */
    static String quoteForMessage(String s) {
        StringBuilder out = new StringBuilder(Math.min(s.length(), MAX_QUOTED_LENGTH) + 8).append('"');
        int shown = Math.min(s.length(), MAX_QUOTED_LENGTH);
        for (int i = 0; i < shown; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F || c > 0xFF || c == '"' || c == '\\') {
                out.append(c == '"' || c == '\\' ? "\\" + c : String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
        if (shown < s.length()) {
            out.append("... (").append(s.length()).append(" chars)");
        }
        return out.toString();
    }
}
