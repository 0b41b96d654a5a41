package dev.duplex.engine;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Strict, incremental UTF-8 validation of the payload of one WebSocket text message (RFC 6455 §5.6: text payload is
 * UTF-8; §8.1: an endpoint that receives invalid UTF-8 must fail the connection, close code 1007).
 *
 * <p>Well-formed means exactly the byte sequences of Unicode Table 3-7 / RFC 3629 §4: overlong forms, surrogates
 * (U+D800..U+DFFF), code points above U+10FFFF, the bytes {@code C0}, {@code C1}, {@code F5..FF}, continuation bytes
 * without a lead byte and lead bytes followed by too few continuation bytes are all rejected.
 *
 * <p>The message may be offered in any number of pieces, split anywhere, including inside a multi-byte sequence; the
 * validator carries the partial sequence over to the next call. Validation fails at the <em>first</em> byte that
 * cannot continue any well-formed sequence (for example the {@code A0} of {@code ED A0}), not at the end of the
 * message. A sequence that is merely unfinished is not a failure until the message ends; the caller asks
 * {@link #isComplete()} at that point (§8.1 applies to the whole message).
 *
 * <p>How: whole well-formed characters are skipped in bulk ({@link Utf8BulkScanner}: ASCII eight bytes per load and 64
 * per branch, other characters from one 4-byte load each); everything else (characters split between pieces, the last
 * few bytes of a piece, and any ill-formed input) goes byte by byte through the automaton of {@link Utf8StateTable},
 * which alone decides where validation fails. Heap buffers are scanned in their backing array; other buffers through
 * small copies.
 *
 * <p>Thread-safety: not thread-safe. Use one instance per inbound message stream, confined to one thread at a time
 * (or guarded by the caller).
 */
public final class Utf8Validator {

    /**
     * Buffers without an accessible array (direct, read-only) are validated through copies of this many bytes: the copy
     * is a memory-speed bulk transfer into a chunk that stays in L1, and the array scan is the fastest path. (Reading
     * such buffers in place measured slower: absolute {@code getLong} has per-call checks, and a view VarHandle shared
     * by heap and direct buffers compiles to slow mixed on/off-heap accesses.)
     */
    private static final int COPY_CHUNK_SIZE = 4096;
    /** Per thread, not per validator, so that idle connections hold no scratch memory; used only during one call. */
    private static final ThreadLocal<byte[]> COPY_CHUNK = ThreadLocal.withInitial(() -> new byte[COPY_CHUNK_SIZE]);

    private int state = Utf8StateTable.ACCEPT;

    /** Creates a validator positioned at the start of a message. */
    public Utf8Validator() {
    }

    /**
     * Validates {@code buf}'s bytes from its position to its limit, without changing position, limit or mark. Works for
     * heap, direct and read-only buffers of either byte order.
     *
     * @param buf the next piece of the message
     * @return {@code -1} if every byte offered so far is valid (the message may still be inside a multi-byte sequence;
     *         see {@link #isComplete()}), otherwise the absolute index in {@code buf} of the first invalid byte. Once
     *         failed, the validator stays failed until {@link #reset()} and every later call returns the index of the
     *         first byte it was offered ({@code buf.position()}, which equals the limit if the piece is empty).
     */
    public int validate(ByteBuffer buf) {
        return validateFrom(buf, buf.position());
    }

    /**
     * Validates like {@link #validate(ByteBuffer)} a piece whose first {@code asciiPrefix} bytes are known to be ASCII
     * (below {@code 0x80}), for example because they were just unmasked ({@link Frame#asciiPrefix()}). Between
     * characters those bytes are skipped unread: ASCII bytes are well-formed and leave the validator between characters,
     * so the result, including the index of the first invalid byte, is the one {@link #validate(ByteBuffer)} gives.
     * Inside a character, or after a failure, the piece is validated whole.
     *
     * @param buf         the next piece of the message
     * @param asciiPrefix how many bytes from {@code buf}'s position are ASCII; the caller vouches for them
     * @return as {@link #validate(ByteBuffer)}
     * @throws IllegalArgumentException if {@code asciiPrefix} is negative or more than {@code buf.remaining()}
     */
    public int validate(ByteBuffer buf, int asciiPrefix) {
        if (asciiPrefix < 0 || asciiPrefix > buf.remaining()) {
            throw new IllegalArgumentException("asciiPrefix must be 0-" + buf.remaining() + ": " + asciiPrefix);
        }
        // Inside a character an ASCII byte is invalid, and after a failure every byte is: no skipping then.
        int skip = state == Utf8StateTable.ACCEPT ? asciiPrefix : 0;
        return validateFrom(buf, buf.position() + skip);
    }

    /** Validates {@code buf}'s bytes from absolute index {@code from} to its limit. */
    private int validateFrom(ByteBuffer buf, int from) {
        int to = buf.limit();
        if (buf.hasArray()) {
            int base = buf.arrayOffset();
            int failedAt = validate(buf.array(), base + from, to - from);
            return failedAt < 0 ? -1 : failedAt - base;
        }
        if (state == Utf8StateTable.REJECT) {
            return from;
        }
        byte[] chunk = COPY_CHUNK.get();
        for (int start = from; start < to; start += chunk.length) {
            int length = Math.min(chunk.length, to - start);
            buf.get(start, chunk, 0, length);
            int failedAt = validate(chunk, 0, length);
            if (failedAt >= 0) {
                return start + failedAt;
            }
        }
        return -1;
    }

    /**
     * Validates {@code array[offset, offset + length)}; the same contract as {@link #validate(ByteBuffer)}.
     *
     * @param array  the bytes
     * @param offset index of the first byte of the piece
     * @param length number of bytes in the piece
     * @return {@code -1} if every byte offered so far is valid, otherwise the absolute index in {@code array} of the
     *         first invalid byte ({@code offset} if the validator had already failed)
     * @throws IndexOutOfBoundsException if the range is not inside the array
     */
    public int validate(byte[] array, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, array.length);
        int s = state;
        if (s == Utf8StateTable.REJECT) {
            return offset;
        }
        int to = offset + length;
        int i = offset;
        while (true) {
            if (s == Utf8StateTable.ACCEPT) {
                i = Utf8BulkScanner.scan(array, i, to);
            }
            if (i == to) {
                break;
            }
            s = Utf8StateTable.next(s, array[i]);
            if (s == Utf8StateTable.REJECT) {
                return fail(i);
            }
            i++;
        }
        state = s;
        return -1;
    }

    /**
     * Tells whether the bytes so far form a complete, well-formed UTF-8 text: nothing failed and the last byte ended a
     * character, so the message may end here (RFC 6455 §8.1).
     */
    public boolean isComplete() {
        return state == Utf8StateTable.ACCEPT;
    }

    /** Returns to the initial state, ready for the next message; also clears a failure. */
    public void reset() {
        state = Utf8StateTable.ACCEPT;
    }

    private int fail(int index) {
        state = Utf8StateTable.REJECT;
        return index;
    }
}
