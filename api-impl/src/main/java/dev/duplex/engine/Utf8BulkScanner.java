package dev.duplex.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Skips whole, well-formed characters in bulk, starting at a character boundary. It only ever <em>accepts</em>: it
 * stops at the first character it does not recognise as well-formed, or when fewer than {@value #MAX_SEQUENCE_LENGTH}
 * bytes remain, and leaves that character to the byte-by-byte automaton ({@link Utf8StateTable}), which decides
 * validity and the exact failing byte. So this class must never accept an ill-formed sequence; stopping early is always
 * safe.
 *
 * <p>Why it is fast: ASCII runs go to {@link AsciiScanner}; any other character is classified from one 4-byte load with
 * a few bit tests (the bit patterns of RFC 3629 §3 and the ranges of Unicode Table 3-7), and the position advances by
 * a constant in each well-predicted branch, so the next character never waits for this one's arithmetic and the CPU
 * overlaps consecutive characters.
 *
 * <p>Words are assembled little-endian: the character's first byte is bits 0..7, the second bits 8..15, and so on.
 *
 * <p>Thread-safety: stateless; safe to use from any thread (callers must not mutate the bytes concurrently).
 */
final class Utf8BulkScanner {

    /** Length of the longest UTF-8 sequence (RFC 3629 §3). */
    static final int MAX_SEQUENCE_LENGTH = 4;

    private static final VarHandle ARRAY_INTS_LE =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private Utf8BulkScanner() {
    }

    /** Returns the character boundary in {@code [from, to]} where bulk scanning of {@code bytes} stopped. */
    static int scan(byte[] bytes, int from, int to) {
        int lastStart = to - MAX_SEQUENCE_LENGTH;
        int i = from;
        while (i <= lastStart) {
            if (bytes[i] >= 0) {
                i = AsciiScanner.skipAscii(bytes, i + 1, to);
                continue;
            }
            int word = (int) ARRAY_INTS_LE.get(bytes, i);
            if (isTwoByteCharacter(word)) {
                i += 2;
            } else if (isThreeByteCharacter(word)) {
                i += 3;
            } else if (isFourByteCharacter(word)) {
                i += 4;
            } else {
                break;
            }
        }
        return i;
    }

    /** {@code C2..DF 80..BF}: pattern {@code 110xxxxx 10xxxxxx}, lead not {@code C0}/{@code C1} (overlong). */
    static boolean isTwoByteCharacter(int word) {
        return (word & 0xC0E0) == 0x80C0 && (word & 0x1E) != 0;
    }

    /**
     * Pattern {@code 1110xxxx 10xxxxxx 10xxxxxx} minus {@code E0 80..9F} (overlong, below U+0800) and {@code ED A0..BF}
     * (surrogates U+D800..U+DFFF). Both exclusions depend only on the lead's low nibble and bit 5 of the second byte.
     */
    static boolean isThreeByteCharacter(int word) {
        int nibbleAndBit5 = word & 0x200F;
        return (word & 0xC0C0F0) == 0x8080E0 && nibbleAndBit5 != 0 && nibbleAndBit5 != 0x200D;
    }

    /**
     * Pattern {@code 11110xxx 10xxxxxx 10xxxxxx 10xxxxxx} with code point bits 20..16 (the lead's low three bits and
     * bits 5..4 of the second byte) in 1..16, i.e. U+10000..U+10FFFF: this excludes overlongs ({@code F0 80..8F}) and
     * {@code F4 90..BF}, {@code F5..F7}.
     */
    static boolean isFourByteCharacter(int word) {
        int plane = ((word & 0x07) << 2) | ((word >>> 12) & 0x03);
        return (word & 0xC0C0C0F8) == 0x808080F0 && ((plane - 1) >>> 4) == 0;
    }
}
