package dev.duplex.client.transport;

import java.net.SocketTimeoutException;

/**
 * The handshake timeout ({@link ConnectRequest#handshakeTimeout()}) expired before the server's
 * response head arrived; the message names the step that was under way.
 */
public final class HandshakeTimeoutException extends SocketTimeoutException {
    private static final long serialVersionUID = 1L;

    public HandshakeTimeoutException(String message) {
        super(message);
    }
}
