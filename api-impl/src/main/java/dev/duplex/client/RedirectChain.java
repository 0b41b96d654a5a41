package dev.duplex.client;

import dev.duplex.client.transport.HandshakeException;
import dev.duplex.client.transport.UpgradeResponse;
import jakarta.websocket.DeploymentException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The URIs one opening handshake has been sent to, the first one given to {@code connectToServer}, each later one
 * named by the {@code Location} of a redirect (RFC 6455 section 4.1: "the server might redirect the client using a
 * 3xx status code (but clients are not required to follow them)"). {@link #follow} decides whether the next hop may
 * be taken; every refusal names the chain. Immutable and thread-safe.
 *
 * <p>Followed: 301, 302, 303, 307 and 308 (RFC 9110 section 15.4). The handshake is a GET without content, so they
 * all mean the same here: send the same GET to the new URI (the method changes of 301, 302 and 303 concern other
 * methods). 300 (a choice for a person), 304 (a cache answer) and 305/306 (deprecated, unused) stay refusals.
 *
 * @param uris         the URIs tried so far, in order; the last is the one whose response is being handled
 * @param maxRedirects how many redirects may be followed; 0 follows none
 */
record RedirectChain(List<URI> uris, int maxRedirects) {
    /** Like Tyrus's redirect threshold and curl's browsers-minded default of a handful: enough for real set-ups. */
    static final int DEFAULT_MAX_REDIRECTS = 5;

    RedirectChain {
        uris = List.copyOf(uris);
        if (uris.isEmpty()) {
            throw new IllegalArgumentException("a redirect chain starts at a URI");
        }
        if (maxRedirects < 0) {
            throw new IllegalArgumentException("maxRedirects must not be negative: " + maxRedirects);
        }
    }

    /** The chain of a handshake that has been sent to {@code uri} only. */
    static RedirectChain startingAt(URI uri, int maxRedirects) {
        return new RedirectChain(List.of(Objects.requireNonNull(uri, "uri")), maxRedirects);
    }

    /** Whether a response with this status is a redirect that may be followed. */
    static boolean isFollowable(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** The URI the handshake was last sent to. */
    URI current() {
        return uris.get(uris.size() - 1);
    }

    /** How many redirects have been followed. */
    int redirects() {
        return uris.size() - 1;
    }

    /**
     * The chain one hop longer: to the response's {@code Location}, resolved against {@link #current()} when
     * relative (RFC 9110 section 10.2.2, RFC 3986 section 5), with {@code http} read as {@code ws} and
     * {@code https} as {@code wss}.
     *
     * <p>Why HTTP schemes are taken: the opening handshake is an HTTP request (RFC 6455 section 1.3), and servers,
     * proxies and load balancers that redirect it usually know nothing of WebSocket and write an {@code http(s)}
     * Location for the very resource; RFC 6455 section 3 gives {@code ws} and {@code wss} the ports of
     * {@code http} and {@code https}, so the mapping keeps host, port and path.
     *
     * @param response a response whose status {@link #isFollowable}
     * @throws DeploymentException when the redirect may not be followed: redirects are off, there is no single
     *                             usable Location, it leaves TLS ({@code wss} to {@code ws}), it comes back to a URI
     *                             of the chain, or it is one more than {@link #maxRedirects()}. The cause is a
     *                             {@link HandshakeException} with the response's status and header fields.
     */
    RedirectChain follow(UpgradeResponse response) throws DeploymentException {
        int status = response.status();
        String reason = response.reason();
        Map<String, List<String>> headers = response.headers();
        String answered = "the server answered the WebSocket handshake with " + current() + " with " + status
                + (reason.isEmpty() ? "" : " " + reason);
        List<String> locations = response.headerValues("Location");
        if (locations.isEmpty() || locations.get(0).isBlank()) {
            throw refused(answered + " but no Location header field, so there is nowhere to follow it"
                    + " (RFC 9110 section 10.2.2)", status, headers);
        }
        if (locations.size() > 1) {
            throw refused(answered + " and " + locations.size() + " Location header fields " + locations
                    + "; one is needed (RFC 9110 section 10.2.2)", status, headers);
        }
        URI next = resolve(locations.get(0).strip(), answered, status, headers);
        if (maxRedirects == 0) {
            throw refused(answered + ", redirecting to " + next + "; redirects are not followed because "
                    + ClientProperties.MAX_REDIRECTS + " is 0", status, headers);
        }
        if (isSecure(current()) && !isSecure(next)) {
            // RFC 6455 section 10.6: wss protects the handshake and every message; a redirect must not take it away.
            throw refused(answered + ", redirecting to " + next + "; refused: it would leave TLS (wss to ws), and"
                    + " the handshake and every message would then travel unprotected (RFC 6455 section 10.6)",
                    status, headers);
        }
        List<URI> longer = new ArrayList<>(uris);
        longer.add(next);
        if (uris.contains(next)) {
            throw refused("the WebSocket handshake is redirected in a loop: " + describe(longer)
                    + " (" + status + " " + reason + ")", status, headers);
        }
        if (redirects() == maxRedirects) {
            throw refused("the WebSocket handshake was redirected more than " + maxRedirects + " times: "
                    + describe(longer) + " (" + ClientProperties.MAX_REDIRECTS + " sets the limit)", status, headers);
        }
        return new RedirectChain(longer, maxRedirects);
    }

    /** The chain as "a -> b -> c", for messages. */
    String describe() {
        return describe(uris);
    }

    private URI resolve(String location, String answered, int status, Map<String, List<String>> headers)
            throws DeploymentException {
        URI reference;
        try {
            reference = new URI(location);
        } catch (URISyntaxException e) {
            throw refused(answered + " and a Location that is no URI reference: '" + location + "' ("
                    + e.getReason() + ")", status, headers);
        }
        URI base = current();
        if (base.getRawPath() == null || base.getRawPath().isEmpty()) {
            base = base.resolve("/"); // "ws://host" has an empty path; RFC 3986 section 5.2.3 merges it as "/"
        }
        URI resolved;
        if (reference.getScheme() == null && reference.getRawAuthority() == null
                && (reference.getRawPath() == null || reference.getRawPath().isEmpty())) {
            // RFC 3986 section 5.2.2: a reference without path keeps the base's path, and its query unless it has
            // one; java.net.URI follows the older RFC 2396, which drops the last segment of the path.
            String query = reference.getRawQuery() != null ? reference.getRawQuery() : base.getRawQuery();
            resolved = URI.create(base.getScheme() + "://" + base.getRawAuthority() + base.getRawPath()
                    + (query == null ? "" : "?" + query));
        } else {
            resolved = base.resolve(reference);
        }
        String scheme = resolved.getScheme() == null ? "" : resolved.getScheme().toLowerCase(Locale.ROOT);
        String webSocketScheme = switch (scheme) {
            case "ws", "http" -> "ws";
            case "wss", "https" -> "wss";
            default -> null;
        };
        if (webSocketScheme == null || resolved.getRawAuthority() == null) {
            throw refused(answered + " and Location '" + location + "', which is no ws, wss, http or https URI"
                    + " with a host (RFC 6455 section 3)", status, headers);
        }
        try {
            // A WebSocket URI has no fragment (RFC 6455 section 3), and a fragment is never sent: it is dropped.
            return new URI(webSocketScheme + "://" + resolved.getRawAuthority()
                    + (resolved.getRawPath() == null ? "" : resolved.getRawPath())
                    + (resolved.getRawQuery() == null ? "" : "?" + resolved.getRawQuery()));
        } catch (URISyntaxException e) {
            throw refused(answered + " and a Location that cannot be made a WebSocket URI: '" + location + "' ("
                    + e.getReason() + ")", status, headers);
        }
    }

    private static boolean isSecure(URI uri) {
        return "wss".equalsIgnoreCase(uri.getScheme());
    }

    private static String describe(List<URI> uris) {
        return uris.stream().map(URI::toString).collect(Collectors.joining(" -> "));
    }

    private static DeploymentException refused(String message, int status, Map<String, List<String>> headers) {
        return new DeploymentException(message, new HandshakeException(message, status, headers));
    }
}
