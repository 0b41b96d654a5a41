package dev.duplex.servlet;

import dev.duplex.endpoint.instance.ApplicationInstance;
import dev.duplex.endpoint.session.DuplexSession;
import dev.duplex.engine.Role;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;
import java.io.IOException;
import java.lang.System.Logger.Level;

/**
 * Takes over a connection the container upgraded ({@code HttpServletRequest.upgrade}, Servlet 6.1
 * section 2.3.3.5): opens the WebSocket session over a {@link ServletTransport} and lets the
 * container's read and write listeners drive it. The container creates it with the public
 * no-argument constructor; the filter then hands it the accepted handshake.
 */
public final class WebSocketUpgradeHandler implements HttpUpgradeHandler {
    private static final System.Logger LOG = System.getLogger(WebSocketUpgradeHandler.class.getName());

    private volatile PendingSession pending;
    private volatile ServletTransport transport;

    public WebSocketUpgradeHandler() {
    }

    void prepare(PendingSession session) {
        this.pending = session;
    }

    @Override
    public void init(WebConnection webConnection) {
        PendingSession session = pending;
        pending = null;
        if (session == null) {
            LOG.log(Level.ERROR, "a connection was upgraded without a WebSocket handshake to go with it; closing it");
            closeQuietly(webConnection, null);
            return;
        }
        ServletInputStream input;
        try {
            input = session.connection().input(webConnection);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.ERROR, "could not read the upgraded connection; closing it", e);
            closeQuietly(webConnection, e);
            return;
        }
        transport = open(session, webConnection, input);
    }

    /**
     * Opens the accepted session over an upgraded connection, reading from {@code input}: the container's
     * timeouts handed over first, then the application's {@code onOpen}, then reading starts.
     *
     * @return the transport, or null when the session could not be opened (logged; the connection is closed)
     */
    public static ServletTransport open(PendingSession session, WebConnection webConnection, ServletInputStream input) {
        try {
            // From here on the session's idle timeout is the connection's only one.
            session.connection().handOverTimeouts();
            ServletTransport servletTransport = new ServletTransport(webConnection, input,
                    session.connection().readsOnAnyThread(), session.connection().readCallbacksHoldWrites(),
                    session.connection().readCallbacks(webConnection),
                    session.maxQueuedBytes(),
                    session.opener().runtime().executor());
            // onOpen runs here, before the transport delivers a byte, so its handlers see the first message.
            DuplexSession opened = session.opener().open(session.endpoint(), session.context(), Role.SERVER,
                    servletTransport);
            servletTransport.start(opened.connection());
            return servletTransport;
        } catch (Exception e) {
            LOG.log(Level.ERROR, "could not open the WebSocket session on an upgraded connection", e);
            // The session never opened, so it will not destroy the endpoint instance; the provider ignores a repeat.
            session.opener().instances().destroy(ApplicationInstance.of(session.endpoint()));
            closeQuietly(webConnection, e);
            return null;
        }
    }

    private static void closeQuietly(WebConnection webConnection, Exception failure) {
        try {
            webConnection.close();
        } catch (Exception closing) {
            if (failure != null) {
                failure.addSuppressed(closing);
            }
            LOG.log(Level.DEBUG, "closing the upgraded connection failed", closing);
        }
    }

    @Override
    public void destroy() {
        ServletTransport current = transport;
        if (current != null) {
            current.end(null);
        }
    }
}
