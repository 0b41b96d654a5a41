package dev.duplex.endpoint.coder;

import java.io.InputStream;
import java.nio.ByteBuffer;

/** An InputStream over a ByteBuffer's remaining bytes, for handing whole messages to stream decoders. */
final class ByteBufferInputStream extends InputStream {
    private final ByteBuffer data;

    ByteBufferInputStream(ByteBuffer data) {
        this.data = data;
    }

    @Override
    public int read() {
        return data.hasRemaining() ? data.get() & 0xFF : -1;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        if (!data.hasRemaining()) {
            return -1;
        }
        int count = Math.min(length, data.remaining());
        data.get(bytes, offset, count);
        return count;
    }

    @Override
    public int available() {
        return data.remaining();
    }
}
