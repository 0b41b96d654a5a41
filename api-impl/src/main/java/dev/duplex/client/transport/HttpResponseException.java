package dev.duplex.client.transport;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * An HTTP response that ended a connection attempt, with its status code and header fields kept for the caller (a
 * Jakarta {@code DeploymentException} names them, and an application may read a proxy's Proxy-Authenticate).
 */
public abstract class HttpResponseException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient Map<String, List<String>> headers;

    protected HttpResponseException(String message, int status, Map<String, List<String>> headers) {
        super(message);
        this.status = status;
        this.headers = headers;
    }

    /** The response's status code. */
    public int status() {
        return status;
    }

    /** The response's header fields, as received; names looked up ignoring case. */
    public Map<String, List<String>> headers() {
        return headers;
    }
}
