package dev.duplex.endpoint.coder;

import dev.duplex.endpoint.instance.InstanceProvider;
import jakarta.websocket.EncodeException;
import jakarta.websocket.Encoder;
import jakarta.websocket.EndpointConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The encoders of one session, created and initialised when it opens and destroyed when it
 * closes (Jakarta WebSocket 2.2 section 4.1.1), with the built-in ones behind them: String and
 * primitives become text, ByteBuffer and byte[] become binary. The configured encoder whose
 * type is closest to the object's class wins; a stream encoder writes into a buffer that
 * becomes one message.
 *
 * <p>Thread-safe for encoding as far as the user's encoders are; sends may come from any thread.
 */
public final class Encoders {
    private record Instance(CoderType type, Encoder encoder) {
    }

    private final List<Instance> instances;
    private final InstanceProvider provider;

    private Encoders(List<Instance> instances, InstanceProvider provider) {
        this.instances = instances;
        this.provider = provider;
    }

    /**
     * Creates and initialises one instance of each encoder class.
     *
     * @throws IllegalStateException when an encoder cannot be instantiated
     */
    public static Encoders create(List<Class<? extends Encoder>> classes, EndpointConfig config) {
        return create(classes, config, InstanceProvider.plain());
    }

    /**
     * Creates through {@code provider} and initialises one instance of each encoder class; if one fails, those
     * already made are destroyed.
     *
     * @throws IllegalStateException when a encoder cannot be instantiated, or its {@code init} throws
     */
    public static Encoders create(List<Class<? extends Encoder>> classes, EndpointConfig config,
            InstanceProvider provider) {
        List<Encoder> made = CoderLifecycle.createAll(classes, provider, "encoder", encoder -> encoder.init(config),
                Encoder::destroy);
        List<Instance> instances = new ArrayList<>(made.size());
        for (int i = 0; i < made.size(); i++) {
            instances.add(new Instance(CoderType.ofEncoder(classes.get(i)), made.get(i)));
        }
        return new Encoders(List.copyOf(instances), provider);
    }

    /**
     * Turns an object into a message.
     *
     * @throws EncodeException when the encoder fails, or there is no encoder for the object's class
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Encoded encode(Object value) throws EncodeException, IOException {
        Instance instance = find(value.getClass());
        if (instance != null) {
            Encoder encoder = instance.encoder();
            switch (instance.type().kind()) {
                case TEXT -> {
                    return new Encoded.Text(((Encoder.Text) encoder).encode(value));
                }
                case TEXT_STREAM -> {
                    StringWriter writer = new StringWriter();
                    ((Encoder.TextStream) encoder).encode(value, writer);
                    return new Encoded.Text(writer.toString());
                }
                case BINARY -> {
                    return new Encoded.Binary(((Encoder.Binary) encoder).encode(value));
                }
                case BINARY_STREAM -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    ((Encoder.BinaryStream) encoder).encode(value, out);
                    return new Encoded.Binary(ByteBuffer.wrap(out.toByteArray()));
                }
                default -> throw new IllegalStateException();
            }
        }
        if (value instanceof String text) {
            return new Encoded.Text(text);
        }
        if (PrimitiveText.handles(value.getClass())) {
            return new Encoded.Text(value.toString());
        }
        if (value instanceof ByteBuffer data) {
            return new Encoded.Binary(data);
        }
        if (value instanceof byte[] bytes) {
            return new Encoded.Binary(ByteBuffer.wrap(bytes));
        }
        throw new EncodeException(value, "no encoder for " + value.getClass().getName());
    }

    /** The configured encoder for the class or its nearest supertype (superclasses first, then interfaces). */
    private Instance find(Class<?> type) {
        // Indexed loops: this runs for every object sent, and an iterator is an allocation each time.
        int count = instances.size();
        if (count == 0) {
            return null;
        }
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (int i = 0; i < count; i++) {
                if (instances.get(i).type().type() == c) {
                    return instances.get(i);
                }
            }
        }
        for (int i = 0; i < count; i++) {
            if (instances.get(i).type().type().isAssignableFrom(type)) {
                return instances.get(i);
            }
        }
        return null;
    }

    /** Calls {@code destroy()} on every encoder, once, when the session has closed, and lets the instance provider release it. */
    public void destroy() {
        List<Encoder> encoders = new ArrayList<>(instances.size());
        for (Instance instance : instances) {
            encoders.add(instance.encoder());
        }
        CoderLifecycle.destroyAll(encoders, provider, Encoder::destroy);
    }
}
