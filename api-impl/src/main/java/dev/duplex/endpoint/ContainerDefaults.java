package dev.duplex.endpoint;

import dev.duplex.engine.Limits;
import jakarta.websocket.Extension;
import jakarta.websocket.WebSocketContainer;
import java.util.Set;

/**
 * The settings every {@link WebSocketContainer} holds for the sessions it opens: the async send
 * timeout, the idle timeout, the message buffer sizes (new sessions start with them), and the
 * installed extensions. The server and the client container both delegate their getters and
 * setters here, so the two answer alike.
 *
 * <p>Thread-safe: each value is read and written on its own; a session reads them once, as it opens.
 */
public final class ContainerDefaults {
    /** The extensions Duplex implements: none yet (WebSocketContainer javadoc, {@code getInstalledExtensions}). */
    private static final Set<Extension> INSTALLED_EXTENSIONS = Set.of();

    private volatile long asyncSendTimeout;
    private volatile long maxSessionIdleTimeout;
    private volatile int maxTextMessageBufferSize = (int) Limits.DEFAULT.maxTextMessageSize();
    private volatile int maxBinaryMessageBufferSize = (int) Limits.DEFAULT.maxBinaryMessageSize();

    /** Milliseconds; zero or negative means no timeout (WebSocketContainer javadoc). Default 0. */
    public long asyncSendTimeout() {
        return asyncSendTimeout;
    }

    public void setAsyncSendTimeout(long millis) {
        this.asyncSendTimeout = millis;
    }

    /** Milliseconds; zero or negative means sessions never time out (WebSocketContainer javadoc). Default 0. */
    public long maxSessionIdleTimeout() {
        return maxSessionIdleTimeout;
    }

    public void setMaxSessionIdleTimeout(long millis) {
        this.maxSessionIdleTimeout = millis;
    }

    /** Bytes; default the engine's message limit, {@link Limits#DEFAULT}. */
    public int maxTextMessageBufferSize() {
        return maxTextMessageBufferSize;
    }

    /** @throws IllegalArgumentException unless {@code max} is positive */
    public void setMaxTextMessageBufferSize(int max) {
        this.maxTextMessageBufferSize = requirePositive("text", max);
    }

    /** Bytes; default the engine's message limit, {@link Limits#DEFAULT}. */
    public int maxBinaryMessageBufferSize() {
        return maxBinaryMessageBufferSize;
    }

    /** @throws IllegalArgumentException unless {@code max} is positive */
    public void setMaxBinaryMessageBufferSize(int max) {
        this.maxBinaryMessageBufferSize = requirePositive("binary", max);
    }

    /** The extensions Duplex implements: none yet. Unmodifiable. */
    public Set<Extension> installedExtensions() {
        return INSTALLED_EXTENSIONS;
    }

    private static int requirePositive(String kind, int max) {
        if (max <= 0) {
            throw new IllegalArgumentException("the maximum " + kind + " message buffer size must be positive: " + max);
        }
        return max;
    }
}
