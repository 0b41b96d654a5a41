package dev.duplex.endpoint.session;

import dev.duplex.endpoint.coder.Decoders;
import dev.duplex.endpoint.instance.ApplicationInstance;
import dev.duplex.endpoint.instance.InstanceProvider;
import dev.duplex.endpoint.coder.Encoded;
import dev.duplex.endpoint.coder.Encoders;
import dev.duplex.engine.Callback;
import dev.duplex.engine.ClosePayload;
import dev.duplex.engine.CloseStatus;
import dev.duplex.engine.ConnectionListener;
import dev.duplex.engine.FrameWriter;
import dev.duplex.endpoint.EngineExtensions;
import dev.duplex.engine.Limits;
import dev.duplex.engine.Role;
import dev.duplex.engine.Transport;
import dev.duplex.engine.WebSocketConnection;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.EncodeException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Extension;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Jakarta WebSocket {@link Session} over one engine {@link WebSocketConnection}, whose
 * {@link ConnectionListener} it is. Opened by {@link SessionOpener}.
 *
 * <p><b>Lifecycle.</b> OPEN until this end sends its close frame or the connection ends; then
 * CLOSING: sends fail with an IOException, and the getters still answer, so that {@code onClose}
 * can read them (Session javadoc). {@code Endpoint.onClose} is called exactly once, after
 * {@code onOpen} returned (WSC-5.1-3), with:
 * <ul>
 * <li>the peer's code and reason when the peer closed (1005 if its close frame had no code);</li>
 * <li>the code this end failed the connection with on a protocol violation (e.g. 1009, 1002);</li>
 * <li>1006 when the transport ended without a close frame (RFC 6455 section 7.1.5);</li>
 * <li>the application's own {@code CloseReason} when it called {@code close};</li>
 * <li>1006 with a reason when the container closed the session (idle timeout, send timeout):
 *     Jakarta WebSocket 2.2 section 2.1.5 requires 1006 for locally initiated closes "so the
 *     endpoint can determine whether the close was initiated remotely or locally", and the TCK
 *     checks it after an idle timeout. 1006 may not be sent (RFC 6455 section 7.4.1), so the close
 *     frame on the wire says 1001 (going away).</li>
 * </ul>
 * After {@code onClose} (and the {@code onError} for anything it threw) returned, the session is
 * CLOSED: decoders, encoders and the endpoint instance are destroyed (by the container's
 * {@link InstanceProvider}), it leaves its {@link OpenSessions}, and every
 * method but {@code getId}, {@code isOpen} and {@code close} throws IllegalStateException
 * (Session javadoc).
 *
 * <p><b>{@link #isOpen()}</b> is true until the session is CLOSED, through CLOSING and
 * {@code onClose}: the Session javadoc makes it "true if and only if the underlying socket is
 * open", and the socket stays open while the close handshake is under way (RFC 6455 section
 * 7.1.1: the connection ends once both close frames are exchanged); the Endpoint javadoc calls
 * {@code onClose} "immediately prior to the session with the remote peer being closed", with "the
 * session about to be closed". So whoever sees {@code isOpen()} turn false after {@code close()}
 * also sees everything {@code onClose} did, which is what a caller polling {@code isOpen()} to
 * wait for the end of the session relies on.
 *
 * <p><b>Closing with reserved codes.</b> 1005, 1006 and 1015 may never appear in a close frame
 * (RFC 6455 section 7.4.1), yet an application may pass them: the Session javadoc even recommends
 * 1005 when no code fits. The session then sends a close frame without a status code (the reason
 * cannot go without one) and reports the application's reason to its own {@code onClose}. Other
 * codes that may not be sent (1004, 1016-2999, out of range) and reasons over 123 UTF-8 bytes throw
 * IllegalArgumentException from {@code close}.
 *
 * <p><b>Threads.</b> See {@link SerialCallbacks}: endpoint and handler callbacks run one at a time.
 * All public methods are thread-safe.
 */
public final class DuplexSession implements Session, ConnectionListener {
    private static final System.Logger LOG = System.getLogger(DuplexSession.class.getName());
    private static final AtomicLong IDS = new AtomicLong();
    private static final int MAX_CONTROL_FRAME = 125;

    private enum State { OPEN, CLOSING, CLOSED }

    private final String id = Long.toString(IDS.incrementAndGet());
    private final Endpoint endpoint;
    private final EndpointConfig config;
    private final WebSocketContainer container;
    private final SessionContext context;
    private final OpenSessions openSessions;
    private final SessionRuntime runtime;
    private final boolean endpointHandlesErrors;

    private final Decoders decoders;
    private final Encoders encoders;
    /** Made the endpoint instance and the coders; destroys them once the session is closed. */
    private final InstanceProvider instances;
    private final HandlerRegistry handlers;
    private final SerialCallbacks callbacks;
    private final WebSocketConnection connection;
    private final InboundMessages inbound;
    private final Outbound outbound;
    private final List<Runnable> closeHooks = new CopyOnWriteArrayList<>();
    private volatile boolean closeHooksRun;
    private final BasicRemote basicRemote;
    private final AsyncRemote asyncRemote;
    private final IdleTimer idleTimer;
    /** Null until the first {@code getUserProperties} where the context's snapshot seeds it; see the constructor. */
    private volatile Map<String, Object> userProperties;

    private final Object stateLock = new Object();
    private volatile State state = State.OPEN;
    private CloseReason localClose;
    /**
     * Set when the peer never answered this side's close frame and the connection was dropped: no close frame was
     * received, so the close code is 1006 (RFC 6455 section 7.1.5), whatever this side had sent.
     */
    /** Why this side dropped the connection ({@link #dropConnection}), or null: what {@code onClose} then hears. */
    private volatile String dropReason;
    private ScheduledFuture<?> closeTimer;
    private final AtomicBoolean closeReported = new AtomicBoolean();

    private final Object limitsLock = new Object();
    private volatile int maxTextMessageBufferSize;
    private volatile int maxBinaryMessageBufferSize;

    DuplexSession(SessionOpener opener, Endpoint endpoint, SessionContext context, Role role, Transport transport,
            Decoders decoders, Encoders encoders, InstanceProvider instances) {
        this.endpoint = endpoint;
        this.instances = instances;
        this.config = opener.config();
        this.container = opener.container();
        this.context = context;
        this.openSessions = opener.openSessions();
        this.runtime = opener.runtime();
        this.endpointHandlesErrors = overridesOnError(endpoint);
        this.decoders = decoders;
        this.encoders = encoders;
        // Session javadoc, getUserProperties: a shallow copy per session of the configuration's map. A context's
        // map is a read-only snapshot already, so its copy is made when first asked for: most sessions never
        // are, and the copy would stay with them while idle. The configuration's own map may change: copied now.
        if (context.userProperties() == null) {
            this.userProperties = Collections.synchronizedMap(new HashMap<>(config.getUserProperties()));
        }
        this.maxTextMessageBufferSize = container.getDefaultMaxTextMessageBufferSize();
        this.maxBinaryMessageBufferSize = container.getDefaultMaxBinaryMessageBufferSize();
        this.handlers = new HandlerRegistry(decoders);
        this.callbacks = new SerialCallbacks(runtime.streamExecutor(), runtime.applicationClassLoader(), instances);
        this.idleTimer = new IdleTimer(runtime.scheduler(), System::nanoTime, () -> runtime.execute(this::idleTimeoutExpired));
        FrameWriter writer = role == Role.SERVER ? FrameWriter.server() : FrameWriter.client();
        this.connection = new WebSocketConnection(writer, receiveLimits(Limits.DEFAULT), transport, this,
                EngineExtensions.of(context.extensions(), role, EngineExtensions.settingsOf(container, role)));
        this.inbound = new InboundMessages(handlers, decoders, callbacks, new StreamPipe.FlowControl() {
            @Override
            public void pause() {
                connection.pauseReading();
            }

            @Override
            public void resume() {
                connection.resumeReading();
            }
        }, this::reportError);
        this.outbound = new Outbound(connection, idleTimer::touch, openSessions.counters());
        this.basicRemote = new BasicRemote(outbound, encoders, runtime.sendFragmentSize());
        this.asyncRemote = new AsyncRemote(this, outbound, encoders, runtime,
                container.getDefaultAsyncSendTimeout(), () -> closeByContainer("an asynchronous send timed out"));
    }

    /** Joins the open sessions, starts the idle timer and calls {@code onOpen}. */
    void open() {
        openSessions.add(this);
        openSessions.counters().sessionOpened();
        idleTimer.setTimeout(container.getDefaultMaxSessionIdleTimeout());
        callbacks.run(() -> {
            try {
                endpoint.onOpen(this, config);
            } catch (Throwable t) {
                reportError(t); // WSC-5.2.2-2: errors in application code go to onError
            }
        });
    }

    /**
     * The engine connection, for the transport to deliver received bytes to
     * ({@link WebSocketConnection#receive}) and report its end ({@link WebSocketConnection#onTransportClosed}).
     */
    public WebSocketConnection connection() {
        return connection;
    }

    // ---------------------------------------------------------------- Session: identity and handshake facts

    @Override
    public String getId() {
        return id;
    }

    /** True until the close is complete and {@code onClose} has returned; see the class javadoc. */
    @Override
    public boolean isOpen() {
        return state != State.CLOSED;
    }

    @Override
    public WebSocketContainer getContainer() {
        checkNotClosed();
        return container;
    }

    @Override
    public String getProtocolVersion() {
        checkNotClosed();
        return "13"; // RFC 6455 section 4.1, Sec-WebSocket-Version
    }

    @Override
    public String getNegotiatedSubprotocol() {
        checkNotClosed();
        return context.subprotocol();
    }

    @Override
    public List<Extension> getNegotiatedExtensions() {
        checkNotClosed();
        return context.extensions();
    }

    @Override
    public boolean isSecure() {
        checkNotClosed();
        return context.secure();
    }

    @Override
    public URI getRequestURI() {
        checkNotClosed();
        return context.requestUri();
    }

    @Override
    public Map<String, List<String>> getRequestParameterMap() {
        checkNotClosed();
        return context.requestParameters();
    }

    @Override
    public String getQueryString() {
        checkNotClosed();
        return context.queryString();
    }

    @Override
    public Map<String, String> getPathParameters() {
        checkNotClosed();
        return context.pathParameters();
    }

    @Override
    public Principal getUserPrincipal() {
        checkNotClosed();
        return context.userPrincipal();
    }

    @Override
    public Map<String, Object> getUserProperties() {
        checkNotClosed();
        Map<String, Object> properties = userProperties;
        if (properties == null) {
            synchronized (stateLock) {
                properties = userProperties;
                if (properties == null) {
                    properties = Collections.synchronizedMap(new HashMap<>(context.userProperties()));
                    userProperties = properties;
                }
            }
        }
        return properties;
    }

    @Override
    public Set<Session> getOpenSessions() {
        checkNotClosed();
        return openSessions.snapshot();
    }

    // ---------------------------------------------------------------- Session: settings

    @Override
    public long getMaxIdleTimeout() {
        checkNotClosed();
        return idleTimer.timeoutMillis();
    }

    @Override
    public void setMaxIdleTimeout(long milliseconds) {
        checkNotClosed();
        idleTimer.setTimeout(milliseconds);
    }

    @Override
    public int getMaxTextMessageBufferSize() {
        checkNotClosed();
        return maxTextMessageBufferSize;
    }

    /**
     * Sets the largest text message, in UTF-8 bytes, delivered whole; a larger one closes the
     * session with 1009 (Session javadoc). Streamed and partial deliveries are not limited by it,
     * but each frame must fit in the larger of the two buffer sizes.
     *
     * @throws IllegalArgumentException when {@code length} is not positive
     */
    @Override
    public void setMaxTextMessageBufferSize(int length) {
        checkNotClosed();
        requirePositive(length, "maxTextMessageBufferSize");
        maxTextMessageBufferSize = length;
        applyReceiveLimits();
    }

    @Override
    public int getMaxBinaryMessageBufferSize() {
        checkNotClosed();
        return maxBinaryMessageBufferSize;
    }

    /**
     * Sets the largest binary message, in bytes, delivered whole; see {@link #setMaxTextMessageBufferSize}.
     *
     * @throws IllegalArgumentException when {@code length} is not positive
     */
    @Override
    public void setMaxBinaryMessageBufferSize(int length) {
        checkNotClosed();
        requirePositive(length, "maxBinaryMessageBufferSize");
        maxBinaryMessageBufferSize = length;
        applyReceiveLimits();
    }

    // ---------------------------------------------------------------- Session: handlers and remotes

    @Override
    public void addMessageHandler(MessageHandler handler) {
        checkNotClosed();
        RemoteEndpointBase.requireArgument(handler, "handler");
        handlers.addInferred(handler);
        applyReceiveLimits();
    }

    @Override
    public <T> void addMessageHandler(Class<T> clazz, MessageHandler.Whole<T> handler) {
        checkNotClosed();
        RemoteEndpointBase.requireArgument(clazz, "clazz");
        RemoteEndpointBase.requireArgument(handler, "handler");
        handlers.add(handler, clazz, false);
        applyReceiveLimits();
    }

    @Override
    public <T> void addMessageHandler(Class<T> clazz, MessageHandler.Partial<T> handler) {
        checkNotClosed();
        RemoteEndpointBase.requireArgument(clazz, "clazz");
        RemoteEndpointBase.requireArgument(handler, "handler");
        handlers.add(handler, clazz, true);
        applyReceiveLimits();
    }

    @Override
    public Set<MessageHandler> getMessageHandlers() {
        checkNotClosed();
        return handlers.all();
    }

    @Override
    public void removeMessageHandler(MessageHandler handler) {
        checkNotClosed();
        if (handlers.remove(handler)) {
            applyReceiveLimits();
        }
    }

    @Override
    public RemoteEndpoint.Async getAsyncRemote() {
        checkNotClosed();
        return asyncRemote;
    }

    @Override
    public RemoteEndpoint.Basic getBasicRemote() {
        checkNotClosed();
        return basicRemote;
    }

    // ---------------------------------------------------------------- Session: closing

    @Override
    public void close() throws IOException {
        close(new CloseReason(CloseCodes.NORMAL_CLOSURE, null));
    }

    /**
     * Sends a close frame and returns; {@code onClose} follows when the peer answers, the
     * connection ends, or the close timeout of the {@link SessionRuntime} passes, and
     * {@link #isOpen()} turns false after it. Does nothing once the session is closing or closed.
     *
     * @throws IllegalArgumentException when the reason is null, or its code may not be sent and is
     *                                  not one of the reserved 1005, 1006, 1015 (see the class javadoc)
     */
    @Override
    public void close(CloseReason closeReason) throws IOException {
        RemoteEndpointBase.requireArgument(closeReason, "closeReason");
        closeLocally(closeReason, wirePayload(closeReason));
    }

    /** The close frame for an application's close reason; see the class javadoc on reserved codes. */
    static ClosePayload wirePayload(CloseReason reason) {
        int code = reason.getCloseCode().getCode();
        if (code == CloseStatus.NO_STATUS_RECEIVED || code == CloseStatus.ABNORMAL_CLOSURE
                || code == CloseStatus.TLS_HANDSHAKE_FAILED) {
            return ClosePayload.EMPTY;
        }
        ClosePayload payload = new ClosePayload(code, reason.getReasonPhrase());
        payload.encode(); // throws IllegalArgumentException now, before the session changes state
        return payload;
    }

    /** Closes on the container's initiative: 1001 on the wire, 1006 to {@code onClose} (see the class javadoc). */
    void closeByContainer(String reason) {
        closeLocally(new CloseReason(CloseCodes.CLOSED_ABNORMALLY, reason),
                new ClosePayload(CloseStatus.GOING_AWAY, reason));
    }

    private void closeLocally(CloseReason reported, ClosePayload wire) {
        synchronized (stateLock) {
            if (state != State.OPEN) {
                return; // Session javadoc: closing a closed session has no effect
            }
            state = State.CLOSING;
            localClose = reported;
            closeTimer = runtime.schedule(this::closeTimedOut, runtime.closeTimeout().toNanos(), TimeUnit.NANOSECONDS);
        }
        outbound.close(wire, CompletionCallbacks.logFailure(LOG, "sending the close frame of session " + id));
    }

    private void closeTimedOut() {
        LOG.log(Level.DEBUG, () -> "session " + id + ": no close frame from the peer within "
                + runtime.closeTimeout() + "; dropping the connection");
        dropConnection("the peer did not answer the close frame");
    }

    /**
     * Ends the connection now, without waiting any longer for the peer's close frame: the transport is aborted, so
     * sends still queued fail, and {@code onClose} hears 1006 with {@code why} (RFC 6455 section 7.1.5: no close
     * frame was received). Used when the close timeout passes, and by {@link OpenSessions#dropAll} when the
     * application stops. Does nothing more once {@code onClose} was scheduled.
     */
    void dropConnection(String why) {
        // Set first: aborting may report the end (1006, no reason) on this thread before the line below does.
        dropReason = why;
        connection.abort();
        onClosed(new ClosePayload(CloseStatus.ABNORMAL_CLOSURE, why));
    }

    private void idleTimeoutExpired() {
        closeByContainer("the idle timeout of " + idleTimer.timeoutMillis() + " ms expired");
    }

    // ---------------------------------------------------------------- ConnectionListener (engine side)

    @Override
    public void onText(ByteBuffer utf8, boolean last) {
        idleTimer.touch();
        openSessions.counters().received(true, utf8.remaining(), last);
        inbound.onText(utf8, last);
    }

    @Override
    public void onBinary(ByteBuffer data, boolean last) {
        idleTimer.touch();
        openSessions.counters().received(false, data.remaining(), last);
        inbound.onBinary(data, last);
    }

    /** The engine has answered the ping (RFC 6455 section 5.5.2); it still counts as activity. */
    @Override
    public void onPing(ByteBuffer data) {
        idleTimer.touch();
    }

    @Override
    public void onPong(ByteBuffer data) {
        idleTimer.touch();
        inbound.onPong(data);
    }

    /** A protocol violation or transport failure: reported to {@code onError}; {@link #onClosed} follows. */
    @Override
    public void onFailure(Throwable cause) {
        callbacks.run(() -> reportError(cause));
    }

    @Override
    public void onClosed(ClosePayload close) {
        if (!closeReported.compareAndSet(false, true)) {
            return;
        }
        CloseReason reason;
        synchronized (stateLock) {
            if (state == State.OPEN) {
                state = State.CLOSING;
            }
            String dropped = dropReason;
            reason = dropped != null ? new CloseReason(CloseCodes.CLOSED_ABNORMALLY, dropped)
                    : localClose != null ? localClose
                    : new CloseReason(CloseCodes.getCloseCode(close.code()), close.reason());
            if (closeTimer != null) {
                closeTimer.cancel(false);
            }
        }
        idleTimer.stop();
        outbound.discardBatch();
        inbound.abortStream(new IOException("the session closed before the message ended (" + reason + ")"));
        callbacks.run(() -> finishClose(reason));
    }

    /**
     * Calls {@code onClose}, then ends the session. CLOSED comes last, so that once
     * {@link #isOpen()} is false, {@code onClose} and the {@code onError} for what it threw have
     * returned, the session has left its open sessions and its coders are destroyed.
     */
    private void finishClose(CloseReason reason) {
        // Counted before onClose, so that what onClose signals (a latch a test waits on) comes after the count.
        openSessions.counters().sessionClosed(reason.getCloseCode().getCode());
        try {
            endpoint.onClose(this, reason);
        } catch (Throwable t) {
            reportError(t); // WSC-5.2.2-2: errors in application code go to onError
        } finally {
            openSessions.remove(this);
            runCloseHooks();
            destroyCoders();
            instances.destroy(ApplicationInstance.of(endpoint));
            if (config instanceof ClientEndpointConfig client) {
                instances.destroy(client.getConfigurator()); // made per connection (ClientEndpoint.configurator javadoc)
            }
            state = State.CLOSED;
        }
    }

    /**
     * Runs {@code hook} once this session has closed (after {@code onClose}), or at once when it
     * already has. Used by {@link Broadcaster} to take closed sessions out of their groups.
     */
    void whenClosed(Runnable hook) {
        closeHooks.add(hook);
        if (closeHooksRun && closeHooks.remove(hook)) {
            hook.run();
        }
    }

    /** Whether the close hooks have started to run: from then on, a hook added runs at once. */
    boolean closeHooksStarted() {
        return closeHooksRun;
    }

    private void runCloseHooks() {
        closeHooksRun = true;
        for (Runnable hook : closeHooks) {
            if (closeHooks.remove(hook)) {
                try {
                    hook.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "a close hook of session " + id + " threw", e);
                }
            }
        }
    }

    /** Encodes {@code value} with this session's encoders, one thread at a time (section 4.1.2). */
    Encoded encode(Object value) throws EncodeException, IOException {
        synchronized (encoders) {
            return encoders.encode(value);
        }
    }

    /**
     * Queues an already encoded whole message, shared read-only with other sessions, through the
     * same path as this session's own sends (so its order with them holds). A fragmented send of
     * this session's own in progress fails the message rather than interleaving it (RFC 6455 section 5.4).
     */
    void sendShared(boolean text, ByteBuffer payload, Callback callback) {
        try {
            outbound.sendMessage(text, payload.duplicate(), false, callback);
        } catch (IllegalStateException e) {
            callback.failed(e);
        }
    }

    private void destroyCoders() {
        try {
            decoders.destroy();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a decoder of session " + id + " threw from destroy()", e);
        }
        try {
            encoders.destroy();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "an encoder of session " + id + " threw from destroy()", e);
        }
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Reports an error of application code that an endpoint adapter caught itself (the methods of an annotated
     * endpoint) as the session reports those it catches: counted ({@code dev.duplex.monitoring}), then given to
     * {@code Endpoint.onError}. Called from within one of the session's callbacks, which run one at a time.
     */
    public void reportApplicationError(Throwable error) {
        reportError(error);
    }

    /** Reports an error to {@code Endpoint.onError}; called from within a serial callback. */
    private void reportError(Throwable error) {
        openSessions.counters().error();
        if (!endpointHandlesErrors) {
            // WSC-5.2.2-3: without an error handler, make the error available for later analysis.
            LOG.log(Level.WARNING, "session " + id + " of " + endpoint.getClass().getName()
                    + ": error not handled by the endpoint", error);
        }
        try {
            endpoint.onError(this, error);
        } catch (Throwable t) {
            // WSC-5.2.2-4: errors of the error handler itself are logged.
            LOG.log(Level.ERROR, "Endpoint.onError of " + endpoint.getClass().getName() + " threw", t);
        }
    }

    private void applyReceiveLimits() {
        synchronized (limitsLock) {
            connection.setLimits(receiveLimits(connection.limits()));
        }
    }

    /**
     * The engine limits for the current handlers and buffer sizes: a message delivered whole is
     * limited by its buffer size (the engine fails the connection with 1009 beyond it, Session
     * javadoc); streamed, partial and unhandled messages are not held, so not limited. Nor are
     * their frames: one longer than the larger buffer size reaches the handler in pieces as its
     * bytes arrive (browsers send a whole message as one frame, of any size), so no frame is held
     * beyond the buffer sizes.
     */
    private Limits receiveLimits(Limits current) {
        RegisteredHandler text = handlers.get(NativeKind.TEXT);
        RegisteredHandler binary = handlers.get(NativeKind.BINARY);
        long textSize = Math.min(maxTextMessageBufferSize, Limits.UNLIMITED);
        long binarySize = Math.min(maxBinaryMessageBufferSize, Limits.UNLIMITED);
        return current.toBuilder()
                .maxFrameSize(Limits.UNLIMITED)
                .maxWholeFrameSize(Math.max(MAX_CONTROL_FRAME, Math.max(textSize, binarySize)))
                // Section 8.1: invalid UTF-8 fails the connection as soon as it arrives.
                .textInPieces(true)
                .maxTextMessageSize(text != null && text.buffersWholeMessage() ? textSize : Limits.UNLIMITED)
                .maxBinaryMessageSize(binary != null && binary.buffersWholeMessage() ? binarySize : Limits.UNLIMITED)
                .build();
    }

    private void checkNotClosed() {
        if (state == State.CLOSED) {
            throw new IllegalStateException("session " + id + " is closed; after onClose only getId, isOpen"
                    + " and close may be called (Session javadoc)");
        }
    }

    private static void requirePositive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }

    /**
     * Whether the endpoint handles errors itself: its class overrides {@code onError}. Errors of one that does not
     * are logged (WSC-5.2.2-3); an endpoint that runs another one asks this of it.
     */
    public static boolean overridesOnError(Endpoint endpoint) {
        try {
            return endpoint.getClass().getMethod("onError", Session.class, Throwable.class)
                    .getDeclaringClass() != Endpoint.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "DuplexSession[" + id + ", " + endpoint.getClass().getName() + ", " + state + "]";
    }
}
