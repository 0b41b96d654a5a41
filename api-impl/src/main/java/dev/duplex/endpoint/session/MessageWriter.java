package dev.duplex.endpoint.session;

import java.io.IOException;
import java.io.Writer;
import java.util.Objects;

/**
 * The writer of {@code RemoteEndpoint.Basic.getSendWriter()}: one text message, sent as a
 * fragment each time the buffer holds {@code fragmentSize} chars or on {@link #flush()}, and
 * finished by {@link #close()} ({@link FragmentedMessage}). A surrogate pair is never split between
 * fragments. Each fragment blocks until written.
 *
 * <p>Not thread-safe for concurrent writes, like most Writers.
 */
final class MessageWriter extends Writer {
    private final BasicRemote remote;
    private final StringBuilder buffer;
    private final TextFragments encoder = new TextFragments();
    private final FragmentedMessage message;

    MessageWriter(BasicRemote remote, int fragmentSize) {
        this.remote = remote;
        this.buffer = new StringBuilder(Math.min(fragmentSize, 8192));
        this.message = new FragmentedMessage("send writer", new FragmentedMessage.Buffer() {
            @Override
            public int room() {
                return fragmentSize - buffer.length();
            }

            @Override
            public int size() {
                return buffer.length();
            }

            @Override
            public void send(boolean last) throws IOException {
                sendFragment(last);
            }
        });
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, chars.length);
        message.write(offset, length, (from, count) -> buffer.append(chars, from, count));
    }

    @Override
    public void write(String text, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, text.length());
        message.write(offset, length, (from, count) -> buffer.append(text, from, from + count));
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
        try {
            remote.sendPart(this, true, encoder.encode(buffer, last), last);
        } finally {
            buffer.setLength(0);
        }
    }
}
