package dev.duplex.endpoint.session;

import java.io.IOException;

/**
 * The one message that a send stream or send writer of {@code RemoteEndpoint.Basic} carries, sent as a fragment
 * each time its buffer fills or on flush, and finished by close. If nothing was written, closing sends nothing; if
 * anything was, at least one message is sent, even of zero length (RemoteEndpoint.Basic javadoc). Shared by
 * {@link MessageOutputStream} and {@link MessageWriter}, which differ only in what they buffer. Not thread-safe.
 */
final class FragmentedMessage {

    /** The sender's buffer, counted in its own units (bytes or chars). */
    interface Buffer {
        /** How many more units fit before a fragment must go. */
        int room();

        /** How many units are buffered. */
        int size();

        /** Sends what is buffered as the next fragment, the last one if {@code last}, and empties the buffer. */
        void send(boolean last) throws IOException;
    }

    /** Puts units {@code [from, from + count)} of what is being written into the buffer; they fit. */
    interface Fill {
        void put(int from, int count);
    }

    private final String what;
    private final Buffer buffer;
    private boolean written;
    private boolean closed;

    /** @param what how errors name the sender, such as "send stream" */
    FragmentedMessage(String what, Buffer buffer) {
        this.what = what;
        this.buffer = buffer;
    }

    /** Buffers {@code length} units from {@code offset}, sending a fragment each time the buffer is full. */
    void write(int offset, int length, Fill fill) throws IOException {
        ensureOpen();
        written = true;
        while (length > 0) {
            if (buffer.room() == 0) {
                buffer.send(false);
            }
            int count = Math.min(length, buffer.room());
            fill.put(offset, count);
            offset += count;
            length -= count;
        }
    }

    /** Sends what is buffered as a fragment, if anything is. */
    void flush() throws IOException {
        ensureOpen();
        if (buffer.size() > 0) {
            buffer.send(false);
        }
    }

    /** Sends the last fragment, if anything was written. A second close does nothing. */
    void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (written) {
            buffer.send(true);
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("the " + what + " is closed: its message has been sent");
        }
    }
}
