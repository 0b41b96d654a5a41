package dev.duplex.endpoint.server;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A refused opening handshake: the HTTP status to answer with, headers to add, and a one-line
 * reason for the response body and the log.
 *
 * @param status  the HTTP status code (400, 403, 404, 405, 426 or 500)
 * @param headers headers to send, case-insensitive and unmodifiable (for example
 *                {@code Sec-WebSocket-Version: 13} with 426, RFC 6455 section 4.4)
 * @param reason  one line saying what was wrong, without CR or LF
 * @param cause   the application's exception behind a 500, or null
 */
public record HandshakeRejection(int status, Map<String, List<String>> headers, String reason, Throwable cause)
        implements HandshakeOutcome {

    public HandshakeRejection {
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        headers = Collections.unmodifiableMap(copy);
        reason = oneLine(Objects.requireNonNull(reason, "reason"));
    }

    static HandshakeRejection of(int status, String reason) {
        return new HandshakeRejection(status, Map.of(), reason, null);
    }

    static HandshakeRejection of(int status, String reason, Throwable cause) {
        return new HandshakeRejection(status, Map.of(), reason, cause);
    }

    static HandshakeRejection withHeader(int status, String reason, String name, String value) {
        return new HandshakeRejection(status, Map.of(name, List.of(value)), reason, null);
    }

    private static String oneLine(String text) {
        StringBuilder line = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            line.append(c == '\r' || c == '\n' ? ' ' : c);
        }
        return line.toString();
    }
}
