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
 * the key and any buffer alignment give the same result as the byte-by-byte definition.
 * Stateless and thread-safe.
 */
public final class Masking {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

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
        long mask = wideMask(key);
        int end = offset + length;
        int i = offset;
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
        // i - offset is a multiple of 8, so the tail starts again at key byte 0.
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
}
