package dev.duplex.client.transport;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The HTTP proxy did not open the tunnel: it answered CONNECT with a status other than 2xx
 * (RFC 9110 section 9.3.6), such as 407 Proxy Authentication Required.
 */
public final class ProxyConnectException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient Map<String, List<String>> headers;

    public ProxyConnectException(String message, int status, Map<String, List<String>> headers) {
        super(message);
        this.status = status;
        this.headers = headers;
    }

    public int status() {
        return status;
    }

    /** The proxy's header fields, such as Proxy-Authenticate; names looked up ignoring case. */
    public Map<String, List<String>> headers() {
        return headers;
    }
}
