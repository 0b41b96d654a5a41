package dev.duplex.endpoint.session;

import dev.duplex.endpoint.coder.Decoders;
import jakarta.websocket.MessageHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Turns the fragments the engine delivers into calls of the session's message handlers: whole
 * messages are buffered and converted, partial ones are passed on piece by piece, streamed ones
 * are fed to a handler reading on the session runtime's executor (Jakarta WebSocket 2.2 section 2.1.3,
 * javadoc of {@code MessageHandler}).
 *
 * <p>The handler is chosen at the first fragment and kept for the whole message (Session javadoc).
 * A text or binary message with no handler registered is read and dropped, with a debug log, as
 * Tyrus does; the specification names no close code for it, and an endpoint that registers only
 * a text handler should not have its session failed by a binary message it chose not to take.
 *
 * <p>Errors a handler throws, and {@code DecodeException}s, go to {@code Endpoint.onError}; the
 * session stays open (section 5.2.2, WSC-5.2.2-1 and -2).
 *
 * <p>The fragment methods are called by the receiving thread, one at a time;
 * {@link #abortStream} may be called from any thread.
 */
final class InboundMessages {
    private static final System.Logger LOG = System.getLogger(InboundMessages.class.getName());

    /** One incoming message being received. */
    private interface Receiver {
        void fragment(ByteBuffer data, boolean last);
    }

    private interface HandlerCall {
        void run() throws Exception;
    }

    private static final Receiver DISCARD = (data, last) -> {
    };

    private final HandlerRegistry handlers;
    private final Decoders decoders;
    private final SerialCallbacks callbacks;
    private final StreamPipe.FlowControl flow;
    private final Consumer<Throwable> errors;

    private Receiver current;
    private final AtomicReference<StreamPipe> activeStream = new AtomicReference<>();

    /**
     * @param errors reports an error to the endpoint; called from within a serial callback
     */
    InboundMessages(HandlerRegistry handlers, Decoders decoders, SerialCallbacks callbacks,
            StreamPipe.FlowControl flow, Consumer<Throwable> errors) {
        this.handlers = handlers;
        this.decoders = decoders;
        this.callbacks = callbacks;
        this.flow = flow;
        this.errors = errors;
    }

    void onText(ByteBuffer utf8, boolean last) {
        receive(NativeKind.TEXT, utf8, last);
    }

    void onBinary(ByteBuffer data, boolean last) {
        receive(NativeKind.BINARY, data, last);
    }

    void onPong(ByteBuffer data) {
        RegisteredHandler handler = handlers.get(NativeKind.PONG);
        if (handler == null) {
            return;
        }
        DuplexPongMessage pong = new DuplexPongMessage(copy(data));
        callbacks.run(() -> call(() -> whole(handler).onMessage(pong)));
    }

    /** The connection ended: a handler still reading a streamed message gets {@code cause} from its next read. */
    void abortStream(IOException cause) {
        StreamPipe pipe = activeStream.get();
        if (pipe != null) {
            pipe.fail(cause);
        }
    }

    private void receive(NativeKind kind, ByteBuffer data, boolean last) {
        Receiver receiver = current;
        if (receiver == null) {
            if (last && kind == NativeKind.TEXT) {
                // The common case, a whole text in one frame, skips the receiver made for each message.
                RegisteredHandler handler = handlers.get(kind);
                if (handler != null && handler.delivery() == Delivery.WHOLE) {
                    callbacks.run(new WholeTextDelivery(handler, utf8String(data)));
                    return;
                }
            }
            receiver = start(kind);
        }
        current = last ? null : receiver;
        receiver.fragment(data, last);
    }

    private Receiver start(NativeKind kind) {
        RegisteredHandler handler = handlers.get(kind);
        if (handler == null) {
            LOG.log(Level.DEBUG, () -> "no handler for " + kind.name().toLowerCase() + " messages; dropping one");
            return DISCARD;
        }
        boolean text = kind == NativeKind.TEXT;
        return switch (handler.delivery()) {
            case WHOLE -> text ? new WholeText(handler) : new WholeBinary(handler);
            case PARTIAL -> text ? new PartialText(handler) : new PartialBinary(handler);
            case STREAM -> new Streamed(handler, text);
        };
    }

    // ---------------------------------------------------------------- receivers

    /** Buffers a text message, then converts it: String as is, primitives parsed, other types decoded. */
    private final class WholeText implements Receiver {
        private final RegisteredHandler handler;
        private Utf8Fragments utf8;
        private StringBuilder text;

        WholeText(RegisteredHandler handler) {
            this.handler = handler;
        }

        @Override
        public void fragment(ByteBuffer data, boolean last) {
            if (last && text == null) {
                deliver(utf8String(data));
                return;
            }
            if (text == null) {
                text = new StringBuilder(Math.max(16, data.remaining() * 2));
                utf8 = new Utf8Fragments();
            }
            utf8.decodeInto(data, last, text);
            if (last) {
                deliver(text.toString());
            }
        }

        private void deliver(String message) {
            callbacks.run(new WholeTextDelivery(handler, message));
        }
    }

    /** A whole text message's delivery as one object: decoded unless the handler takes a String; failures to onError. */
    private final class WholeTextDelivery implements Runnable {
        private final RegisteredHandler handler;
        private final String message;

        WholeTextDelivery(RegisteredHandler handler, String message) {
            this.handler = handler;
            this.message = message;
        }

        @Override
        public void run() {
            try {
                whole(handler).onMessage(
                        handler.type() == String.class ? message : decoders.decodeText(handler.type(), message));
            } catch (Throwable t) {
                errors.accept(t);
            }
        }
    }

    /**
     * The text of a whole message in one frame, which the engine has validated as UTF-8 (RFC 6455 section
     * 8.1): {@code new String} decodes it without the char buffer a {@code CharsetDecoder} fills first.
     */
    private static String utf8String(ByteBuffer data) {
        if (data.hasArray()) {
            return new String(data.array(), data.arrayOffset() + data.position(), data.remaining(),
                    StandardCharsets.UTF_8);
        }
        byte[] bytes = new byte[data.remaining()];
        data.duplicate().get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Buffers a binary message, then hands over a ByteBuffer, a byte[] or a decoded object. */
    private final class WholeBinary implements Receiver {
        private final RegisteredHandler handler;
        private ByteBuffer buffer;

        WholeBinary(RegisteredHandler handler) {
            this.handler = handler;
        }

        @Override
        public void fragment(ByteBuffer data, boolean last) {
            if (last && buffer == null) {
                // One frame: hand over a view while the transport's buffer is valid, a copy otherwise.
                callbacks.run(() -> deliver(data.slice()), () -> {
                    ByteBuffer copy = copy(data);
                    return () -> deliver(copy);
                });
                return;
            }
            append(data);
            if (last) {
                ByteBuffer message = buffer.flip();
                buffer = null;
                callbacks.run(() -> deliver(message));
            }
        }

        private void append(ByteBuffer data) {
            if (buffer == null) {
                buffer = ByteBuffer.allocate(Math.max(256, data.remaining() * 2));
            } else if (buffer.remaining() < data.remaining()) {
                long wanted = Math.max((long) buffer.capacity() * 2, (long) buffer.position() + data.remaining());
                ByteBuffer larger = ByteBuffer.allocate((int) Math.min(wanted, Integer.MAX_VALUE - 8));
                buffer = larger.put(buffer.flip());
            }
            buffer.put(data.duplicate());
        }

        private void deliver(ByteBuffer message) {
            call(() -> whole(handler).onMessage(convertBinary(handler, message)));
        }
    }

    /** Passes each fragment on as a String of whole characters. */
    private final class PartialText implements Receiver {
        private final RegisteredHandler handler;
        private final Utf8Fragments utf8 = new Utf8Fragments();

        PartialText(RegisteredHandler handler) {
            this.handler = handler;
        }

        @Override
        public void fragment(ByteBuffer data, boolean last) {
            String part = utf8.decode(data, last);
            if (part.isEmpty() && !last) {
                return; // the fragment held only the start of a character
            }
            callbacks.run(() -> call(() -> partial(handler).onMessage(part, last)));
        }
    }

    /** Passes each fragment on as a ByteBuffer or a byte[]. */
    private final class PartialBinary implements Receiver {
        private final RegisteredHandler handler;

        PartialBinary(RegisteredHandler handler) {
            this.handler = handler;
        }

        @Override
        public void fragment(ByteBuffer data, boolean last) {
            callbacks.run(() -> deliver(data.slice(), last), () -> {
                ByteBuffer copy = copy(data);
                return () -> deliver(copy, last);
            });
        }

        private void deliver(ByteBuffer part, boolean last) {
            call(() -> partial(handler).onMessage(handler.type() == byte[].class ? toArray(part) : part, last));
        }
    }

    /** Feeds the message into a pipe that a handler reads as a Reader or InputStream on the session runtime's executor. */
    private final class Streamed implements Receiver {
        private final StreamPipe pipe;

        Streamed(RegisteredHandler handler, boolean text) {
            this.pipe = new StreamPipe(flow);
            activeStream.set(pipe);
            callbacks.runOnExecutor(() -> consume(handler, text), rejected -> {
                pipe.consumerDone();
                errors.accept(new IOException("no thread to run " + HandlerClassifier.describe(handler.handler())
                        + ": the session runtime's executor refused it", rejected));
            });
        }

        @Override
        public void fragment(ByteBuffer data, boolean last) {
            pipe.write(data);
            if (last) {
                pipe.finish();
            }
        }

        private void consume(RegisteredHandler handler, boolean text) {
            try {
                call(() -> whole(handler).onMessage(open(handler, text)));
            } finally {
                activeStream.compareAndSet(pipe, null);
                pipe.consumerDone();
            }
        }

        private Object open(RegisteredHandler handler, boolean text) throws Exception {
            InputStream input = pipe.input();
            if (!text) {
                return handler.decoded() ? decoders.decodeBinaryStream(handler.type(), input) : input;
            }
            Reader reader = new InputStreamReader(input, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE));
            return handler.decoded() ? decoders.decodeTextStream(handler.type(), reader) : reader;
        }
    }

    // ---------------------------------------------------------------- helpers

    private Object convertBinary(RegisteredHandler handler, ByteBuffer message) throws Exception {
        if (handler.type() == ByteBuffer.class) {
            return message;
        }
        if (handler.type() == byte[].class) {
            return toArray(message);
        }
        return decoders.decodeBinary(handler.type(), message);
    }

    /** Runs a handler call, reporting what it throws to the endpoint's onError. */
    private void call(HandlerCall handlerCall) {
        try {
            handlerCall.run();
        } catch (Throwable t) {
            errors.accept(t);
        }
    }

    @SuppressWarnings("unchecked")
    private static MessageHandler.Whole<Object> whole(RegisteredHandler handler) {
        return (MessageHandler.Whole<Object>) handler.handler();
    }

    @SuppressWarnings("unchecked")
    private static MessageHandler.Partial<Object> partial(RegisteredHandler handler) {
        return (MessageHandler.Partial<Object>) handler.handler();
    }

    private static ByteBuffer copy(ByteBuffer data) {
        ByteBuffer copy = ByteBuffer.allocate(data.remaining());
        return copy.put(data.duplicate()).flip();
    }

    private static byte[] toArray(ByteBuffer data) {
        byte[] bytes = new byte[data.remaining()];
        data.duplicate().get(bytes);
        return bytes;
    }
}
