package dev.duplex.client.transport;

import java.util.List;
import java.util.Map;

/**
 * The HTTP proxy did not open the tunnel: it answered CONNECT with a status other than 2xx
 * (RFC 9110 section 9.3.6), such as 407 Proxy Authentication Required, whose Proxy-Authenticate
 * field is among the {@link #headers()}.
 */
public final class ProxyConnectException extends HttpResponseException {
    private static final long serialVersionUID = 1L;

    public ProxyConnectException(String message, int status, Map<String, List<String>> headers) {
        super(message, status, headers);
    }
}
