package dev.duplex.client;

import jakarta.websocket.HandshakeResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The server's response as {@code ClientEndpointConfig.Configurator.afterResponse} sees it: its
 * header fields, looked up ignoring the case of their names (RFC 9110 section 5.1), repeated fields
 * collected in order of arrival. Unmodifiable: the response has been received, there is nothing
 * left to change. Immutable and thread-safe.
 */
final class ReceivedHandshakeResponse implements HandshakeResponse {
    private final Map<String, List<String>> headers;

    ReceivedHandshakeResponse(Map<String, List<String>> received) {
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        received.forEach((name, values) -> copy.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values));
        copy.replaceAll((name, values) -> List.copyOf(values));
        this.headers = Collections.unmodifiableMap(copy);
    }

    @Override
    public Map<String, List<String>> getHeaders() {
        return headers;
    }

    @Override
    public String toString() {
        return "HandshakeResponse" + headers;
    }
}
