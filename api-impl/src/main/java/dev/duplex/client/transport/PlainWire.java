package dev.duplex.client.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/** The socket's bytes as they are, for {@code ws} URIs and for talking to a proxy. */
final class PlainWire implements Wire {
    private static final int READ_BUFFER_SIZE = 32 * 1024;

    private final SocketChannel channel;
    private ByteBuffer plaintext = ByteBuffer.allocate(READ_BUFFER_SIZE).flip();

    PlainWire(SocketChannel channel) {
        this.channel = channel;
    }

    @Override
    public ByteBuffer plaintext() {
        return plaintext;
    }

    @Override
    public int fill() throws IOException {
        plaintext.compact();
        if (!plaintext.hasRemaining()) {
            plaintext = ByteBuffer.allocate(plaintext.capacity() * 2).put(plaintext.flip());
        }
        try {
            return channel.read(plaintext);
        } finally {
            plaintext.flip();
        }
    }

    @Override
    public boolean write(ByteBuffer[] buffers) throws IOException {
        int last = buffers.length - 1;
        int first = 0;
        while (true) {
            while (first <= last && !buffers[first].hasRemaining()) {
                first++;
            }
            if (first > last) {
                return true;
            }
            if (channel.write(buffers, first, last - first + 1) == 0) {
                return false;
            }
        }
    }
}
