package dev.duplex.endpoint.session;

import jakarta.websocket.Extension;
import java.net.URI;
import java.security.Principal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The facts of a successful opening handshake that a session reports through its getters.
 * Immutable; the maps and lists are unmodifiable copies. Build with {@link #builder(URI)}.
 *
 * @param requestUri        the URI of the upgraded request, with the {@code ws} or {@code wss} scheme
 *                          ({@code Session.getRequestURI()})
 * @param queryString       the query string, or null when the request had none
 * @param requestParameters the query parameters ({@code Session.getRequestParameterMap()})
 * @param pathParameters    the values of the URI template's variables ({@code Session.getPathParameters()})
 * @param userPrincipal     the authenticated user, or null
 * @param subprotocol       the negotiated subprotocol, empty when none
 * @param extensions        the negotiated extensions, in the order they apply
 * @param secure            whether the connection runs over TLS
 * @param userProperties    the seed of the session's user properties: for a server, the endpoint
 *                          configuration's properties as {@code modifyHandshake} left them; for a
 *                          client, the {@code ClientEndpointConfig}'s (Session javadoc,
 *                          {@code getUserProperties}). Each session takes a shallow copy. Values may
 *                          be null. Null means "the endpoint configuration's user properties".
 */
public record SessionContext(URI requestUri, String queryString, Map<String, List<String>> requestParameters,
        Map<String, String> pathParameters, Principal userPrincipal, String subprotocol,
        List<Extension> extensions, boolean secure, Map<String, Object> userProperties) {

    public SessionContext {
        Objects.requireNonNull(requestUri, "requestUri");
        requestParameters = copyParameters(requestParameters);
        pathParameters = readOnlyCopy(pathParameters);
        subprotocol = subprotocol == null ? "" : subprotocol;
        extensions = extensions == null ? List.of() : List.copyOf(extensions);
        userProperties = userProperties == null ? null : readOnlyCopy(userProperties);
    }

    private static Map<String, List<String>> copyParameters(Map<String, List<String>> parameters) {
        if (parameters == null || parameters.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> copy = new LinkedHashMap<>();
        parameters.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        return Collections.unmodifiableMap(copy);
    }

    /**
     * In order, values may be null; an empty map is the shared {@code Map.of()}: a session holds a
     * context for its whole life, and most have no parameters.
     */
    private static <V> Map<String, V> readOnlyCopy(Map<String, V> map) {
        return map == null || map.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    public static Builder builder(URI requestUri) {
        return new Builder(requestUri);
    }

    /** Builder for {@link SessionContext}; every field but the URI is optional. Not thread-safe. */
    public static final class Builder {
        private final URI requestUri;
        private String queryString;
        private Map<String, List<String>> requestParameters;
        private Map<String, String> pathParameters;
        private Principal userPrincipal;
        private String subprotocol;
        private List<Extension> extensions;
        private boolean secure;
        private Map<String, Object> userProperties;

        private Builder(URI requestUri) {
            this.requestUri = requestUri;
            this.queryString = requestUri == null ? null : requestUri.getRawQuery();
            this.secure = requestUri != null && "wss".equalsIgnoreCase(requestUri.getScheme());
        }

        /** Defaults to the URI's raw query. */
        public Builder queryString(String queryString) {
            this.queryString = queryString;
            return this;
        }

        public Builder requestParameters(Map<String, List<String>> requestParameters) {
            this.requestParameters = requestParameters;
            return this;
        }

        public Builder pathParameters(Map<String, String> pathParameters) {
            this.pathParameters = pathParameters;
            return this;
        }

        public Builder userPrincipal(Principal userPrincipal) {
            this.userPrincipal = userPrincipal;
            return this;
        }

        public Builder subprotocol(String subprotocol) {
            this.subprotocol = subprotocol;
            return this;
        }

        public Builder extensions(List<Extension> extensions) {
            this.extensions = extensions;
            return this;
        }

        /** Defaults to whether the URI's scheme is {@code wss}. */
        public Builder secure(boolean secure) {
            this.secure = secure;
            return this;
        }

        /** Defaults to null: the session then copies its endpoint configuration's user properties. */
        public Builder userProperties(Map<String, Object> userProperties) {
            this.userProperties = userProperties;
            return this;
        }

        public SessionContext build() {
            return new SessionContext(requestUri, queryString, requestParameters, pathParameters, userPrincipal,
                    subprotocol, extensions, secure, userProperties);
        }
    }
}
