package dev.duplex.engine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The masking transform of RFC 6455 section 5.3: each payload byte i is XORed with byte
 * {@code i mod 4} of the 32-bit masking key. Masking and unmasking are the same operation.
 *
 * <p>Heap buffers and arrays go through one {@link ArrayMasker} chosen when this class loads: the Vector API one
 * when the JVM was started with {@code --add-modules jdk.incubator.vector} (about twice as fast where plain Java
 * cannot use SIMD registers for it, as on JDK 17), the plain-Java one otherwise; see {@link ArrayMaskers}. Direct
 * buffers are masked 8 bytes a step through a native-order view.
 * Stateless and thread-safe.
 */
public final class Masking {
    private static final ArrayMasker ARRAYS = ArrayMaskers.select();

    private Masking() {
    }

    /**
     * Tells how heap arrays are masked in this JVM, for example {@code "Vector API, 256-bit vectors"} or
     * {@code "scalar, 8 bytes a step"}: for logs, and for benchmarks that must know which path they measure.
     */
    public static String arrayMasking() {
        return ARRAYS.description();
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
            ARRAYS.mask(buffer.array(), buffer.arrayOffset() + index, length, rotated);
        } else {
            maskDirect(buffer, index, length, rotated);
        }
    }

    /** Masks {@code length} bytes of {@code array} in place from {@code offset}, starting with key byte 0. */
    public static void mask(byte[] array, int offset, int length, int key) {
        ARRAYS.mask(array, offset, length, key);
    }

    /**
     * Masks like {@link #mask(ByteBuffer, int, int, int, int)} and, in the same pass, finds how much of the masked
     * result is ASCII (bytes below {@code 0x80}).
     *
     * <p>Why here: a receiver unmasks a text payload and then validates it as UTF-8 (RFC 6455 section 8.1). Reading
     * the payload a second time to skip its ASCII bytes cost as much as the unmasking itself; noticing them while the
     * bytes go through the XOR anyway costs about 60% of that. The caller decides what ASCII means to it: this class
     * knows nothing about text.
     *
     * @param key the masking key, its first byte in the most significant position (as it is on the wire)
     * @return {@code length} if every masked byte is ASCII; otherwise the length of a prefix of the masked range that
     *         is all ASCII: at most the offset of the first byte that is not, and less than 64 bytes short of it
     */
    public static int maskFindingAsciiPrefix(ByteBuffer buffer, int index, int length, int key, int keyOffset) {
        int rotated = Integer.rotateLeft(key, 8 * (keyOffset & 3));
        if (buffer.hasArray()) {
            return ARRAYS.maskFindingAsciiPrefix(buffer.array(), buffer.arrayOffset() + index, length, rotated);
        }
        return maskDirectFindingAsciiPrefix(buffer, index, length, rotated);
    }

    private static void maskDirect(ByteBuffer buffer, int index, int length, int key) {
        ByteBuffer view = buffer.duplicate().order(ByteOrder.nativeOrder());
        long mask = ScalarArrayMasker.wideMask(key);
        int end = index + length;
        int i = index;
        for (; i <= end - 8; i += 8) {
            view.putLong(i, view.getLong(i) ^ mask);
        }
        for (int shift = 24; i < end; i++, shift = (shift - 8) & 31) {
            view.put(i, (byte) (view.get(i) ^ (key >>> shift)));
        }
    }

    private static int maskDirectFindingAsciiPrefix(ByteBuffer buffer, int index, int length, int key) {
        ByteBuffer view = buffer.duplicate().order(ByteOrder.nativeOrder());
        long mask = ScalarArrayMasker.wideMask(key);
        int end = index + length;
        int i = index;
        int prefix = length;
        for (; i <= end - 8; i += 8) {
            long word = view.getLong(i) ^ mask;
            view.putLong(i, word);
            if ((word & ScalarArrayMasker.HIGH_BITS) != 0) {
                prefix = Math.min(prefix, i - index);
            }
        }
        for (int shift = 24; i < end; i++, shift = (shift - 8) & 31) {
            byte unmasked = (byte) (view.get(i) ^ (key >>> shift));
            view.put(i, unmasked);
            if (unmasked < 0) {
                prefix = Math.min(prefix, i - index);
            }
        }
        return prefix;
    }
}
