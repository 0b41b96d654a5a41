package dev.duplex.servlet;

import dev.duplex.endpoint.session.DuplexSession;
import dev.duplex.engine.Role;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;
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
        try {
            if (session == null) {
                throw new IllegalStateException("the connection was upgraded without a WebSocket handshake to go with it");
            }
            // From here on the session's idle timeout is the connection's only one.
            session.connection().handOverTimeouts();
            ServletTransport servletTransport = new ServletTransport(webConnection,
                    session.connection().input(webConnection), session.maxQueuedBytes(),
                    session.opener().runtime().executor());
            transport = servletTransport;
            // onOpen runs here, before the transport delivers a byte, so its handlers see the first message.
            DuplexSession opened = session.opener().open(session.endpoint(), session.context(), Role.SERVER,
                    servletTransport);
            servletTransport.start(opened.connection());
        } catch (Exception e) {
            LOG.log(Level.ERROR, "could not open the WebSocket session on an upgraded connection", e);
            try {
                webConnection.close();
            } catch (Exception closing) {
                e.addSuppressed(closing);
            }
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
