package dev.duplex.endpoint.session;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The stream of {@code RemoteEndpoint.Basic.getSendStream()}: one binary message, sent as a
 * fragment each time the buffer fills or on {@link #flush()}, and finished by {@link #close()}.
 * If nothing was written, closing sends nothing; if anything was, at least one message is sent,
 * even of zero length (RemoteEndpoint.Basic javadoc). Each fragment blocks until written.
 *
 * <p>Not thread-safe, like any OutputStream.
 */
final class MessageOutputStream extends OutputStream {
    private final BasicRemote remote;
    private final ByteBuffer buffer;
    private boolean written;
    private boolean closed;

    MessageOutputStream(BasicRemote remote, int fragmentSize) {
        this.remote = remote;
        this.buffer = ByteBuffer.allocate(fragmentSize);
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        written = true;
        if (!buffer.hasRemaining()) {
            sendFragment(false);
        }
        buffer.put((byte) b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        ensureOpen();
        written = true;
        while (length > 0) {
            if (!buffer.hasRemaining()) {
                sendFragment(false);
            }
            int count = Math.min(length, buffer.remaining());
            buffer.put(bytes, offset, count);
            offset += count;
            length -= count;
        }
    }

    /** Sends what is buffered as a fragment, if anything is. */
    @Override
    public void flush() throws IOException {
        ensureOpen();
        if (buffer.position() > 0) {
            sendFragment(false);
        }
    }

    /** Sends the last fragment, if anything was written. A second close does nothing. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (written) {
            sendFragment(true);
        }
    }

    private void sendFragment(boolean last) throws IOException {
        buffer.flip();
        try {
            remote.sendPart(this, false, buffer, last);
        } finally {
            buffer.clear();
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("the send stream is closed: its message has been sent");
        }
    }
}
