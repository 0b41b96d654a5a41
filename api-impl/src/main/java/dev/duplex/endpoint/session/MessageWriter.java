package dev.duplex.endpoint.session;

import java.io.IOException;
import java.io.Writer;
import java.util.Objects;

/**
 * The writer of {@code RemoteEndpoint.Basic.getSendWriter()}: one text message, sent as a
 * fragment each time the buffer holds {@code fragmentSize} chars or on {@link #flush()}, and
 * finished by {@link #close()}. A surrogate pair is never split between fragments. If nothing was
 * written, closing sends nothing; if anything was, at least one message is sent, even of zero
 * length (RemoteEndpoint.Basic javadoc). Each fragment blocks until written.
 *
 * <p>Not thread-safe for concurrent writes, like most Writers.
 */
final class MessageWriter extends Writer {
    private final BasicRemote remote;
    private final int fragmentSize;
    private final StringBuilder buffer;
    private final TextFragments encoder = new TextFragments();
    private boolean written;
    private boolean closed;

    MessageWriter(BasicRemote remote, int fragmentSize) {
        this.remote = remote;
        this.fragmentSize = fragmentSize;
        this.buffer = new StringBuilder(Math.min(fragmentSize, 8192));
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, chars.length);
        ensureOpen();
        written = true;
        while (length > 0) {
            if (buffer.length() >= fragmentSize) {
                sendFragment(false);
            }
            int count = Math.min(length, fragmentSize - buffer.length());
            buffer.append(chars, offset, count);
            offset += count;
            length -= count;
        }
    }

    @Override
    public void write(String text, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, text.length());
        ensureOpen();
        written = true;
        while (length > 0) {
            if (buffer.length() >= fragmentSize) {
                sendFragment(false);
            }
            int count = Math.min(length, fragmentSize - buffer.length());
            buffer.append(text, offset, offset + count);
            offset += count;
            length -= count;
        }
    }

    /** Sends what is buffered as a fragment, if anything is. */
    @Override
    public void flush() throws IOException {
        ensureOpen();
        if (buffer.length() > 0) {
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
        try {
            remote.sendPart(this, true, encoder.encode(buffer, last), last);
        } finally {
            buffer.setLength(0);
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("the send writer is closed: its message has been sent");
        }
    }
}
