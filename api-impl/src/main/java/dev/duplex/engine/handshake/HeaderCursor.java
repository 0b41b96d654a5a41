package dev.duplex.engine.handshake;

/**
 * A read position in one header value, with the lexical pieces of RFC 7230 §3.2.6 ({@code token},
 * {@code quoted-string}) and §3.2.3 ({@code OWS}); errors name the header, the problem and the index.
 *
 * <p>Thread-safety: not thread-safe; a short-lived, single-thread object.
 */
final class HeaderCursor {

    private final String headerName;
    private final String value;
    private int index;

    HeaderCursor(String headerName, String value) {
        this.headerName = headerName;
        this.value = value;
    }

    boolean atEnd() {
        return index == value.length();
    }

    void skipOws() {
        while (index < value.length() && HttpSyntax.isOws(value.charAt(index))) {
            index++;
        }
    }

    /** Consumes {@code c} if it is next. */
    boolean skip(char c) {
        if (index < value.length() && value.charAt(index) == c) {
            index++;
            return true;
        }
        return false;
    }

    boolean isNext(char c) {
        return index < value.length() && value.charAt(index) == c;
    }

    /** Consumes the longest run of {@code tchar}; empty if the next character is not one. */
    String token() {
        int start = index;
        while (index < value.length() && HttpSyntax.isTokenChar(value.charAt(index))) {
            index++;
        }
        return value.substring(start, index);
    }

    /**
     * Consumes a {@code quoted-string}, which must be next, and returns its content with quoted-pairs unescaped.
     *
     * @throws HandshakeFormatException if it is unterminated or holds a character that qdtext and quoted-pair exclude
     */
    String quotedString() {
        int start = index;
        if (!skip('"')) {
            throw error("expected '\"'");
        }
        StringBuilder content = new StringBuilder();
        while (index < value.length()) {
            char c = value.charAt(index);
            if (c == '"') {
                index++;
                return content.toString();
            }
            if (c == '\\') {
                if (index + 1 == value.length()) {
                    break;
                }
                char escaped = value.charAt(index + 1);
                if (!HttpSyntax.isQuotablePairChar(escaped)) {
                    index++;
                    throw error("character not allowed after '\\' in quoted-string");
                }
                content.append(escaped);
                index += 2;
            } else if (HttpSyntax.isQuotedTextChar(c)) {
                content.append(c);
                index++;
            } else {
                throw error("character not allowed in quoted-string");
            }
        }
        throw errorAt("unterminated quoted-string", start);
    }

    int position() {
        return index;
    }

    /** An exception describing {@code problem} with what was found at the current position. */
    HandshakeFormatException error(String problem) {
        String found = atEnd() ? "end of value" : HttpSyntax.quoteForMessage(value.substring(index, index + 1));
        return new HandshakeFormatException(headerName + ": " + problem + ", found " + found + " at index " + index
                + " of " + HttpSyntax.quoteForMessage(value));
    }

    /** An exception describing {@code problem} with a part that starts at {@code at}. */
    HandshakeFormatException errorAt(String problem, int at) {
        return new HandshakeFormatException(headerName + ": " + problem + " at index " + at
                + " of " + HttpSyntax.quoteForMessage(value));
    }
}
