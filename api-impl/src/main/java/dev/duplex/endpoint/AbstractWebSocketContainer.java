package dev.duplex.endpoint;

import dev.duplex.endpoint.instance.InstanceProvider;
import dev.duplex.engine.Limits;
import dev.duplex.engine.deflate.DeflateNegotiation;
import dev.duplex.engine.deflate.DeflateSettings;
import jakarta.websocket.Extension;
import java.util.List;
import java.util.Objects;
import jakarta.websocket.WebSocketContainer;
import java.util.Set;

/**
 * The part of a {@link WebSocketContainer} that the server and the client container share: the
 * settings it holds for the sessions it opens (the async send timeout, the idle timeout, the
 * message buffer sizes; new sessions start with them) and the installed extensions. Both
 * containers extend it, so the two answer alike; connecting is left to them.
 *
 * <p>Thread-safe: each value is read and written on its own; a session reads them once, as it opens.
 */
public abstract class AbstractWebSocketContainer implements WebSocketContainer {
    /** {@code permessage-deflate} (RFC 7692), as {@code getInstalledExtensions} lists it: by name, no parameters. */
    public static final Extension PERMESSAGE_DEFLATE = HeaderExtension.of(
            new dev.duplex.engine.handshake.ExtensionOffer(DeflateNegotiation.NAME, List.of()));

    private volatile DeflateSettings deflateSettings;
    private volatile InstanceProvider instanceProvider = InstanceProvider.discover();

    private volatile long asyncSendTimeout;
    private volatile long maxSessionIdleTimeout;
    private volatile int maxTextMessageBufferSize = (int) Limits.DEFAULT.maxTextMessageSize();
    private volatile int maxBinaryMessageBufferSize = (int) Limits.DEFAULT.maxBinaryMessageSize();

    /** @param deflateSettings how the container's sessions use permessage-deflate until {@link #setDeflateSettings} */
    protected AbstractWebSocketContainer(DeflateSettings deflateSettings) {
        this.deflateSettings = Objects.requireNonNull(deflateSettings, "deflateSettings");
    }

    /** How sessions opened from now on use permessage-deflate (RFC 7692). */
    public final DeflateSettings getDeflateSettings() {
        return deflateSettings;
    }

    /** Changes how sessions opened from now on use permessage-deflate; {@code settings.withEnabled(false)} turns it off. */
    public final void setDeflateSettings(DeflateSettings settings) {
        this.deflateSettings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * How endpoints, encoders, decoders and configurators are created and destroyed: the provider the
     * thread's context class loader lists as a service when the container was created
     * ({@link InstanceProvider#discover()}; {@code duplex-cdi} lists one), otherwise the public
     * no-argument constructor.
     */
    public final InstanceProvider getInstanceProvider() {
        return instanceProvider;
    }

    /**
     * Replaces the instance provider for endpoints deployed and sessions opened from now on; the
     * {@code duplex-cdi} module's {@code DuplexCdi.enable} calls it with a given CDI container.
     */
    public final void setInstanceProvider(InstanceProvider provider) {
        this.instanceProvider = Objects.requireNonNull(provider, "provider");
    }

    /** Milliseconds; zero or negative means no timeout (WebSocketContainer javadoc). Default 0. */
    @Override
    public final long getDefaultAsyncSendTimeout() {
        return asyncSendTimeout;
    }

    @Override
    public final void setAsyncSendTimeout(long timeoutmillis) {
        this.asyncSendTimeout = timeoutmillis;
    }

    /** Milliseconds; zero or negative means sessions never time out (WebSocketContainer javadoc). Default 0. */
    @Override
    public final long getDefaultMaxSessionIdleTimeout() {
        return maxSessionIdleTimeout;
    }

    @Override
    public final void setDefaultMaxSessionIdleTimeout(long timeout) {
        this.maxSessionIdleTimeout = timeout;
    }

    /** Bytes; default the engine's message limit, {@link Limits#DEFAULT}. */
    @Override
    public final int getDefaultMaxTextMessageBufferSize() {
        return maxTextMessageBufferSize;
    }

    /** @throws IllegalArgumentException unless {@code max} is positive */
    @Override
    public final void setDefaultMaxTextMessageBufferSize(int max) {
        this.maxTextMessageBufferSize = requirePositive("text", max);
    }

    /** Bytes; default the engine's message limit, {@link Limits#DEFAULT}. */
    @Override
    public final int getDefaultMaxBinaryMessageBufferSize() {
        return maxBinaryMessageBufferSize;
    }

    /** @throws IllegalArgumentException unless {@code max} is positive */
    @Override
    public final void setDefaultMaxBinaryMessageBufferSize(int max) {
        this.maxBinaryMessageBufferSize = requirePositive("binary", max);
    }

    /** The extensions Duplex implements and has turned on: {@code permessage-deflate}, unless disabled. Unmodifiable. */
    @Override
    public final Set<Extension> getInstalledExtensions() {
        return deflateSettings.enabled() ? Set.of(PERMESSAGE_DEFLATE) : Set.of();
    }

    private static int requirePositive(String kind, int max) {
        if (max <= 0) {
            throw new IllegalArgumentException("the maximum " + kind + " message buffer size must be positive: " + max);
        }
        return max;
    }
}
