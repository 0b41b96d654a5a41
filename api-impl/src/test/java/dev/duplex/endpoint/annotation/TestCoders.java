package dev.duplex.endpoint.annotation;

import jakarta.websocket.Decoder;
import jakarta.websocket.Encoder;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;

/** Coders and coded types for the scanner and adapter tests. */
final class TestCoders {
    private TestCoders() {
    }

    /** A type that decoders produce. */
    public static class Bean implements CharSequence {
        public final String value;

        public Bean(String value) {
            this.value = value;
        }

        @Override
        public int length() {
            return value.length();
        }

        @Override
        public char charAt(int index) {
            return value.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return value.subSequence(start, end);
        }

        @Override
        public String toString() {
            return value;
        }
    }

    /** A second decoded type, for binary decoders. */
    public static class Blob {
    }

    /** A type only a text stream decoder produces. */
    public static class Document {
    }

    public static class BeanTextDecoder implements Decoder.Text<Bean> {
        @Override
        public Bean decode(String s) {
            return new Bean(s);
        }

        @Override
        public boolean willDecode(String s) {
            return true;
        }
    }

    public static class BeanBinaryDecoder implements Decoder.Binary<Bean> {
        @Override
        public Bean decode(ByteBuffer bytes) {
            return new Bean("binary");
        }

        @Override
        public boolean willDecode(ByteBuffer bytes) {
            return true;
        }
    }

    public static class BlobDecoder implements Decoder.BinaryStream<Blob> {
        @Override
        public Blob decode(InputStream is) {
            return new Blob();
        }
    }

    public static class DocumentDecoder implements Decoder.TextStream<Document> {
        @Override
        public Document decode(Reader reader) {
            return new Document();
        }
    }

    /** Implements the bare Decoder interface, none of the four kinds. */
    public static class ShapelessDecoder implements Decoder {
    }

    /** Implements the bare Encoder interface, none of the four kinds. */
    public static class ShapelessEncoder implements Encoder {
    }

    public static class BeanEncoder implements Encoder.Text<Bean> {
        @Override
        public String encode(Bean object) {
            return object.value;
        }
    }

    /** A decoder the runtime cannot instantiate. */
    public static class DecoderWithoutNoArgConstructor implements Decoder.Text<Bean> {
        public DecoderWithoutNoArgConstructor(String required) {
        }

        @Override
        public Bean decode(String s) {
            return new Bean(s);
        }

        @Override
        public boolean willDecode(String s) {
            return true;
        }
    }
}
