package dev.duplex.servlet.jetty;

import dev.duplex.servlet.ContainerConnection;
import dev.duplex.servlet.PendingSession;
import dev.duplex.servlet.PortableConnection;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.WebConnection;
import java.io.IOException;
import java.util.concurrent.Executor;
import org.eclipse.jetty.ee11.servlet.ServletContextRequest;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.HttpStream;

/**
 * A connection upgraded by Jetty 12.1 (ee11), which keeps two timeouts of its own on it:
 * <ul>
 * <li>the upgrade runs as an asynchronous request, whose timeout (30 s unless the system property
 *     {@code org.eclipse.jetty.ee11.servlet.ServletChannelState.DEFAULT_TIMEOUT} says otherwise)
 *     ends the connection at that age however busy it is; switched off as on any container
 *     ({@link PortableConnection});</li>
 * <li>the connector's idle timeout (30 s by default) stays on the {@link EndPoint}, and would end
 *     a connection silent for longer than it; switched off here, so that a quiet session lives
 *     as long as its own idle timeout allows.</li>
 * </ul>
 * Where the handshake announced no body, the bytes are read through {@link JettyTunnelInput}.
 *
 * <p>By default (the context parameter {@code dev.duplex.containerAdapter} at {@code auto}) none of this applies: the session is carried on the
 * endpoint itself ({@link #upgradeNatively}), and Jetty's HTTP objects for the request are dropped.
 *
 * <p>Only loaded when Jetty's classes are visible to Duplex (embedded Jetty, Duplex on the
 * server's class path, or a WAR with the samples' {@code WEB-INF/jetty-web.xml}).
 */
public final class JettyConnection implements ContainerConnection {
    /** Resolved as the class initializes, so that where Jetty is not visible the class fails to load at once. */
    static final Class<?> JETTY_ENDPOINT = EndPoint.class;
    static final Class<?> JETTY_REQUEST = ServletContextRequest.class;

    private final HttpServletRequest request;
    private final PortableConnection portable;
    private final EndPoint endPoint;
    private final Executor executor;
    private final boolean nativeUpgrade;
    private final boolean announcedNoBody;

    private JettyConnection(HttpServletRequest request, ServletContextRequest jettyRequest, boolean nativeUpgrade) {
        this.request = request;
        this.portable = new PortableConnection(request);
        this.endPoint = jettyRequest.getConnectionMetaData().getConnection().getEndPoint();
        this.executor = jettyRequest.getConnectionMetaData().getConnector().getExecutor();
        this.nativeUpgrade = nativeUpgrade;
        // See JettyTunnelInput for why a request without a body breaks Jetty's upgraded input.
        this.announcedNoBody = request.getContentLengthLong() < 0 && request.getHeader("Transfer-Encoding") == null;
    }

    /**
     * The connection of a request Jetty serves, or null when the request is not Jetty's.
     *
     * @param nativeUpgrade whether to carry the session on the endpoint itself ({@link JettyEndPointConnection})
     *                      rather than through {@code HttpServletRequest.upgrade}
     */
    public static ContainerConnection of(HttpServletRequest request, boolean nativeUpgrade) {
        ServletContextRequest jettyRequest;
        try {
            jettyRequest = ServletContextRequest.getServletContextRequest(request);
        } catch (IllegalStateException e) {
            return null; // not a request of Jetty's ee11 servlet layer
        }
        if (jettyRequest == null) {
            return null;
        }
        return new JettyConnection(request, jettyRequest, nativeUpgrade);
    }

    @Override
    public ServletInputStream input(WebConnection upgraded) throws IOException {
        return announcedNoBody ? new JettyTunnelInput(endPoint, executor) : upgraded.getInputStream();
    }

    /** Jetty's upgraded input and {@link JettyTunnelInput} both take reads from any thread, one at a time. */
    @Override
    public boolean readsOnAnyThread() {
        return true;
    }

    /**
     * Not when Duplex reads the endpoint itself ({@link JettyTunnelInput}, on a native upgrade or a handshake
     * without a body): its read callbacks are Duplex's, and Jetty completes writes (to its upgraded output or
     * {@link JettyEndPointOutput}) without waiting for them. Jetty's upgraded input is assumed to be serialised
     * with its output's callbacks, as the Servlet API allows.
     */
    @Override
    public boolean readCallbacksHoldWrites() {
        return !(nativeUpgrade || announcedNoBody);
    }

    @Override
    public void handOverTimeouts() {
        if (!nativeUpgrade) {
            portable.handOverTimeouts(); // a native upgrade's request is over by now, and was never asynchronous
        }
        endPoint.setIdleTimeout(0); // 0: none (Jetty's IdleTimeout)
    }

    /**
     * Jetty sends the 101 response as the request completes and then, seeing the request attribute, makes
     * the new connection the endpoint's (as its own WebSocket server does); no asynchronous request is
     * started, so no timeout but the endpoint's needs handing over.
     */
    @Override
    public boolean upgradeNatively(PendingSession session) {
        if (!nativeUpgrade) {
            return false;
        }
        request.setAttribute(HttpStream.UPGRADE_CONNECTION_ATTRIBUTE,
                new JettyEndPointConnection(endPoint, executor, session));
        return true;
    }
}
