package dev.duplex.endpoint.session;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a text message that arrives in fragments. A fragment may end inside a multi-byte UTF-8
 * sequence (RFC 6455 section 5.4 splits messages at any byte); those bytes are held back and
 * completed by the next fragment, so every piece decoded is whole characters.
 *
 * <p>The engine has already validated the UTF-8 (RFC 6455 section 8.1); should anything invalid
 * get through, it becomes U+FFFD rather than an exception.
 *
 * <p>Not thread-safe: one instance per message being received, used by the receiving thread.
 */
final class Utf8Fragments {
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    /** The start of a character cut off at the end of the previous fragment: at most 3 bytes. */
    private final ByteBuffer carry = ByteBuffer.allocate(4);

    /** Decodes the whole characters of this fragment, with those it completes from the last one. */
    String decode(ByteBuffer fragment, boolean last) {
        StringBuilder out = new StringBuilder(fragment.remaining() + carry.position());
        decodeInto(fragment, last, out);
        return out.toString();
    }

    /**
     * Appends the whole characters of this fragment to {@code out}. With {@code last}, bytes left
     * over at the end of the message become U+FFFD. The fragment's position is not moved.
     */
    void decodeInto(ByteBuffer fragment, boolean last, StringBuilder out) {
        ByteBuffer in = fragment.duplicate();
        CharBuffer chars = CharBuffer.allocate(in.remaining() + carry.position() + 1);
        if (carry.position() > 0) {
            completeCarried(in, chars);
            if (carry.position() > 0) { // the fragment ended inside the carried character
                if (last) {
                    decoder.decode(carry.flip(), chars, true);
                    carry.clear();
                    decoder.flush(chars);
                    decoder.reset();
                }
                out.append(chars.flip());
                return;
            }
        }
        CoderResult result = decoder.decode(in, chars, last);
        if (result.isOverflow()) {
            throw new IllegalStateException("UTF-8 never yields more chars than bytes");
        }
        if (last) {
            decoder.flush(chars);
            decoder.reset();
        } else if (in.hasRemaining()) {
            carry.put(in); // an incomplete sequence of at most 3 bytes
        }
        out.append(chars.flip());
    }

    /** Moves bytes from {@code in} to the carried partial character until it decodes, or {@code in} runs out. */
    private void completeCarried(ByteBuffer in, CharBuffer chars) {
        while (in.hasRemaining()) {
            carry.put(in.get());
            carry.flip();
            CoderResult result = decoder.decode(carry, chars, false);
            if (result.isError()) {
                throw new IllegalStateException("REPLACE never reports errors");
            }
            boolean decoded = !carry.hasRemaining();
            carry.compact();
            if (decoded) {
                return;
            }
        }
    }

    /** Whether bytes of an unfinished character are held back. */
    boolean hasCarry() {
        return carry.position() > 0;
    }
}
