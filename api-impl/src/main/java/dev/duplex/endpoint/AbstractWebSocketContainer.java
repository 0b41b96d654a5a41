package dev.duplex.endpoint;

import dev.duplex.endpoint.instance.InstanceProvider;
import dev.duplex.engine.Limits;
import dev.duplex.engine.deflate.DeflateNegotiation;
import dev.duplex.engine.deflate.DeflateSettings;
import jakarta.websocket.Extension;
import jakarta.websocket.WebSocketContainer;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;

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
    private volatile Executor executor;

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

    /**
     * The executor that runs the application code of sessions this container opens whenever it does not run on the
     * thread that read the bytes (see {@link dev.duplex.endpoint.session.SessionRuntime#executor()}), or null when
     * that is Duplex's default: a virtual thread per task on JDK 21 and later, bounded pools of platform threads on
     * 17 (README, "Threads").
     */
    public final Executor getExecutor() {
        return executor;
    }

    /**
     * Runs the application code of sessions opened from now on on {@code executor} (null: Duplex's default again);
     * a Jakarta EE server's {@code ManagedExecutorService}, for one. A session's callbacks still run one at a
     * time, in order. Stream handlers ({@code Reader}, {@code InputStream}) hold one of its threads until their
     * message has arrived; a bounded executor needs room for them and for the deliveries that feed them. Work it
     * refuses is reported to the session's {@code onError}, or runs on the calling thread where nothing else can.
     */
    public final void setExecutor(Executor executor) {
        this.executor = executor;
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
