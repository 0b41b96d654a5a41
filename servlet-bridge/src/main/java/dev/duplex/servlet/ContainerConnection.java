package dev.duplex.servlet;

import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.WebConnection;
import java.io.IOException;

/**
 * One upgraded connection as its servlet container carries it: what Duplex needs from the
 * container beyond the Servlet API. Made for each accepted handshake while the request is still
 * being served ({@link ContainerAdapters}), and used once, by the upgrade handler's {@code init}.
 *
 * <p>The Servlet API has no call for the timeouts a container keeps on an upgraded connection
 * (Servlet 6.1 section 2.3.3.5 says nothing of them), yet Jakarta WebSocket 2.2 gives one idle
 * timeout to the session ({@code Session.setMaxIdleTimeout}): refreshed by every frame in either
 * direction, 0 meaning none. {@link #handOverTimeouts()} is where each container's own timeouts
 * are switched off so that the session's alone governs.
 *
 * <p>Public only for the container adapters ({@code dev.duplex.servlet.jetty}); not an API for applications.
 */
public interface ContainerConnection {

    /** The input to read the WebSocket bytes from: the container's upgraded input, or one in its place. */
    ServletInputStream input(WebConnection upgraded) throws IOException;

    /**
     * Stops the container from ending the connection on a timeout of its own. Called from
     * {@code HttpUpgradeHandler.init}, before the first byte is read; never throws.
     */
    void handOverTimeouts();

    /**
     * Whether the input may be read on a thread of Duplex's as well as in the container's
     * {@code ReadListener.onDataAvailable}. False (the default) is what the Servlet API promises to be
     * safe; an adapter says true only for an input it knows to be ({@link ServletTransport} says why it
     * matters).
     */
    default boolean readsOnAnyThread() {
        return false;
    }

    /**
     * Whether the container holds the connection's write callbacks ({@code WriteListener.onWritePossible}) back
     * while its read callback ({@code onDataAvailable}) runs. The Servlet API lets a container serialise a
     * connection's listener calls, and Tomcat does; then a send made in the read callback that waited for its bytes
     * to be written would wait for itself, so {@link ServletTransport} completes such sends once they are queued.
     * True (the default) assumes so; an adapter says false only for an input and output it knows to call back
     * independently (Jetty's endpoint, read and written by Duplex itself), and sends in the read callback then
     * wait for their bytes as anywhere else.
     */
    default boolean readCallbacksHoldWrites() {
        return true;
    }

    /**
     * How to have the container run the connection's read callback on one of its own threads, as it does when
     * bytes arrive; null (the default) where the adapter has no way. The Servlet API has none: the container calls
     * {@code onDataAvailable} only after {@code isReady()} said false. With one, {@link ServletTransport} resumes a
     * paused connection without reading on a thread of Duplex's, and, having closed the connection on such a
     * thread, lets a container that ends the socket only in a callback (Tomcat) do so at once.
     */
    default Runnable readCallbacks(WebConnection upgraded) {
        return null;
    }

    /**
     * Carries the accepted session on the container's own connection API instead of
     * {@code HttpServletRequest.upgrade}, where the adapter has one; called once the 101 response's status
     * and headers are set, before the request returns to the container.
     *
     * @return false (the default) when the servlet upgrade is to be used
     */
    default boolean upgradeNatively(PendingSession session) {
        return false;
    }
}
