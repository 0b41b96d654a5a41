package dev.duplex.engine;

import static dev.duplex.engine.Utf8StateTable.ACCEPT;
import static dev.duplex.engine.Utf8StateTable.REJECT;

import java.nio.ByteBuffer;

/**
 * Validates whole characters in bulk, starting at a character boundary and stopping while fewer than
 * {@value #MAX_SEQUENCE_LENGTH} bytes remain (the caller finishes the tail byte by byte with {@link Utf8StateTable}).
 *
 * <p>Why it is fast: ASCII runs go to {@link AsciiScanner}; for a multi-byte character the lead byte selects the
 * sequence length through well-predicted branches, so the next character's position never waits for the table
 * lookups of this one, and the CPU overlaps consecutive characters. The lookups themselves use the same
 * {@link Utf8StateTable} as the byte-by-byte path, so both paths enforce exactly the rules of Unicode Table 3-7.
 *
 * <p>Thread-safety: stateless; safe to use from any thread (callers must not mutate the bytes concurrently).
 */
final class Utf8BulkScanner {

    /** Length of the longest UTF-8 sequence (RFC 3629 §3). */
    static final int MAX_SEQUENCE_LENGTH = 4;

    private Utf8BulkScanner() {
    }

    /**
     * Scans {@code bytes} from the character boundary {@code from}.
     *
     * @return the character boundary where scanning stopped (fewer than {@value #MAX_SEQUENCE_LENGTH} bytes before
     *         {@code to}), or {@code ~i} (negative) if byte {@code i} is the first invalid byte
     */
    static int scan(byte[] bytes, int from, int to) {
        int lastStart = to - MAX_SEQUENCE_LENGTH;
        int i = from;
        while (i <= lastStart) {
            byte lead = bytes[i];
            if (lead >= 0) {
                i = AsciiScanner.skipAscii(bytes, i + 1, to);
                continue;
            }
            int s = Utf8StateTable.next(ACCEPT, lead);
            // Lengths by lead byte (Table 3-7). Leads that are never valid (80..C1, F5..FF) already gave REJECT,
            // which absorbs whatever follows, so the branch they take does not matter.
            if (lead < (byte) 0xE0) {
                s = Utf8StateTable.next(s, bytes[i + 1]);
                if (s != ACCEPT) {
                    return ~firstInvalid(bytes, i);
                }
                i += 2;
            } else if (lead < (byte) 0xF0) {
                s = Utf8StateTable.next(Utf8StateTable.next(s, bytes[i + 1]), bytes[i + 2]);
                if (s != ACCEPT) {
                    return ~firstInvalid(bytes, i);
                }
                i += 3;
            } else {
                s = Utf8StateTable.next(Utf8StateTable.next(Utf8StateTable.next(s,
                        bytes[i + 1]), bytes[i + 2]), bytes[i + 3]);
                if (s != ACCEPT) {
                    return ~firstInvalid(bytes, i);
                }
                i += 4;
            }
        }
        return i;
    }

    /** Same as {@link #scan(byte[], int, int)} for absolute indexes of a buffer of any kind. */
    static int scan(ByteBuffer bytes, int from, int to) {
        int lastStart = to - MAX_SEQUENCE_LENGTH;
        int i = from;
        while (i <= lastStart) {
            byte lead = bytes.get(i);
            if (lead >= 0) {
                i = AsciiScanner.skipAscii(bytes, i + 1, to);
                continue;
            }
            int s = Utf8StateTable.next(ACCEPT, lead);
            if (lead < (byte) 0xE0) {
                s = Utf8StateTable.next(s, bytes.get(i + 1));
                if (s != ACCEPT) {
                    return ~firstInvalid(bytes, i);
                }
                i += 2;
            } else if (lead < (byte) 0xF0) {
                s = Utf8StateTable.next(Utf8StateTable.next(s, bytes.get(i + 1)), bytes.get(i + 2));
                if (s != ACCEPT) {
                    return ~firstInvalid(bytes, i);
                }
                i += 3;
            } else {
                s = Utf8StateTable.next(Utf8StateTable.next(Utf8StateTable.next(s,
                        bytes.get(i + 1)), bytes.get(i + 2)), bytes.get(i + 3));
                if (s != ACCEPT) {
                    return ~firstInvalid(bytes, i);
                }
                i += 4;
            }
        }
        return i;
    }

    /** Re-walks a character known to be ill-formed to find its first invalid byte (at most 4 steps). */
    private static int firstInvalid(byte[] bytes, int start) {
        int s = ACCEPT;
        int i = start;
        while ((s = Utf8StateTable.next(s, bytes[i])) != REJECT) {
            i++;
        }
        return i;
    }

    private static int firstInvalid(ByteBuffer bytes, int start) {
        int s = ACCEPT;
        int i = start;
        while ((s = Utf8StateTable.next(s, bytes.get(i))) != REJECT) {
            i++;
        }
        return i;
    }
}
