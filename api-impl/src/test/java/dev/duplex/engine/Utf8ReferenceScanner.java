package dev.duplex.engine;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.BitSet;

/**
 * Test oracle, independent of the engine's automaton: the expected first failing index, derived from the JDK's own
 * UTF-8 encoder and decoder.
 *
 * <p>A byte fails iff the bytes of the current character up to and including it are neither a complete encoding nor a
 * proper prefix of the encoding of any Unicode scalar value. The prefix sets for lengths 1..3 come from encoding every
 * scalar value with the JDK; 4-byte candidates are complete or nothing, and are checked with a strict JDK decoder.
 *
 * <p>Thread-safety: not thread-safe (reuses a decoder and buffers).
 */
final class Utf8ReferenceScanner {

    /** Bit {@code packed(prefix)} is set iff the 1..3 bytes are a proper prefix of some encoding. */
    private static final BitSet[] PROPER_PREFIXES =
            {null, new BitSet(1 << 8), new BitSet(1 << 16), new BitSet(1 << 24)};
    /** Bit {@code packed(bytes)} is set iff the 1..3 bytes are a complete encoding. */
    private static final BitSet[] COMPLETE = {null, new BitSet(1 << 8), new BitSet(1 << 16), new BitSet(1 << 24)};

    static {
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
                continue;
            }
            byte[] encoded = Character.toString(cp).getBytes(UTF_8);
            int packed = 0;
            for (int length = 1; length <= encoded.length && length <= 3; length++) {
                packed = (packed << 8) | (encoded[length - 1] & 0xFF);
                (length == encoded.length ? COMPLETE : PROPER_PREFIXES)[length].set(packed);
            }
        }
    }

    private final CharsetDecoder strictDecoder = UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final CharBuffer chars = CharBuffer.allocate(8);

    /** The first failing index ({@code -1} if none) and whether the input ended between characters. */
    record Outcome(int failingIndex, boolean complete) {
    }

    Outcome scan(byte[] bytes, int from, int to) {
        int charStart = from;
        int packed = 0;
        for (int i = from; i < to; i++) {
            int length = i - charStart + 1;
            packed = (packed << 8) | (bytes[i] & 0xFF);
            if (length <= 3 && COMPLETE[length].get(packed)
                    || length == 4 && strictlyDecodes(bytes, charStart, 4)) {
                charStart = i + 1;
                packed = 0;
            } else if (length == 4 || !PROPER_PREFIXES[length].get(packed)) {
                return new Outcome(i, false);
            }
        }
        return new Outcome(-1, charStart == to);
    }

    /** The JDK's verdict on a whole message, with malformed input reported rather than replaced. */
    boolean strictlyDecodes(byte[] bytes, int from, int length) {
        strictDecoder.reset();
        chars.clear();
        ByteBuffer in = ByteBuffer.wrap(bytes, from, length);
        CharBuffer out = length <= chars.capacity() / 2 ? chars : CharBuffer.allocate(length * 2);
        return !strictDecoder.decode(in, out, true).isError() && !strictDecoder.flush(out).isError();
    }
}
