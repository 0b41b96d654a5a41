package dev.duplex.endpoint.server;

import jakarta.websocket.server.HandshakeRequest;
import java.net.URI;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@link HandshakeRequest} the configurator sees in {@code modifyHandshake}, built from an
 * {@link UpgradeRequest} and the path parameters of the matched endpoint.
 *
 * <ul>
 * <li>{@link #getHeaders()} is read-only and looks names up case-insensitively (HandshakeRequest
 *     javadoc); a header sent on several lines has one value per line, in order.</li>
 * <li>{@link #getParameterMap()} is read-only and holds the path parameters first, then the
 *     request (query) parameters; a name present in both has the path value first. The TCK reads
 *     path parameters through this map (handshakerequest getParameterMap tests).</li>
 * <li>{@link #getHttpSession()} asks the transport only when called.</li>
 * </ul>
 *
 * <p>Thread-safety: immutable, apart from what the HTTP session supplier does.
 */
public final class ServerHandshakeRequest implements HandshakeRequest {
    private final UpgradeRequest request;
    private final Map<String, List<String>> headers;
    private final Map<String, List<String>> parameters;

    public ServerHandshakeRequest(UpgradeRequest request, Map<String, String> pathParameters) {
        this.request = request;
        this.headers = headerMap(request);
        this.parameters = parameterMap(pathParameters, request.parameters());
    }

    private static Map<String, List<String>> headerMap(UpgradeRequest request) {
        Map<String, List<String>> collected = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (UpgradeRequest.HttpHeader header : request.headers()) {
            collected.computeIfAbsent(header.name(), name -> new ArrayList<>(1)).add(header.value());
        }
        collected.replaceAll((name, values) -> List.copyOf(values));
        return Collections.unmodifiableMap(collected);
    }

    private static Map<String, List<String>> parameterMap(Map<String, String> pathParameters,
            Map<String, List<String>> requestParameters) {
        Map<String, List<String>> collected = new LinkedHashMap<>();
        pathParameters.forEach((name, value) -> collected.computeIfAbsent(name, n -> new ArrayList<>()).add(value));
        requestParameters.forEach(
                (name, values) -> collected.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values));
        collected.replaceAll((name, values) -> List.copyOf(values));
        return Collections.unmodifiableMap(collected);
    }

    /** The transport-neutral request this view was built from. */
    public UpgradeRequest upgradeRequest() {
        return request;
    }

    @Override
    public Map<String, List<String>> getHeaders() {
        return headers;
    }

    @Override
    public Principal getUserPrincipal() {
        return request.userPrincipal();
    }

    @Override
    public URI getRequestURI() {
        return request.requestUri();
    }

    @Override
    public boolean isUserInRole(String role) {
        return request.userPrincipal() != null && request.roleCheck().test(role);
    }

    @Override
    public Object getHttpSession() {
        return request.httpSession().get();
    }

    @Override
    public Map<String, List<String>> getParameterMap() {
        return parameters;
    }

    @Override
    public String getQueryString() {
        return request.queryString();
    }
}
