package dev.duplex.servlet;

import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.WebConnection;
import java.io.IOException;
import java.lang.System.Logger.Level;

/**
 * A connection on a container Duplex has no adapter for: the Servlet API alone.
 *
 * <p>Some containers carry the upgraded connection as an asynchronous request (Jetty 12.1 does),
 * whose timeout (30 s by default, {@code AsyncContext.setTimeout}) would end it however busy it
 * is; that one can be switched off portably, since {@code init} runs inside the dispatch that
 * started it (AsyncContext javadoc: the timeout applies once that dispatch returns). The
 * container's idle timeout on the socket cannot: it still ends a connection that stays silent
 * longer than it, busy connections being refreshed by their own traffic.
 *
 * <p>Public only for the container adapters ({@code dev.duplex.servlet.jetty}); not an API for applications.
 */
public final class PortableConnection implements ContainerConnection {
    private static final System.Logger LOG = System.getLogger(PortableConnection.class.getName());

    private final HttpServletRequest request;

    public PortableConnection(HttpServletRequest request) {
        this.request = request;
    }

    @Override
    public ServletInputStream input(WebConnection upgraded) throws IOException {
        return upgraded.getInputStream();
    }

    @Override
    public void handOverTimeouts() {
        try {
            if (request.isAsyncStarted()) {
                request.getAsyncContext().setTimeout(0);
            }
        } catch (RuntimeException e) {
            // A container may have recycled the request by the time it calls init; it then has
            // no asynchronous cycle around the connection either.
            LOG.log(Level.DEBUG, "the upgraded request has no asynchronous timeout to switch off", e);
        }
    }
}
