package dev.duplex.endpoint.server;

import java.util.ArrayList;
import java.util.List;

/**
 * The path of an opening handshake request, relative to the WebSocket root (without context path
 * and query), normalised for matching against endpoint paths as Jakarta WebSocket 2.2 section 3.1.1
 * asks ("the normalized - see section 6 of RFC 3986 - incoming URI"): split into segments at '/',
 * each segment percent-decoded as UTF-8, and dot segments removed (RFC 3986 section 5.2.4).
 *
 * <p>Splitting happens before decoding, so an encoded slash ({@code %2F}) stays inside its segment.
 * A trailing '/' yields a last, empty segment: "/a/b/" has three segments and does not match
 * "/a/{var}" (section 3.1.1, example ii). Immutable.
 */
public final class RequestPath {
    private final String raw;
    private final List<String> segments;

    private RequestPath(String raw, List<String> segments) {
        this.raw = raw;
        this.segments = segments;
    }

    /**
     * Parses a raw (still percent-encoded) request path; "" and a path without its leading '/'
     * are read as if it were there.
     *
     * @throws IllegalArgumentException when a segment's percent-encoding is malformed or not UTF-8
     */
    public static RequestPath parse(String rawPath) {
        String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        String[] parts = path.split("/", -1);
        List<String> normalised = new ArrayList<>(parts.length);
        for (int i = 0; i < parts.length; i++) {
            String segment = PercentDecoding.decode(parts[i], false);
            boolean last = i == parts.length - 1;
            // RFC 3986 section 5.2.4: "." is dropped, ".." also drops the segment before it; a dot
            // segment at the end leaves the path ending in '/'.
            if (segment.equals(".") || segment.equals("..")) {
                if (segment.equals("..") && !normalised.isEmpty()) {
                    normalised.remove(normalised.size() - 1);
                }
                if (last) {
                    normalised.add("");
                }
            } else {
                normalised.add(segment);
            }
        }
        return new RequestPath(rawPath, List.copyOf(normalised));
    }

    /** The decoded segments, in order; "/" has one empty segment. */
    public List<String> segments() {
        return segments;
    }

    /** The path as the request carried it. */
    public String raw() {
        return raw;
    }

    @Override
    public String toString() {
        return raw;
    }
}
