package dev.duplex.servlet;

import dev.duplex.endpoint.session.SessionContext;
import dev.duplex.endpoint.session.SessionOpener;
import jakarta.servlet.ServletInputStream;
import jakarta.websocket.Endpoint;

/**
 * What an accepted handshake leaves for the upgrade handler: the session to open once the
 * container hands over the connection.
 *
 * @param opener         opens the session with the per-connection configuration
 * @param endpoint       the endpoint instance for this connection
 * @param context        the handshake's facts
 * @param maxQueuedBytes the bound on bytes waiting for a slow peer (see {@link dev.duplex.transport.WriteQueue})
 * @param input          what to read the connection from instead of the container's upgraded input,
 *                       or null for the container's own (see {@link ContainerInputs})
 */
record PendingSession(SessionOpener opener, Endpoint endpoint, SessionContext context, long maxQueuedBytes,
        ServletInputStream input) {
}
