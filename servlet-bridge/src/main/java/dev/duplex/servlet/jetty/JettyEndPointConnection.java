package dev.duplex.servlet.jetty;

import dev.duplex.servlet.PendingSession;
import dev.duplex.servlet.ServletTransport;
import dev.duplex.servlet.WebSocketUpgradeHandler;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.WebConnection;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;

/**
 * A WebSocket connection carried on Jetty's {@link EndPoint} in place of Jetty's HTTP connection: once the
 * 101 response is sent, Jetty upgrades the endpoint to this connection (the request attribute
 * {@code HttpStream.UPGRADE_CONNECTION_ATTRIBUTE}, as Jetty's own WebSocket server does), and drops its HTTP
 * connection, request and response objects, which a servlet upgrade keeps for the connection's whole life.
 * What an idle connection then holds is the endpoint, this object and Duplex's session.
 *
 * <p>Bytes go through the same {@link ServletTransport} as on a servlet upgrade, over
 * {@link JettyTunnelInput} and {@link JettyEndPointOutput}. Jetty's own idle timeout on the endpoint is
 * switched off: the session's governs (Jakarta WebSocket 2.2, {@code Session.setMaxIdleTimeout}).
 *
 * <p>Only loaded when Jetty's classes are visible to Duplex; see {@link JettyConnection}.
 */
final class JettyEndPointConnection extends AbstractConnection implements Connection.UpgradeTo, WebConnection {
    private static final System.Logger LOG = System.getLogger(JettyEndPointConnection.class.getName());

    /** Until the session opens; dropped then, as it reaches the request, which Jetty recycles. */
    private PendingSession pending;
    private final JettyTunnelInput input;
    private final JettyEndPointOutput output;
    private volatile ServletTransport transport;

    JettyEndPointConnection(EndPoint endPoint, Executor executor, PendingSession pending) {
        super(endPoint, executor);
        this.pending = pending;
        this.input = new JettyTunnelInput(endPoint, executor);
        this.output = new JettyEndPointOutput(endPoint);
    }

    /** Bytes that came after the handshake, read by Jetty's HTTP connection: frames of ours, read first. */
    @Override
    public void onUpgradeTo(ByteBuffer prefilled) {
        input.readFirst(prefilled);
    }

    @Override
    public void onOpen() {
        super.onOpen();
        PendingSession session = pending;
        pending = null;
        transport = WebSocketUpgradeHandler.open(session, this, input); // hands the endpoint's timeout over
    }

    @Override
    public void onClose(Throwable cause) {
        ServletTransport current = transport;
        if (current != null) {
            current.end(cause);
        }
        super.onClose(cause);
    }

    /** Never called: reading is driven by {@link JettyTunnelInput}'s own interest in the endpoint. */
    @Override
    public void onFillable() {
        LOG.log(Level.DEBUG, "unexpected onFillable on {0}", this);
    }

    @Override
    public ServletInputStream getInputStream() {
        return input;
    }

    @Override
    public ServletOutputStream getOutputStream() {
        return output;
    }
}
