package dev.duplex.endpoint.server;

import jakarta.websocket.Extension;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;

/**
 * An accepted opening handshake: the headers of the 101 response, and everything the session of
 * the new connection is made from.
 *
 * @param responseHeaders the 101 response's headers, after {@code modifyHandshake}; case-insensitive,
 *                        unmodifiable; always with {@code Upgrade}, {@code Connection} and
 *                        {@code Sec-WebSocket-Accept}, and with {@code Sec-WebSocket-Protocol} and
 *                        {@code Sec-WebSocket-Extensions} exactly when something was negotiated
 * @param config          the connection's view of the endpoint configuration: the very object
 *                        {@code modifyHandshake} received, to be passed to the endpoint's
 *                        {@code onOpen}; its user properties seed the session's
 * @param endpoint        the endpoint instance from the configurator's {@code getEndpointInstance}:
 *                        an {@link jakarta.websocket.Endpoint} or an annotated endpoint object
 * @param pathParameters  the path's variables and their decoded values, unmodifiable
 * @param subprotocol     the negotiated subprotocol, or "" when none
 * @param extensions      the negotiated extensions in response order, unmodifiable
 * @param request         the request as the configurator saw it (URI, query, parameters, user,
 *                        HTTP session)
 */
public record HandshakeAcceptance(Map<String, List<String>> responseHeaders, ConnectionEndpointConfig config,
        Object endpoint, Map<String, String> pathParameters, String subprotocol, List<Extension> extensions,
        ServerHandshakeRequest request) implements HandshakeOutcome {

    /** The full request URI (for {@code Session.getRequestURI()}). */
    public URI requestUri() {
        return request.getRequestURI();
    }

    /** The raw query string, or null (for {@code Session.getQueryString()}). */
    public String queryString() {
        return request.getQueryString();
    }

    /** Path and request parameters (for {@code Session.getRequestParameterMap()}). */
    public Map<String, List<String>> parameterMap() {
        return request.getParameterMap();
    }

    /** The authenticated user, or null (for {@code Session.getUserPrincipal()}). */
    public Principal userPrincipal() {
        return request.getUserPrincipal();
    }

    /** This connection's user properties, including what {@code modifyHandshake} put there. */
    public Map<String, Object> userProperties() {
        return config.getUserProperties();
    }

    /** Whether the request came over TLS (for {@code Session.isSecure()}). */
    public boolean isSecure() {
        return request.upgradeRequest().isSecure();
    }
}
