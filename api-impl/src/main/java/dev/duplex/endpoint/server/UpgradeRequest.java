package dev.duplex.endpoint.server;

import java.net.URI;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A transport-neutral description of an HTTP request that may be a WebSocket opening handshake:
 * what the servlet bridge reads from an {@code HttpServletRequest}, and what tests build directly.
 * The HTTP version (1.1 or later, RFC 6455 section 4.1) is checked by the transport before.
 *
 * <p>Immutable, given immutable parts; build with {@link #builder(String, URI)}.
 *
 * @param method        the request method, such as "GET"
 * @param requestUri    the full request URI, as {@code Session.getRequestURI()} reports it (Jakarta
 *                      WebSocket 2.1 clarified that it is the full URI, issue 228)
 * @param path          the raw (percent-encoded) path relative to the WebSocket root, that is,
 *                      without context path and query, and without servlet path parameters such
 *                      as {@code ;jsessionid=...}; what endpoint paths are matched against (the
 *                      servlet bridge takes {@code getRequestURI()} minus {@code getContextPath()})
 * @param queryString   the raw query, without '?', or null when there is none
 * @param headers       the header fields in the order received, one entry per field line
 * @param userPrincipal the authenticated user, or null
 * @param roleCheck     whether the authenticated user is in a role (false when unauthenticated)
 * @param httpSession   the HTTP session of the request, or null when there is none
 * @param parameters    the request parameters (name to values) as the transport decoded them;
 *                      by default those of the query string
 */
public record UpgradeRequest(String method, URI requestUri, String path, String queryString, List<HttpHeader> headers,
        Principal userPrincipal, Predicate<String> roleCheck, Supplier<Object> httpSession,
        Map<String, List<String>> parameters) {

    /** One header field line. */
    public record HttpHeader(String name, String value) {
        public HttpHeader {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    public UpgradeRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(requestUri, "requestUri");
        Objects.requireNonNull(path, "path");
        headers = List.copyOf(headers);
        Objects.requireNonNull(roleCheck, "roleCheck");
        Objects.requireNonNull(httpSession, "httpSession");
        parameters = copyParameters(parameters);
    }

    private static Map<String, List<String>> copyParameters(Map<String, List<String>> parameters) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        parameters.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        return Collections.unmodifiableMap(copy);
    }

    /** The values of every field line named {@code name} (compared case-insensitively), in order. */
    public List<String> headerValues(String name) {
        List<String> values = new ArrayList<>(1);
        for (HttpHeader header : headers) {
            if (header.name().equalsIgnoreCase(name)) {
                values.add(header.value());
            }
        }
        return values;
    }

    /** The value of the first field line named {@code name}, or null. */
    public String firstHeader(String name) {
        for (HttpHeader header : headers) {
            if (header.name().equalsIgnoreCase(name)) {
                return header.value();
            }
        }
        return null;
    }

    /** Whether the connection is secure, judged from the request URI's scheme (wss or https). */
    public boolean isSecure() {
        String scheme = requestUri.getScheme();
        return "wss".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
    }

    /**
     * A builder whose path and query default to those of {@code requestUri}, with no headers, no
     * user, no HTTP session, and parameters parsed from the query.
     */
    public static Builder builder(String method, URI requestUri) {
        return new Builder(method, requestUri);
    }

    /** Builds an {@link UpgradeRequest}; not thread-safe. */
    public static final class Builder {
        private final String method;
        private final URI requestUri;
        private String path;
        private String queryString;
        private boolean queryStringSet;
        private final List<HttpHeader> headers = new ArrayList<>();
        private Principal userPrincipal;
        private Predicate<String> roleCheck = role -> false;
        private Supplier<Object> httpSession = () -> null;
        private Map<String, List<String>> parameters;

        private Builder(String method, URI requestUri) {
            this.method = method;
            this.requestUri = requestUri;
        }

        /** The raw path relative to the WebSocket root (default: the request URI's raw path). */
        public Builder path(String rawPath) {
            this.path = rawPath;
            return this;
        }

        /** The raw query (default: the request URI's raw query). */
        public Builder queryString(String rawQuery) {
            this.queryString = rawQuery;
            this.queryStringSet = true;
            return this;
        }

        /** Adds one header field line. */
        public Builder header(String name, String value) {
            headers.add(new HttpHeader(name, value));
            return this;
        }

        public Builder userPrincipal(Principal principal) {
            this.userPrincipal = principal;
            return this;
        }

        public Builder roleCheck(Predicate<String> roleCheck) {
            this.roleCheck = Objects.requireNonNull(roleCheck, "roleCheck");
            return this;
        }

        /** Supplies the HTTP session on demand (only if the application asks for it). */
        public Builder httpSession(Supplier<Object> httpSession) {
            this.httpSession = Objects.requireNonNull(httpSession, "httpSession");
            return this;
        }

        /** The request parameters as the transport decoded them (default: parsed from the query). */
        public Builder parameters(Map<String, List<String>> parameters) {
            this.parameters = parameters;
            return this;
        }

        public UpgradeRequest build() {
            String rawPath = path != null ? path : Objects.requireNonNullElse(requestUri.getRawPath(), "");
            String rawQuery = queryStringSet ? queryString : requestUri.getRawQuery();
            Map<String, List<String>> params = parameters != null ? parameters : QueryParameters.parse(rawQuery);
            return new UpgradeRequest(method, requestUri, rawPath, rawQuery, headers, userPrincipal, roleCheck,
                    httpSession, params);
        }
    }
}
