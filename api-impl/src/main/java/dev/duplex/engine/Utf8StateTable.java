package dev.duplex.engine;

/**
 * The transition table of a deterministic automaton that accepts exactly the well-formed UTF-8 byte sequences of
 * Unicode Table 3-7 (the same set RFC 3629 §4 defines by ABNF).
 *
 * <p>Each state records what the next byte must be, so a byte that makes the sequence impossible leads to
 * {@link #REJECT} at that very byte: overlong forms are cut off at the second byte after {@code E0} / {@code F0},
 * surrogates (U+D800..U+DFFF) at the second byte after {@code ED}, and code points above U+10FFFF at the second byte
 * after {@code F4}. The bytes {@code C0}, {@code C1} and {@code F5..FF} never appear in any row.
 *
 * <p>Thread-safety: immutable after class initialisation; safe to use from any thread.
 */
final class Utf8StateTable {

    /** Between characters: a message may end here. Must stay 0 so that a fresh validator starts here. */
    static final int ACCEPT = 0;
    /** The input so far is not a prefix of any well-formed UTF-8 sequence. Absorbing. */
    static final int REJECT = 1;

    // Remaining states, named after what they still need (Table 3-7 columns "Second/Third/Fourth Byte").
    private static final int NEED_ONE_CONTINUATION = 2;
    private static final int NEED_TWO_CONTINUATIONS = 3;
    private static final int NEED_THREE_CONTINUATIONS = 4;
    private static final int AFTER_E0 = 5; // second byte A0..BF: rejects overlong 3-byte forms (< U+0800)
    private static final int AFTER_ED = 6; // second byte 80..9F: rejects surrogates U+D800..U+DFFF
    private static final int AFTER_F0 = 7; // second byte 90..BF: rejects overlong 4-byte forms (< U+10000)
    private static final int AFTER_F4 = 8; // second byte 80..8F: rejects code points > U+10FFFF
    private static final int STATE_COUNT = 9;

    /** {@code NEXT[state << 8 | unsignedByte]} is the following state. */
    private static final byte[] NEXT = buildTable();

    private Utf8StateTable() {
    }

    /** Returns the state after reading {@code b} in {@code state}. */
    static int next(int state, byte b) {
        return NEXT[(state << 8) | (b & 0xFF)];
    }

    private static byte[] buildTable() {
        byte[] table = new byte[STATE_COUNT << 8];
        java.util.Arrays.fill(table, (byte) REJECT);

        // Lead bytes, one row of Table 3-7 each.
        allow(table, ACCEPT, 0x00, 0x7F, ACCEPT);                   // U+0000..U+007F
        allow(table, ACCEPT, 0xC2, 0xDF, NEED_ONE_CONTINUATION);    // U+0080..U+07FF
        allow(table, ACCEPT, 0xE0, 0xE0, AFTER_E0);                 // U+0800..U+0FFF
        allow(table, ACCEPT, 0xE1, 0xEC, NEED_TWO_CONTINUATIONS);   // U+1000..U+CFFF
        allow(table, ACCEPT, 0xED, 0xED, AFTER_ED);                 // U+D000..U+D7FF
        allow(table, ACCEPT, 0xEE, 0xEF, NEED_TWO_CONTINUATIONS);   // U+E000..U+FFFF
        allow(table, ACCEPT, 0xF0, 0xF0, AFTER_F0);                 // U+10000..U+3FFFF
        allow(table, ACCEPT, 0xF1, 0xF3, NEED_THREE_CONTINUATIONS); // U+40000..U+FFFFF
        allow(table, ACCEPT, 0xF4, 0xF4, AFTER_F4);                 // U+100000..U+10FFFF

        // Restricted second bytes.
        allow(table, AFTER_E0, 0xA0, 0xBF, NEED_ONE_CONTINUATION);
        allow(table, AFTER_ED, 0x80, 0x9F, NEED_ONE_CONTINUATION);
        allow(table, AFTER_F0, 0x90, 0xBF, NEED_TWO_CONTINUATIONS);
        allow(table, AFTER_F4, 0x80, 0x8F, NEED_TWO_CONTINUATIONS);

        // Unrestricted continuation bytes.
        allow(table, NEED_THREE_CONTINUATIONS, 0x80, 0xBF, NEED_TWO_CONTINUATIONS);
        allow(table, NEED_TWO_CONTINUATIONS, 0x80, 0xBF, NEED_ONE_CONTINUATION);
        allow(table, NEED_ONE_CONTINUATION, 0x80, 0xBF, ACCEPT);
        return table;
    }

    private static void allow(byte[] table, int from, int firstByte, int lastByte, int to) {
        for (int b = firstByte; b <= lastByte; b++) {
            table[(from << 8) | b] = (byte) to;
        }
    }
}
