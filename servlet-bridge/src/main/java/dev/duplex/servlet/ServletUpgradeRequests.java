package dev.duplex.servlet;

import dev.duplex.endpoint.server.UpgradeRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the transport-neutral {@link UpgradeRequest} from an {@code HttpServletRequest}. Stateless. */
final class ServletUpgradeRequests {
    private ServletUpgradeRequests() {
    }

    /**
     * The path endpoints are matched against: the request URI, still percent-encoded, without the
     * context path and without path parameters such as {@code ;jsessionid=...}.
     */
    static String endpointPath(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String path = uri.substring(Math.min(request.getContextPath().length(), uri.length()));
        int semicolon = path.indexOf(';');
        if (semicolon >= 0) {
            StringBuilder stripped = new StringBuilder(path.length());
            for (String segment : path.split("/", -1)) {
                int parameters = segment.indexOf(';');
                stripped.append(parameters >= 0 ? segment.substring(0, parameters) : segment).append('/');
            }
            path = stripped.substring(0, stripped.length() - 1);
        }
        return path.isEmpty() ? "/" : path;
    }

    /**
     * The request as the handshake sees it.
     *
     * @throws URISyntaxException when the request URI is malformed (the caller answers 400)
     */
    static UpgradeRequest read(HttpServletRequest request) throws URISyntaxException {
        String scheme = request.isSecure() ? "wss" : "ws";
        String query = request.getQueryString();
        URI requestUri = new URI(scheme + "://" + authority(request) + request.getRequestURI()
                + (query == null ? "" : "?" + query));
        UpgradeRequest.Builder builder = UpgradeRequest.builder(request.getMethod(), requestUri)
                .path(endpointPath(request))
                .queryString(query)
                .userPrincipal(request.getUserPrincipal())
                .roleCheck(request::isUserInRole)
                .httpSession(() -> request.getSession(false))
                .parameters(parameters(request));
        for (String name : Collections.list(request.getHeaderNames())) {
            for (String value : Collections.list(request.getHeaders(name))) {
                builder.header(name, value);
            }
        }
        return builder.build();
    }

    private static String authority(HttpServletRequest request) {
        String host = request.getServerName();
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]"; // an IPv6 literal
        }
        return host + ":" + request.getServerPort();
    }

    private static Map<String, List<String>> parameters(HttpServletRequest request) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> parameters.put(name, Arrays.asList(values)));
        return parameters;
    }
}
