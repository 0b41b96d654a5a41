package dev.duplex.endpoint.coder;

import jakarta.websocket.Decoder;
import jakarta.websocket.Encoder;

/** The four shapes of coder the API defines (Jakarta WebSocket 2.2 section 4.1.1, javadoc of Encoder and Decoder). */
public enum CoderKind {
    TEXT(true), TEXT_STREAM(true), BINARY(false), BINARY_STREAM(false);

    private final boolean text;

    CoderKind(boolean text) {
        this.text = text;
    }

    /** Whether coders of this kind deal in text messages (otherwise binary ones). */
    public boolean isText() {
        return text;
    }

    /** The kind of a decoder class, or null when it implements none of the four interfaces. */
    public static CoderKind ofDecoder(Class<?> decoder) {
        if (Decoder.Text.class.isAssignableFrom(decoder)) {
            return TEXT;
        }
        if (Decoder.TextStream.class.isAssignableFrom(decoder)) {
            return TEXT_STREAM;
        }
        if (Decoder.Binary.class.isAssignableFrom(decoder)) {
            return BINARY;
        }
        if (Decoder.BinaryStream.class.isAssignableFrom(decoder)) {
            return BINARY_STREAM;
        }
        return null;
    }

    /** The kind of an encoder class, or null when it implements none of the four interfaces. */
    public static CoderKind ofEncoder(Class<?> encoder) {
        if (Encoder.Text.class.isAssignableFrom(encoder)) {
            return TEXT;
        }
        if (Encoder.TextStream.class.isAssignableFrom(encoder)) {
            return TEXT_STREAM;
        }
        if (Encoder.Binary.class.isAssignableFrom(encoder)) {
            return BINARY;
        }
        if (Encoder.BinaryStream.class.isAssignableFrom(encoder)) {
            return BINARY_STREAM;
        }
        return null;
    }

    Class<?> decoderInterface() {
        return switch (this) {
            case TEXT -> Decoder.Text.class;
            case TEXT_STREAM -> Decoder.TextStream.class;
            case BINARY -> Decoder.Binary.class;
            case BINARY_STREAM -> Decoder.BinaryStream.class;
        };
    }

    Class<?> encoderInterface() {
        return switch (this) {
            case TEXT -> Encoder.Text.class;
            case TEXT_STREAM -> Encoder.TextStream.class;
            case BINARY -> Encoder.Binary.class;
            case BINARY_STREAM -> Encoder.BinaryStream.class;
        };
    }
}
