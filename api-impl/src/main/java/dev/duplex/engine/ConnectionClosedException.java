package dev.duplex.engine;

import java.io.IOException;

/** A send failed because this end's close frame was already sent, or the connection has ended. */
public final class ConnectionClosedException extends IOException {
    private static final long serialVersionUID = 1L;

    public ConnectionClosedException(String message) {
        super(message);
    }
}
