package dev.duplex.endpoint.session;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The stream of {@code RemoteEndpoint.Basic.getSendStream()}: one binary message, sent as a
 * fragment each time the buffer fills or on {@link #flush()}, and finished by {@link #close()}
 * ({@link FragmentedMessage}). Each fragment blocks until written.
 *
 * <p>Not thread-safe, like any OutputStream.
 */
final class MessageOutputStream extends OutputStream {
    private final BasicRemote remote;
    private final ByteBuffer buffer;
    private final FragmentedMessage message;

    MessageOutputStream(BasicRemote remote, int fragmentSize) {
        this.remote = remote;
        this.buffer = ByteBuffer.allocate(fragmentSize);
        this.message = new FragmentedMessage("send stream", new FragmentedMessage.Buffer() {
            @Override
            public int room() {
                return buffer.remaining();
            }

            @Override
            public int size() {
                return buffer.position();
            }

            @Override
            public void send(boolean last) throws IOException {
                sendFragment(last);
            }
        });
    }

    @Override
    public void write(int b) throws IOException {
        message.write(0, 1, (from, count) -> buffer.put((byte) b));
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        message.write(offset, length, (from, count) -> buffer.put(bytes, from, count));
    }

    @Override
    public void flush() throws IOException {
        message.flush();
    }

    @Override
    public void close() throws IOException {
        message.close();
    }

    private void sendFragment(boolean last) throws IOException {
        buffer.flip();
        try {
            remote.sendPart(this, false, buffer, last);
        } finally {
            buffer.clear();
        }
    }
}
