package dev.duplex.endpoint.session;

import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;
import jakarta.websocket.EncodeException;
import jakarta.websocket.Encoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Decoders and encoders for the delivery and sending tests, all around a small {@link Bean}. */
final class TestCoders {
    private TestCoders() {
    }

    /** What the coders decode and encode. */
    public record Bean(String value) {
    }

    /** Decodes text starting with "a:"; declines anything else. */
    public static final class PrefixADecoder implements Decoder.Text<Bean> {
        @Override
        public Bean decode(String s) {
            return new Bean("A" + s.substring(2));
        }

        @Override
        public boolean willDecode(String s) {
            return s.startsWith("a:");
        }
    }

    /** Decodes text starting with "b:"; "b:fail" throws a DecodeException. */
    public static final class PrefixBDecoder implements Decoder.Text<Bean> {
        @Override
        public Bean decode(String s) throws DecodeException {
            if (s.equals("b:fail")) {
                throw new DecodeException(s, "told to fail");
            }
            return new Bean("B" + s.substring(2));
        }

        @Override
        public boolean willDecode(String s) {
            return s.startsWith("b:");
        }
    }

    /** Reads the whole text stream into a Bean, counting the chars. */
    public static final class BeanTextStreamDecoder implements Decoder.TextStream<Bean> {
        @Override
        public Bean decode(Reader reader) throws IOException {
            StringBuilder text = new StringBuilder();
            char[] chunk = new char[4096];
            for (int n; (n = reader.read(chunk)) >= 0; ) {
                text.append(chunk, 0, n);
            }
            return new Bean("stream:" + text.length() + ":" + text.substring(0, Math.min(8, text.length())));
        }
    }

    /** Decodes binary as UTF-8. */
    public static final class BeanBinaryDecoder implements Decoder.Binary<Bean> {
        @Override
        public Bean decode(ByteBuffer bytes) {
            return new Bean("bin:" + StandardCharsets.UTF_8.decode(bytes));
        }

        @Override
        public boolean willDecode(ByteBuffer bytes) {
            return true;
        }
    }

    /** Decodes the whole backing array as UTF-8, ignoring position and limit, as the TCK's StringBeanBinaryDecoder does. */
    public static final class BackingArrayDecoder implements Decoder.Binary<Bean> {
        @Override
        public Bean decode(ByteBuffer bytes) {
            return new Bean("array:" + new String(bytes.array(), StandardCharsets.UTF_8));
        }

        @Override
        public boolean willDecode(ByteBuffer bytes) {
            return bytes.hasArray();
        }
    }

    /** Counts the bytes of the binary stream. */
    public static final class BeanBinaryStreamDecoder implements Decoder.BinaryStream<Bean> {
        @Override
        public Bean decode(InputStream input) throws IOException {
            long count = 0;
            byte[] chunk = new byte[4096];
            for (int n; (n = input.read(chunk)) >= 0; ) {
                count += n;
            }
            return new Bean("bytes:" + count);
        }
    }

    /** A decoder for Reader, which overrides the built-in Reader delivery (as the TCK's AlternativeReaderDecoder). */
    public static final class ReaderDecoder implements Decoder.Text<Reader> {
        @Override
        public Reader decode(String s) {
            return new java.io.StringReader("decoded:" + s);
        }

        @Override
        public boolean willDecode(String s) {
            return true;
        }
    }

    /** Encodes a Bean as "bean(value)"; a value of "fail" throws an EncodeException. */
    public static final class BeanTextEncoder implements Encoder.Text<Bean> {
        @Override
        public String encode(Bean bean) throws EncodeException {
            if (bean.value().equals("fail")) {
                throw new EncodeException(bean, "told to fail");
            }
            return "bean(" + bean.value() + ")";
        }
    }

    /** Encodes an Integer in binary as four bytes. */
    public static final class IntBinaryEncoder implements Encoder.Binary<Integer> {
        @Override
        public ByteBuffer encode(Integer value) {
            return ByteBuffer.allocate(4).putInt(0, value);
        }
    }

    /** Encodes a StringBuilder through a Writer. */
    public static final class BuilderTextStreamEncoder implements Encoder.TextStream<StringBuilder> {
        @Override
        public void encode(StringBuilder value, Writer writer) throws IOException {
            writer.write("streamed:");
            writer.write(value.toString());
        }
    }
}
