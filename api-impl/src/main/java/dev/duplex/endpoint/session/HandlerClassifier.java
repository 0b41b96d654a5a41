package dev.duplex.endpoint.session;

import dev.duplex.endpoint.coder.CoderKind;
import dev.duplex.endpoint.coder.Decoders;
import dev.duplex.endpoint.coder.PrimitiveText;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Decides which native message type a handler for a given Java type receives, and how
 * (javadoc of {@code MessageHandler.Whole} and {@code MessageHandler.Partial}):
 * <ul>
 * <li>text: {@code String} (whole or partial), {@code Reader} (streamed), primitives and their
 *     boxes (whole, parsed), any type with a configured {@code Decoder.Text} or {@code Decoder.TextStream};</li>
 * <li>binary: {@code ByteBuffer} and {@code byte[]} (whole or partial), {@code InputStream}
 *     (streamed), any type with a configured {@code Decoder.Binary} or {@code Decoder.BinaryStream};</li>
 * <li>pong: {@code PongMessage} (whole).</li>
 * </ul>
 * A configured decoder wins over a built-in conversion, except for {@code String},
 * {@code ByteBuffer} and {@code byte[]}, which are the messages themselves. When decoders of both
 * message types decode the handler's type, the first configured one decides. The message is
 * streamed to the decoders when all configured decoders of that message type are stream
 * decoders; otherwise it is buffered and the decoders are asked in order ({@code willDecode}).
 *
 * <p>Stateless and thread-safe.
 */
final class HandlerClassifier {
    private HandlerClassifier() {
    }

    /**
     * Classifies a handler.
     *
     * @throws IllegalStateException when the type is not one the handler's kind can take and no decoder makes it
     */
    static RegisteredHandler classify(MessageHandler handler, Class<?> type, boolean partial, Decoders decoders) {
        Class<?> boxed = PrimitiveText.box(type);
        if (partial) {
            return classifyPartial(handler, boxed);
        }
        if (boxed == PongMessage.class) {
            return new RegisteredHandler(handler, boxed, NativeKind.PONG, Delivery.WHOLE, false);
        }
        if (boxed == String.class) {
            return new RegisteredHandler(handler, boxed, NativeKind.TEXT, Delivery.WHOLE, false);
        }
        if (boxed == ByteBuffer.class || boxed == byte[].class) {
            return new RegisteredHandler(handler, boxed, NativeKind.BINARY, Delivery.WHOLE, false);
        }
        List<CoderKind> kinds = decoders.kindsFor(boxed);
        if (!kinds.isEmpty()) {
            boolean text = kinds.get(0).isText();
            boolean streamOnly = kinds.stream().filter(k -> k.isText() == text)
                    .allMatch(k -> k == CoderKind.TEXT_STREAM || k == CoderKind.BINARY_STREAM);
            return new RegisteredHandler(handler, boxed, text ? NativeKind.TEXT : NativeKind.BINARY,
                    streamOnly ? Delivery.STREAM : Delivery.WHOLE, true);
        }
        if (boxed == Reader.class) {
            return new RegisteredHandler(handler, boxed, NativeKind.TEXT, Delivery.STREAM, false);
        }
        if (boxed == InputStream.class) {
            return new RegisteredHandler(handler, boxed, NativeKind.BINARY, Delivery.STREAM, false);
        }
        if (PrimitiveText.handles(boxed)) {
            return new RegisteredHandler(handler, boxed, NativeKind.TEXT, Delivery.WHOLE, false);
        }
        throw new IllegalStateException("cannot register " + describe(handler) + " for messages of type "
                + type.getName() + ": it is not String, Reader, ByteBuffer, byte[], InputStream, PongMessage or a"
                + " primitive, and no configured decoder decodes it (MessageHandler.Whole javadoc)");
    }

    private static RegisteredHandler classifyPartial(MessageHandler handler, Class<?> type) {
        if (type == String.class) {
            return new RegisteredHandler(handler, type, NativeKind.TEXT, Delivery.PARTIAL, false);
        }
        if (type == ByteBuffer.class || type == byte[].class) {
            return new RegisteredHandler(handler, type, NativeKind.BINARY, Delivery.PARTIAL, false);
        }
        throw new IllegalStateException("cannot register " + describe(handler) + " for parts of type "
                + type.getName() + ": partial handlers take String, ByteBuffer or byte[] (MessageHandler.Partial javadoc)");
    }

    static String describe(MessageHandler handler) {
        return "message handler " + handler.getClass().getName();
    }
}
