package dev.duplex.endpoint.session;

import dev.duplex.endpoint.coder.Encoded;
import dev.duplex.endpoint.coder.Encoders;
import jakarta.websocket.EncodeException;
import jakarta.websocket.RemoteEndpoint;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * {@code RemoteEndpoint.Basic}: every send blocks until the message (or part) is written, and
 * throws the write's IOException; once the session's close frame is out, sends throw one too
 * (RemoteEndpoint javadoc: "for the methods that send messages, this will be an IOException").
 *
 * <p>Parts of a message ({@code sendText/sendBinary(..., isLast)}) belong to this endpoint until
 * the last one; the send stream and writer each own their message (see {@link Outbound} for the
 * IllegalStateException rules).
 *
 * <p>Thread-safe; the parts of one fragmented message are expected from one thread at a time.
 */
final class BasicRemote extends RemoteEndpointBase implements RemoteEndpoint.Basic {
    private final Encoders encoders;
    private final int fragmentSize;
    private final TextFragments partialText = new TextFragments();

    BasicRemote(Outbound outbound, Encoders encoders, int fragmentSize) {
        super(outbound);
        this.encoders = encoders;
        this.fragmentSize = fragmentSize;
    }

    @Override
    public void sendText(String text) throws IOException {
        requireArgument(text, "text");
        sendWhole(true, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void sendBinary(ByteBuffer data) throws IOException {
        requireArgument(data, "data");
        sendWhole(false, data);
        data.position(data.limit());
    }

    @Override
    public void sendText(String partialMessage, boolean isLast) throws IOException {
        requireArgument(partialMessage, "partialMessage");
        ByteBuffer utf8;
        synchronized (partialText) {
            utf8 = partialText.encode(partialMessage, isLast);
        }
        sendPart(this, true, utf8, isLast);
    }

    @Override
    public void sendBinary(ByteBuffer partialByte, boolean isLast) throws IOException {
        requireArgument(partialByte, "partialByte");
        sendPart(this, false, partialByte, isLast);
        partialByte.position(partialByte.limit());
    }

    @Override
    public OutputStream getSendStream() throws IOException {
        outbound.checkNoFragmentInProgress("a send stream");
        return new MessageOutputStream(this, fragmentSize);
    }

    @Override
    public Writer getSendWriter() throws IOException {
        outbound.checkNoFragmentInProgress("a send writer");
        return new MessageWriter(this, fragmentSize);
    }

    @Override
    public void sendObject(Object data) throws IOException, EncodeException {
        requireArgument(data, "data");
        Encoded encoded;
        synchronized (encoders) { // section 4.1.2: no two threads in an encoder at the same time
            encoded = encoders.encode(data);
        }
        if (encoded instanceof Encoded.Text text) {
            sendText(text.text());
        } else if (encoded instanceof Encoded.Binary binary) {
            sendWhole(false, binary.data());
        }
    }

    private void sendWhole(boolean text, ByteBuffer payload) throws IOException {
        BlockingCallback done = new BlockingCallback();
        outbound.sendMessage(text, payload, getBatchingAllowed(), done);
        done.await();
    }

    /** Sends one part of a fragmented message owned by {@code owner} and waits for it. */
    void sendPart(Object owner, boolean text, ByteBuffer payload, boolean last) throws IOException {
        BlockingCallback done = new BlockingCallback();
        outbound.sendFragment(owner, text, payload, last, getBatchingAllowed(), done);
        done.await();
    }
}
