package dev.duplex.client.transport;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The server's response to the upgrade request does not complete the opening handshake
 * (RFC 6455 section 4.1): the message says which rule it breaks; the status and header fields
 * are kept for the caller, such as a Jakarta {@code DeploymentException} naming them.
 */
public final class HandshakeException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient Map<String, List<String>> headers;

    public HandshakeException(String message, int status, Map<String, List<String>> headers) {
        super(message);
        this.status = status;
        this.headers = headers;
    }

    /** The response's status code. */
    public int status() {
        return status;
    }

    /** The response's header fields, as received. */
    public Map<String, List<String>> headers() {
        return headers;
    }
}
