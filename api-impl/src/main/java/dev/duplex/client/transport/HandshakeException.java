package dev.duplex.client.transport;

import java.util.List;
import java.util.Map;

/**
 * The server's response to the upgrade request does not complete the opening handshake
 * (RFC 6455 section 4.1): the message says which rule it breaks; the status and header fields
 * are kept for the caller, such as a Jakarta {@code DeploymentException} naming them.
 */
public final class HandshakeException extends HttpResponseException {
    private static final long serialVersionUID = 1L;

    public HandshakeException(String message, int status, Map<String, List<String>> headers) {
        super(message, status, headers);
    }
}
