package dev.duplex.engine;

import java.nio.ByteBuffer;

/**
 * An extension in use on one connection (RFC 6455 section 9): it owns RSV bits and transforms the
 * payload of data messages between the frames and the messages. A message is transformed when its
 * first frame carries the extension's bits; its continuations and control frames follow the rules the
 * extension sets ({@link #checkReceived}). Negotiated in the opening handshake, then fixed for the
 * connection's life.
 *
 * <p>Threads: the receiving methods ({@link #checkReceived}, {@link #decode}) are called by the one
 * thread that receives at a time, the sending ones ({@link #encodes}, {@link #encode}) under the
 * connection's write lock; {@link #release} may come from any thread, also while the others run.
 */
public interface Extension {

    /** Where decoded fragments go: the next extension, or the message layer. */
    @FunctionalInterface
    interface FragmentSink {
        void accept(ByteBuffer fragment, boolean last) throws ProtocolException;
    }

    /** The name it was negotiated under, e.g. {@code permessage-deflate}. */
    String name();

    /** The RSV bits it defines (RFC 6455 section 5.2): {@link Frame#RSV1} and so on. */
    int rsv();

    /**
     * The extension's rules for the RSV bits of a received frame, beyond the parser's.
     *
     * @param firstOfMessage the frame starts a data message (a text or binary frame)
     */
    void checkReceived(Frame frame, boolean firstOfMessage) throws ProtocolException;

    /**
     * Decodes the payload of one data frame of a message whose first frame carried this extension's
     * bits, handing the result on in fragments; the last fragment of the message goes with
     * {@code last} true.
     *
     * @param fin      the frame ends the message
     * @param maxBytes the most decoded bytes the message may have; past that, {@code tooLarge} is thrown
     *                 as soon as the bytes exist, before the message is complete
     * @throws ProtocolException for a payload that does not decode, or a message over {@code maxBytes}
     */
    void decode(ByteBuffer payload, boolean fin, long maxBytes, Violation tooLarge, FragmentSink next)
            throws ProtocolException;

    /**
     * Whether to transform the message whose first fragment this is; asked once per message.
     *
     * @param last the fragment is the whole message
     */
    boolean encodes(ByteBuffer firstFragment, boolean last);

    /** Transforms one fragment of a message {@link #encodes} accepted; {@code payload} is read, never kept. */
    ByteBuffer encode(ByteBuffer payload, boolean last);

    /** Frees what it holds (native memory, pooled objects): the connection has ended. Idempotent. */
    void release();
}
