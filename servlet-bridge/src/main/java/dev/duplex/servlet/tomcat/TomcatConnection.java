package dev.duplex.servlet.tomcat;

import dev.duplex.servlet.ContainerConnection;
import dev.duplex.servlet.PortableConnection;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.WebConnection;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.reflect.Field;
import org.apache.catalina.connector.RequestFacade;
import org.apache.coyote.http11.upgrade.UpgradeProcessorExternal;
import org.apache.coyote.http11.upgrade.UpgradeServletInputStream;
import org.apache.tomcat.util.net.SocketEvent;
import org.apache.tomcat.util.net.SocketWrapperBase;

/**
 * A connection upgraded by Tomcat 11, which Duplex carries on the portable path with one addition: a way to have
 * Tomcat run the connection's read callback on one of its threads ({@link #readCallbacks}).
 *
 * <p>What it works around (seen on Tomcat 11.0.24 and 11.0.29): Tomcat ends an upgraded connection's socket only
 * when one of its own callbacks for the connection returns with both upgraded streams closed
 * ({@code UpgradeProcessorExternal.dispatch}). So {@code WebConnection.close()} on any other thread (a session
 * closed by the application, an idle timeout, or a close handshake finished on Duplex's executor) leaves the TCP
 * connection open until the peer gives up: 10 s for Python's {@code websockets}, which waits that long for the
 * server to close first (RFC 6455 section 7.1.1). And a paused connection that resumes must not read on a thread
 * of Duplex's while Tomcat reads the socket on its own before a callback. Tomcat's own WebSocket server asks for a
 * callback with {@code SocketWrapperBase.processSocket(OPEN_READ, true)}; so does this adapter. The socket wrapper
 * is a private field of Tomcat's upgraded input stream, read once per connection by reflection; where that fails
 * the portable path alone carries the connection.
 *
 * <p>Only loaded when Tomcat's classes are visible to Duplex (embedded Tomcat, or a WAR on a Tomcat
 * distribution, whose web applications see Tomcat's {@code lib/}); see {@code ContainerAdapters}.
 */
public final class TomcatConnection implements ContainerConnection {
    private static final System.Logger LOG = System.getLogger(TomcatConnection.class.getName());

    /** Resolved as the class initializes, so that where Tomcat is not visible the class fails to load at once. */
    static final Class<?> TOMCAT_UPGRADE = UpgradeProcessorExternal.class;
    private static final Field SOCKET_WRAPPER = socketWrapperField();

    private final PortableConnection portable;

    private TomcatConnection(HttpServletRequest request) {
        this.portable = new PortableConnection(request);
    }

    /** The connection of a request Tomcat serves (unwrapping request wrappers), or null when the request is not Tomcat's. */
    public static ContainerConnection of(HttpServletRequest request) {
        ServletRequest current = request;
        while (current instanceof ServletRequestWrapper wrapper) {
            current = wrapper.getRequest();
        }
        return current instanceof RequestFacade ? new TomcatConnection(request) : null;
    }

    @Override
    public ServletInputStream input(WebConnection upgraded) throws IOException {
        return portable.input(upgraded);
    }

    @Override
    public void handOverTimeouts() {
        portable.handOverTimeouts(); // Tomcat already leaves an upgraded connection's timeouts to the protocol
    }

    @Override
    public Runnable readCallbacks(WebConnection upgraded) {
        if (SOCKET_WRAPPER == null || !(upgraded instanceof UpgradeProcessorExternal)) {
            return null;
        }
        try {
            if (!(upgraded.getInputStream() instanceof UpgradeServletInputStream input)) {
                return null;
            }
            SocketWrapperBase<?> socket = (SocketWrapperBase<?>) SOCKET_WRAPPER.get(input);
            return () -> socket.processSocket(SocketEvent.OPEN_READ, true);
        } catch (IOException | IllegalAccessException | RuntimeException e) {
            LOG.log(Level.DEBUG, "no read callbacks on demand for this Tomcat connection; the portable path carries it", e);
            return null;
        }
    }

    private static Field socketWrapperField() {
        try {
            Field field = UpgradeServletInputStream.class.getDeclaredField("socketWrapper");
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.WARNING, "this Tomcat's upgraded input has no socketWrapper field; Duplex carries its"
                    + " connections on the portable path alone (closes may wait for the peer)", e);
            return null;
        }
    }
}
