package dev.duplex.endpoint.coder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Decoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The session's decoders, driven directly. */
class DecodersTest {

    /** Records what a binary decoder could see of the buffers it was given. */
    public static final class ArrayReadingDecoder implements Decoder.Binary<String> {
        static final List<String> SEEN = new ArrayList<>();

        @Override
        public String decode(ByteBuffer bytes) {
            SEEN.add("decode " + describe(bytes));
            return new String(bytes.array(), StandardCharsets.US_ASCII);
        }

        @Override
        public boolean willDecode(ByteBuffer bytes) {
            SEEN.add("willDecode " + describe(bytes));
            return true;
        }

        private static String describe(ByteBuffer bytes) {
            return bytes.position() + "/" + bytes.limit() + "/" + bytes.capacity() + "/" + bytes.arrayOffset();
        }
    }

    @Test
    void aBinaryDecoderGetsAHeapBufferBackedByExactlyTheMessageNotTheBufferItIsAViewOf() throws Exception {
        Decoders decoders = Decoders.create(List.of(ArrayReadingDecoder.class),
                ClientEndpointConfig.Builder.create().build());
        ByteBuffer readBuffer = ByteBuffer.wrap("HDRmessage-and-the-next-frame".getBytes(StandardCharsets.US_ASCII));
        ByteBuffer view = readBuffer.position(3).limit(10).slice();
        ArrayReadingDecoder.SEEN.clear();

        assertEquals("message", decoders.decodeBinary(String.class, view));

        assertEquals(List.of("willDecode 0/7/7/0", "decode 0/7/7/0"), ArrayReadingDecoder.SEEN);
        assertEquals(0, view.position(), "the message buffer is not consumed");
    }
}
