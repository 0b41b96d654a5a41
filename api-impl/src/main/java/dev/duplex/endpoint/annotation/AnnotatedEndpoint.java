package dev.duplex.endpoint.annotation;

import dev.duplex.endpoint.coder.PrimitiveText;
import dev.duplex.endpoint.instance.ApplicationInstance;
import dev.duplex.endpoint.session.DuplexSession;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.util.Objects;

/**
 * Runs an annotated endpoint instance as a plain {@link Endpoint}, so that the session layer deals
 * only with {@code Endpoint} and {@code MessageHandler}s. One is created per connection with the
 * endpoint instance for that connection (from the configurator's {@code getEndpointInstance}, or
 * the instance a client passed) and the class's {@link EndpointModel}.
 *
 * <ul>
 *   <li>{@link #onOpen}: applies each {@code maxMessageSize} to the session's maximum text or binary
 *       message size, registers one handler per {@code @OnMessage} method through
 *       {@code Session.addMessageHandler(Class, Whole|Partial)} with the method's message type
 *       (boxed for primitives), then calls the {@code @OnOpen} method.</li>
 *   <li>Each handler calls its method with the session, path parameters and message, and sends a
 *       non-null return value back with {@code getBasicRemote().sendObject}, through the session's
 *       encoders (javadoc of {@code OnMessage}).</li>
 *   <li>Whatever an annotated method throws, and a failed send of its return value, goes to
 *       {@link #onError} (Jakarta WebSocket 2.2 sections 4.5 and 5.2.2), as does a path segment that
 *       cannot be converted to its parameter's type ({@code DecodeException}, section 4.3); the
 *       handlers themselves never throw. On a Duplex session the error goes through the session, which
 *       counts it ({@code dev.duplex.monitoring}), as it does errors it catches itself. {@link #onError} calls the {@code @OnError} method, or, when
 *       there is none, logs the error at WARNING (section 5.2.2, WSC-5.2.2-3); an error thrown by
 *       the {@code @OnError} method is logged at ERROR (WSC-5.2.2-4).</li>
 * </ul>
 *
 * <p>Thread-safety: holds no mutable state. The session calls {@code onOpen}, the handlers and
 * {@code onClose} one at a time; {@code onError} may come from any thread, and the endpoint
 * instance's own methods are then as thread-safe as the application made them.
 */
public final class AnnotatedEndpoint extends Endpoint implements ApplicationInstance {
    private static final System.Logger LOG = System.getLogger(AnnotatedEndpoint.class.getName());

    private final Object instance;
    private final EndpointModel model;

    /**
     * @throws IllegalArgumentException when the instance is not of the model's class
     */
    public AnnotatedEndpoint(Object instance, EndpointModel model) {
        this.instance = Objects.requireNonNull(instance, "instance");
        this.model = Objects.requireNonNull(model, "model");
        if (!model.endpointClass().isInstance(instance)) {
            throw new IllegalArgumentException(instance.getClass().getName() + " is not a "
                    + model.endpointClass().getName());
        }
    }

    /** The annotated endpoint instance of this connection. */
    public Object instance() {
        return instance;
    }

    @Override
    public Object applicationInstance() {
        return instance;
    }

    /** The model of the instance's class. */
    public EndpointModel model() {
        return model;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        try {
            for (MessageMethod method : model.messageMethods()) {
                limitMessageSize(session, method);
                register(session, method);
            }
        } catch (RuntimeException e) {
            report(session, e);
            return;
        }
        BoundMethod onOpen = model.onOpen().orElse(null);
        if (onOpen != null) {
            call(onOpen, session, CallValues.open(session, config));
        }
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        BoundMethod onClose = model.onClose().orElse(null);
        if (onClose != null) {
            call(onClose, session, CallValues.close(session, closeReason));
        }
    }

    @Override
    public void onError(Session session, Throwable error) {
        BoundMethod onError = model.onError().orElse(null);
        if (onError == null) {
            LOG.log(System.Logger.Level.WARNING, () -> "session " + sessionId(session) + " of "
                    + model.endpointClass().getName() + " failed, and the endpoint has no @OnError method", error);
            return;
        }
        try {
            onError.invoke(instance, CallValues.error(session, error));
        } catch (Throwable thrown) {
            rethrowIfFatal(thrown);
            if (thrown != error) {
                thrown.addSuppressed(error);
            }
            LOG.log(System.Logger.Level.ERROR, () -> "the @OnError method " + onError.method()
                    + " threw while handling an error of session " + sessionId(session), thrown);
        }
    }

    /** What an annotated method threw, to {@link #onError}: through a Duplex session, so that it is counted. */
    private void report(Session session, Throwable error) {
        if (session instanceof DuplexSession duplex) {
            duplex.reportApplicationError(error);
        } else {
            onError(session, error);
        }
    }

    /** Maximum message sizes apply to whole text and binary messages only (javadoc of {@code OnMessage.maxMessageSize}). */
    private static void limitMessageSize(Session session, MessageMethod method) {
        if (!method.limitsMessageSize()) {
            return;
        }
        int size = (int) method.maxMessageSize();
        if (method.kinds().contains(MessageKind.TEXT)) {
            session.setMaxTextMessageBufferSize(size);
        }
        if (method.kinds().contains(MessageKind.BINARY)) {
            session.setMaxBinaryMessageBufferSize(size);
        }
    }

    @SuppressWarnings("unchecked")
    private <T> void register(Session session, MessageMethod method) {
        Class<T> type = (Class<T>) PrimitiveText.box(method.messageType());
        if (method.delivery() == Delivery.PARTIAL) {
            session.addMessageHandler(type, new PartialHandler<T>(session, method));
        } else {
            session.addMessageHandler(type, new WholeHandler<T>(session, method));
        }
    }

    private void deliver(Session session, MessageMethod method, Object message, boolean last) {
        try {
            Object result = method.method().invoke(instance, CallValues.message(session, message, last));
            if (result != null) {
                session.getBasicRemote().sendObject(result);
            }
        } catch (Throwable thrown) {
            rethrowIfFatal(thrown);
            report(session, thrown);
        }
    }

    private void call(BoundMethod method, Session session, CallValues values) {
        try {
            method.invoke(instance, values);
        } catch (Throwable thrown) {
            rethrowIfFatal(thrown);
            report(session, thrown);
        }
    }

    /** The JVM's own failures are not the application's errors and go up unchanged. */
    private static void rethrowIfFatal(Throwable thrown) {
        if (thrown instanceof VirtualMachineError fatal) {
            throw fatal;
        }
    }

    private static String sessionId(Session session) {
        try {
            return session == null ? "(none)" : session.getId();
        } catch (RuntimeException e) {
            return "(unknown)";
        }
    }

    /** Delivers whole messages (and streams) to one {@code @OnMessage} method. */
    private final class WholeHandler<T> implements MessageHandler.Whole<T> {
        private final Session session;
        private final MessageMethod method;

        WholeHandler(Session session, MessageMethod method) {
            this.session = session;
            this.method = method;
        }

        @Override
        public void onMessage(T message) {
            deliver(session, method, message, true);
        }

        @Override
        public String toString() {
            return "@OnMessage " + method.method();
        }
    }

    /** Delivers the parts of messages to one {@code @OnMessage} method with a {@code boolean last} parameter. */
    private final class PartialHandler<T> implements MessageHandler.Partial<T> {
        private final Session session;
        private final MessageMethod method;

        PartialHandler(Session session, MessageMethod method) {
            this.session = session;
            this.method = method;
        }

        @Override
        public void onMessage(T part, boolean last) {
            deliver(session, method, part, last);
        }

        @Override
        public String toString() {
            return "@OnMessage " + method.method();
        }
    }
}
