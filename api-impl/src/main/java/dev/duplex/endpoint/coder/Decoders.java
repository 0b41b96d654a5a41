package dev.duplex.endpoint.coder;

import dev.duplex.endpoint.instance.InstanceProvider;
import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;
import jakarta.websocket.EndpointConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The decoders of one session: instances of the configured decoder classes, created and
 * initialised when the session opens and destroyed when it closes (Jakarta WebSocket 2.2
 * section 4.1.1), plus the built-in primitive decoders. For a message of a given target type,
 * the configured decoders for that type are asked in their configured order through
 * {@code willDecode}; the first that accepts decodes it.
 *
 * <p>Called by the session's one delivering thread at a time; not thread-safe otherwise.
 */
public final class Decoders {
    private record Instance(CoderType type, Decoder decoder) {
    }

    private final List<Instance> instances;
    private final InstanceProvider provider;

    private Decoders(List<Instance> instances, InstanceProvider provider) {
        this.instances = instances;
        this.provider = provider;
    }

    /**
     * Creates and initialises one instance of each decoder class.
     *
     * @throws IllegalStateException when a decoder cannot be instantiated
     */
    public static Decoders create(List<Class<? extends Decoder>> classes, EndpointConfig config) {
        return create(classes, config, InstanceProvider.plain());
    }

    /**
     * Creates through {@code provider} and initialises one instance of each decoder class; if one fails, those
     * already made are destroyed.
     *
     * @throws IllegalStateException when a decoder cannot be instantiated, or its {@code init} throws
     */
    public static Decoders create(List<Class<? extends Decoder>> classes, EndpointConfig config,
            InstanceProvider provider) {
        List<Decoder> made = CoderLifecycle.createAll(classes, provider, "decoder", decoder -> decoder.init(config),
                Decoder::destroy);
        List<Instance> instances = new ArrayList<>(made.size());
        for (int i = 0; i < made.size(); i++) {
            instances.add(new Instance(CoderType.ofDecoder(classes.get(i)), made.get(i)));
        }
        return new Decoders(List.copyOf(instances), provider);
    }

    /** Whether a configured decoder turns messages into {@code type} (the built-ins not counted). */
    public boolean hasDecoderFor(Class<?> type, boolean text) {
        for (Instance instance : instances) {
            if (instance.type().kind().isText() == text && type.isAssignableFrom(instance.type().type())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The kinds of the configured decoders that turn messages into {@code type}, in their configured
     * order (the built-ins not counted). A session uses it to tell which native message type a
     * handler for {@code type} receives, and whether the message must be buffered or can be streamed.
     */
    public List<CoderKind> kindsFor(Class<?> type) {
        List<CoderKind> kinds = new ArrayList<>(2);
        for (Instance instance : instances) {
            if (type.isAssignableFrom(instance.type().type())) {
                kinds.add(instance.type().kind());
            }
        }
        return List.copyOf(kinds);
    }

    /**
     * Decodes a whole text message to {@code type}: String as it is, primitives and boxes by
     * parsing, anything else through the configured text and text stream decoders.
     *
     * @throws DecodeException when a decoder fails, or none will decode the text
     */
    public Object decodeText(Class<?> type, String text) throws DecodeException, IOException {
        if (type == String.class || type == Object.class && instances.isEmpty()) {
            return text;
        }
        for (Instance instance : instances) {
            if (!type.isAssignableFrom(instance.type().type())) {
                continue;
            }
            if (instance.decoder() instanceof Decoder.Text<?> decoder) {
                if (decoder.willDecode(text)) {
                    return decoder.decode(text);
                }
            } else if (instance.decoder() instanceof Decoder.TextStream<?> decoder) {
                return decoder.decode(new StringReader(text));
            }
        }
        if (PrimitiveText.handles(type)) {
            return PrimitiveText.decode(type, text);
        }
        throw new DecodeException(text, "no decoder for " + type.getName() + " accepted the message");
    }

    /** Decodes a text message read from a stream with the first text stream decoder for {@code type}. */
    public Object decodeTextStream(Class<?> type, Reader reader) throws DecodeException, IOException {
        for (Instance instance : instances) {
            if (type.isAssignableFrom(instance.type().type()) && instance.decoder() instanceof Decoder.TextStream<?> decoder) {
                return decoder.decode(reader);
            }
        }
        throw new DecodeException("", "no text stream decoder for " + type.getName());
    }

    /**
     * Decodes a whole binary message to {@code type} through the configured binary and binary stream decoders.
     *
     * <p>A {@code Decoder.Binary} gets a heap buffer of its own whose backing array holds exactly
     * the message: position 0, limit and capacity its length, array offset 0. {@code data} may be
     * a view of a larger buffer (the transport's read buffer, with frame headers and other
     * messages around it, valid only during the call); a decoder that reads
     * {@code buffer.array()}, as decoders commonly do, or keeps the buffer, would otherwise see
     * bytes that are not the message, or lose them. The copy is made once per message.
     *
     * @throws DecodeException when a decoder fails, or none will decode the message
     */
    public Object decodeBinary(Class<?> type, ByteBuffer data) throws DecodeException, IOException {
        byte[] message = null;
        for (Instance instance : instances) {
            if (!type.isAssignableFrom(instance.type().type())) {
                continue;
            }
            if (instance.decoder() instanceof Decoder.Binary<?> decoder) {
                if (message == null) {
                    message = new byte[data.remaining()];
                    data.get(data.position(), message);
                }
                if (decoder.willDecode(ByteBuffer.wrap(message))) {
                    return decoder.decode(ByteBuffer.wrap(message));
                }
            } else if (instance.decoder() instanceof Decoder.BinaryStream<?> decoder) {
                return decoder.decode(new ByteBufferInputStream(data.duplicate()));
            }
        }
        throw new DecodeException(data, "no decoder for " + type.getName() + " accepted the message");
    }

    /** Decodes a binary message read from a stream with the first binary stream decoder for {@code type}. */
    public Object decodeBinaryStream(Class<?> type, InputStream input) throws DecodeException, IOException {
        for (Instance instance : instances) {
            if (type.isAssignableFrom(instance.type().type()) && instance.decoder() instanceof Decoder.BinaryStream<?> decoder) {
                return decoder.decode(input);
            }
        }
        throw new DecodeException(ByteBuffer.allocate(0), "no binary stream decoder for " + type.getName());
    }

    /** Calls {@code destroy()} on every decoder, once, when the session has closed, and lets the instance provider release it. */
    public void destroy() {
        List<Decoder> decoders = new ArrayList<>(instances.size());
        for (Instance instance : instances) {
            decoders.add(instance.decoder());
        }
        CoderLifecycle.destroyAll(decoders, provider, Decoder::destroy);
    }
}
