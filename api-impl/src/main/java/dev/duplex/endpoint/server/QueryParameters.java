package dev.duplex.endpoint.server;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses a query string into request parameters the way servlet containers do for a GET request:
 * {@code name=value} pairs separated by {@code &}, decoded as {@code application/x-www-form-urlencoded}
 * with UTF-8 ('+' is a space). A name without '=' has the value "". A pair whose encoding is
 * malformed is skipped, as servlet containers skip it, rather than failing the handshake.
 * Public for the client, whose sessions report the parameters of the URI they connected to.
 * Stateless and thread-safe.
 */
public final class QueryParameters {
    private QueryParameters() {
    }

    /** Name to values in order of first appearance; unmodifiable; empty for a null or empty query. */
    public static Map<String, List<String>> parse(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name;
            String value;
            try {
                name = PercentDecoding.decode(equals < 0 ? pair : pair.substring(0, equals), true);
                value = equals < 0 ? "" : PercentDecoding.decode(pair.substring(equals + 1), true);
            } catch (IllegalArgumentException e) {
                continue;
            }
            parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        Map<String, List<String>> frozen = new LinkedHashMap<>();
        parameters.forEach((name, values) -> frozen.put(name, List.copyOf(values)));
        return Collections.unmodifiableMap(frozen);
    }
}
