package dev.duplex.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The masking transform of RFC 6455 section 5.3: each payload byte i is XORed with byte
 * {@code i mod 4} of the 32-bit masking key. Masking and unmasking are the same operation.
 *
 * <p>Works 8 bytes a step on a long built from the key, rotated so that any start offset within
 * the key and any buffer alignment give the same result as the byte-by-byte definition. In heap
 * arrays, the first few bytes of a payload of 256 bytes or more go one by one up to an 8-byte
 * boundary in memory, so that the longs are aligned: a payload sits right after its frame header
 * (8 or 14 bytes into the buffer, 6 for short ones), and misaligned longs, some straddling cache
 * lines, made unmasking about a quarter slower.
 * Stateless and thread-safe.
 */
public final class Masking {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    /** Where element 0 of a byte array sits relative to an 8-byte boundary (0 on the usual 64-bit JVMs). */
    private static final int ARRAY_BASE_ALIGNMENT = arrayBaseAlignment();
    /**
     * Shorter payloads are not aligned: for them the extra byte steps cost more than the misaligned longs
     * (125 bytes masked about 10% slower when aligned). At least 8, so that the head never passes the end.
     */
    private static final int ALIGN_FROM = 256;

    private Masking() {
    }

    /**
     * Masks {@code length} bytes of {@code buffer} in place, starting at absolute {@code index},
     * whose first byte pairs with key byte {@code keyOffset mod 4}. The buffer's position and limit are unchanged.
     *
     * @param key the masking key, its first byte in the most significant position (as it is on the wire)
     */
    public static void mask(ByteBuffer buffer, int index, int length, int key, int keyOffset) {
        int rotated = Integer.rotateLeft(key, 8 * (keyOffset & 3));
        if (buffer.hasArray()) {
            maskArray(buffer.array(), buffer.arrayOffset() + index, length, rotated);
        } else {
            maskDirect(buffer, index, length, rotated);
        }
    }

    /** Masks {@code length} bytes of {@code array} in place from {@code offset}, starting with key byte 0. */
    public static void mask(byte[] array, int offset, int length, int key) {
        maskArray(array, offset, length, key);
    }

    private static void maskArray(byte[] array, int offset, int length, int key) {
        int end = offset + length;
        int i = offset;
        // Byte by byte up to an 8-byte boundary; the key then continues from the byte after.
        int head = length < ALIGN_FROM ? 0 : (8 - ((ARRAY_BASE_ALIGNMENT + offset) & 7)) & 7;
        for (int shift = 24; i < offset + head; i++, shift = (shift - 8) & 31) {
            array[i] ^= (byte) (key >>> shift);
        }
        key = Integer.rotateLeft(key, 8 * head);
        long mask = wideMask(key);
        // Four longs a step: independent XORs the JIT can keep in flight together.
        for (; i <= end - 32; i += 32) {
            LONGS.set(array, i, (long) LONGS.get(array, i) ^ mask);
            LONGS.set(array, i + 8, (long) LONGS.get(array, i + 8) ^ mask);
            LONGS.set(array, i + 16, (long) LONGS.get(array, i + 16) ^ mask);
            LONGS.set(array, i + 24, (long) LONGS.get(array, i + 24) ^ mask);
        }
        for (; i <= end - 8; i += 8) {
            LONGS.set(array, i, (long) LONGS.get(array, i) ^ mask);
        }
        // i - offset - head is a multiple of 8, so the tail starts again at (rotated) key byte 0.
        for (int shift = 24; i < end; i++, shift = (shift - 8) & 31) {
            array[i] ^= (byte) (key >>> shift);
        }
    }

    private static void maskDirect(ByteBuffer buffer, int index, int length, int key) {
        ByteBuffer view = buffer.duplicate().order(ByteOrder.nativeOrder());
        long mask = wideMask(key);
        int end = index + length;
        int i = index;
        for (; i <= end - 8; i += 8) {
            view.putLong(i, view.getLong(i) ^ mask);
        }
        for (int shift = 24; i < end; i++, shift = (shift - 8) & 31) {
            view.put(i, (byte) (view.get(i) ^ (key >>> shift)));
        }
    }

    /** The key repeated over 8 bytes, laid out so that a native-order long read of memory lines up with it. */
    private static long wideMask(int key) {
        int inMemoryOrder = LITTLE_ENDIAN ? Integer.reverseBytes(key) : key;
        return ((long) inMemoryOrder << 32) | (inMemoryOrder & 0xFFFFFFFFL);
    }

    private static int arrayBaseAlignment() {
        try {
            return ByteBuffer.wrap(new byte[8]).alignmentOffset(0, 8);
        } catch (UnsupportedOperationException e) {
            return 0; // only a guess then: alignment changes speed, never results
        }
    }
}
