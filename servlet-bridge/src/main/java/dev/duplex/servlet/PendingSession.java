package dev.duplex.servlet;

import dev.duplex.endpoint.session.SessionContext;
import dev.duplex.endpoint.session.SessionOpener;
import jakarta.websocket.Endpoint;

/**
 * What an accepted handshake leaves for the upgrade handler: the session to open once the
 * container hands over the connection.
 *
 * <p>Public only for the container adapters ({@code dev.duplex.servlet.jetty}); not an API for applications.
 *
 * @param opener         opens the session with the per-connection configuration
 * @param endpoint       the endpoint instance for this connection
 * @param context        the handshake's facts
 * @param maxQueuedBytes the bound on bytes waiting for a slow peer (see {@link dev.duplex.transport.WriteQueue})
 * @param connection     what the container needs beyond the Servlet API to carry the connection
 */
public record PendingSession(SessionOpener opener, Endpoint endpoint, SessionContext context, long maxQueuedBytes,
        ContainerConnection connection) {
}
