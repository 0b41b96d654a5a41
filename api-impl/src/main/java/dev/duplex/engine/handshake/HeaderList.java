package dev.duplex.engine.handshake;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Splits comma-separated header lists whose elements cannot contain commas (RFC 7230 §7 {@code #rule}): OWS around
 * elements is dropped, empty elements are ignored, and the values of a repeated header form one list (§3.2.2).
 *
 * <p>Thread-safety: stateless; safe to use from any thread.
 */
final class HeaderList {

    private HeaderList() {
    }

    /**
     * The non-empty elements of every value, in order, as sent.
     *
     * @param headerName    for error messages, or {@code null} if unknown
     * @param values        the values of every occurrence of the header
     * @param isElement     the element grammar
     * @param elementSyntax the grammar's name for error messages, e.g. "a token (RFC 7230 §3.2.6)"
     * @throws HandshakeFormatException naming the first element that {@code isElement} rejects
     */
    static List<String> elements(String headerName, Iterable<String> values, Predicate<String> isElement,
            String elementSyntax) {
        List<String> elements = new ArrayList<>();
        for (String value : values) {
            Objects.requireNonNull(value, "header value");
            int start = 0;
            while (start <= value.length()) {
                int comma = value.indexOf(',', start);
                int end = comma < 0 ? value.length() : comma;
                String element = HttpSyntax.trimOws(value.substring(start, end));
                if (!element.isEmpty()) {
                    if (!isElement.test(element)) {
                        throw new HandshakeFormatException((headerName == null ? "header list" : headerName)
                                + ": element " + HttpSyntax.quoteForMessage(element) + " is not " + elementSyntax
                                + ", in " + HttpSyntax.quoteForMessage(value));
                    }
                    elements.add(element);
                }
                start = end + 1;
            }
        }
        return List.copyOf(elements);
    }
}
