package dev.duplex.client.transport;

import java.net.SocketTimeoutException;

/**
 * The connect timeout ({@link ConnectRequest#connectTimeout()}) expired: resolving the host or
 * opening the TCP connection took too long; the message names which.
 */
public final class ConnectTimeoutException extends SocketTimeoutException {
    private static final long serialVersionUID = 1L;

    public ConnectTimeoutException(String message) {
        super(message);
    }
}
