package dev.duplex.engine;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * The extensions in use on one connection, in the order the handshake agreed (RFC 6455 section 9.1:
 * the order of the server's response is the order in which they apply to outgoing data; incoming data
 * is undone in reverse). Each owns RSV bits no other one owns. Immutable; the extensions themselves
 * hold the per-connection state.
 */
public final class Extensions {
    public static final Extensions NONE = new Extensions(List.of(), 0);

    private final List<Extension> inOrder;
    private final int rsv;

    private Extensions(List<Extension> inOrder, int rsv) {
        this.inOrder = inOrder;
        this.rsv = rsv;
    }

    /**
     * @throws IllegalArgumentException when two extensions claim the same RSV bit (section 9.1 leaves
     *                                  such pairs unusable together)
     */
    public static Extensions of(List<? extends Extension> extensions) {
        int bits = 0;
        for (Extension extension : extensions) {
            if ((bits & extension.rsv()) != 0) {
                throw new IllegalArgumentException(extension.name() + " claims an RSV bit another extension owns");
            }
            bits |= extension.rsv();
        }
        return extensions.isEmpty() ? NONE : new Extensions(List.copyOf(extensions), bits);
    }

    /** The RSV bits some extension defines: the ones a received frame may carry. */
    public int rsv() {
        return rsv;
    }

    public boolean isEmpty() {
        return inOrder.isEmpty();
    }

    /** Every extension's rules for the RSV bits of a received frame. */
    void checkReceived(Frame frame, boolean firstOfMessage) throws ProtocolException {
        // Indexed: this runs for every data frame, and an iterator is an allocation each time.
        for (int i = 0; i < inOrder.size(); i++) {
            inOrder.get(i).checkReceived(frame, firstOfMessage);
        }
    }

    /**
     * Undoes, in reverse order, the extensions whose bits the message's first frame carried, and hands
     * the result to {@code sink}. {@code maxBytes} bounds what the first extension (the last undone)
     * hands on: the message as the application sees it.
     */
    void decode(int messageRsv, ByteBuffer payload, boolean fin, long maxBytes, Violation tooLarge,
            Extension.FragmentSink sink) throws ProtocolException {
        decodeFrom(messageRsv, inOrder.size() - 1, payload, fin, maxBytes, tooLarge, sink);
    }

    /** Undoes the applied extensions from {@code index} down; the lowest applied one is bounded by {@code maxBytes}. */
    private void decodeFrom(int messageRsv, int index, ByteBuffer payload, boolean last, long maxBytes,
            Violation tooLarge, Extension.FragmentSink sink) throws ProtocolException {
        int at = appliedAtOrBelow(messageRsv, index);
        if (at < 0) {
            sink.accept(payload, last);
            return;
        }
        long bound = appliedAtOrBelow(messageRsv, at - 1) < 0 ? maxBytes : Long.MAX_VALUE;
        inOrder.get(at).decode(payload, last, bound, tooLarge, (fragment, fragmentLast) ->
                decodeFrom(messageRsv, at - 1, fragment, fragmentLast, maxBytes, tooLarge, sink));
    }

    /** The highest index from {@code index} down of an extension whose bits the message carries, or -1. */
    private int appliedAtOrBelow(int messageRsv, int index) {
        int at = index;
        while (at >= 0 && (messageRsv & inOrder.get(at).rsv()) == 0) {
            at--;
        }
        return at;
    }

    /** The RSV bits of the extensions that transform a message starting with this fragment. */
    int encodingRsv(ByteBuffer firstFragment, boolean last) {
        int bits = 0;
        for (Extension extension : inOrder) {
            if (extension.encodes(firstFragment, last)) {
                bits |= extension.rsv();
            }
        }
        return bits;
    }

    /** Applies, in order, the extensions {@link #encodingRsv} chose for the message. */
    ByteBuffer encode(int messageRsv, ByteBuffer payload, boolean last) {
        ByteBuffer data = payload;
        for (Extension extension : inOrder) {
            if ((messageRsv & extension.rsv()) != 0) {
                data = extension.encode(data, last);
            }
        }
        return data;
    }

    /** Frees every extension's state; the connection has ended. */
    void release() {
        for (Extension extension : inOrder) {
            extension.release();
        }
    }
}
