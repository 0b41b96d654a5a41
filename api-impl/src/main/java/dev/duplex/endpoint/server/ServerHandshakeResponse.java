package dev.duplex.endpoint.server;

import jakarta.websocket.HandshakeResponse;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The proposed 101 response handed to {@code modifyHandshake}: its headers map is modifiable and
 * looks names up case-insensitively (HandshakeResponse javadoc), so a configurator may add, replace
 * or remove headers under any spelling of their names.
 *
 * <p>Thread-safety: not thread-safe; used by the one thread running the handshake.
 */
public final class ServerHandshakeResponse implements HandshakeResponse {
    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    @Override
    public Map<String, List<String>> getHeaders() {
        return headers;
    }

    /** Sets a header to a single value, replacing any values under any spelling of its name. */
    void set(String name, String value) {
        headers.remove(name);
        headers.put(name, List.of(value));
    }

    /**
     * The headers as they stand, for sending: names as first put, values copied, and entries whose
     * value list is null or empty (a configurator's way of removing a header) left out. Unmodifiable
     * and still case-insensitive.
     */
    Map<String, List<String>> snapshot() {
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> {
            if (name != null && values != null && !values.isEmpty()) {
                copy.put(name, values.stream().filter(Objects::nonNull).toList());
            }
        });
        return Collections.unmodifiableMap(copy);
    }
}
