package dev.duplex.endpoint.coder;

import dev.duplex.endpoint.GenericTypes;
import jakarta.websocket.Decoder;
import jakarta.websocket.Encoder;

/**
 * What one coder class does: its kind and the Java type it decodes to or encodes from.
 * Found once, at deployment, from the class's generic interfaces.
 *
 * @param coderClass the decoder or encoder class
 * @param kind       text, text stream, binary or binary stream
 * @param type       the Java type of the messages it decodes or encodes
 */
public record CoderType(Class<?> coderClass, CoderKind kind, Class<?> type) {

    /**
     * Describes a decoder class.
     *
     * @throws IllegalArgumentException when it implements no decoder interface or its type cannot be resolved
     */
    public static CoderType ofDecoder(Class<? extends Decoder> decoder) {
        CoderKind kind = CoderKind.ofDecoder(decoder);
        if (kind == null) {
            throw new IllegalArgumentException(decoder.getName()
                    + " implements none of Decoder.Text, Decoder.TextStream, Decoder.Binary, Decoder.BinaryStream");
        }
        return new CoderType(decoder, kind, resolve(decoder, kind.decoderInterface(), "decoder"));
    }

    /**
     * Describes an encoder class.
     *
     * @throws IllegalArgumentException when it implements no encoder interface or its type cannot be resolved
     */
    public static CoderType ofEncoder(Class<? extends Encoder> encoder) {
        CoderKind kind = CoderKind.ofEncoder(encoder);
        if (kind == null) {
            throw new IllegalArgumentException(encoder.getName()
                    + " implements none of Encoder.Text, Encoder.TextStream, Encoder.Binary, Encoder.BinaryStream");
        }
        return new CoderType(encoder, kind, resolve(encoder, kind.encoderInterface(), "encoder"));
    }

    private static Class<?> resolve(Class<?> coder, Class<?> generic, String what) {
        Class<?> type = GenericTypes.typeArgument(coder, generic, 0);
        if (type == null) {
            throw new IllegalArgumentException("cannot tell which type " + what + " " + coder.getName()
                    + " handles: its " + generic.getSimpleName() + " type argument is not a class");
        }
        return type;
    }
}
