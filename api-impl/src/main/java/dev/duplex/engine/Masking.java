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
    /** The top bit of each byte of a long: a byte is ASCII when its top bit is clear. */
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;
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
            return maskArrayFindingAsciiPrefix(buffer.array(), buffer.arrayOffset() + index, length, rotated);
        }
        return maskDirectFindingAsciiPrefix(buffer, index, length, rotated);
    }

    private static void maskArray(byte[] array, int offset, int length, int key) {
        int end = offset + length;
        int i = offset;
        // Byte by byte up to an 8-byte boundary; the key then continues from the byte after.
        int head = alignmentHead(offset, length);
        for (int shift = 24; i < offset + head; i++, shift = (shift - 8) & 31) {
            array[i] ^= (byte) (key >>> shift);
        }
        maskFromKeyStart(array, i, end, Integer.rotateLeft(key, 8 * head));
    }

    /**
     * The fused loop of {@link #maskFindingAsciiPrefix}. Each 64-byte step XORs seven longs in memory and the eighth
     * in a register, then reads the seven back and ORs all eight. That shape is deliberate (measured on JDK 17, see
     * benchmarks/README.md): a memory-destination XOR is one instruction, while keeping every unmasked long in a
     * register for the OR takes a load, an XOR and a store, and that loop ran at 0.45 of the speed of plain masking
     * against 0.6 for this one. The eighth long is kept in a register because it is stored last: the JIT would take
     * a read of it straight from the store anyway. After the first step with a high bit, the plain loop masks the rest.
     */
    private static int maskArrayFindingAsciiPrefix(byte[] array, int offset, int length, int key) {
        int end = offset + length;
        int i = offset;
        int head = alignmentHead(offset, length);
        int headBits = 0;
        for (int shift = 24; i < offset + head; i++, shift = (shift - 8) & 31) {
            byte unmasked = (byte) (array[i] ^ (key >>> shift));
            array[i] = unmasked;
            headBits |= unmasked;
        }
        key = Integer.rotateLeft(key, 8 * head);
        if (headBits < 0) {
            maskFromKeyStart(array, i, end, key);
            return 0;
        }
        long mask = wideMask(key);
        for (; i <= end - 64; i += 64) {
            LONGS.set(array, i, (long) LONGS.get(array, i) ^ mask);
            LONGS.set(array, i + 8, (long) LONGS.get(array, i + 8) ^ mask);
            LONGS.set(array, i + 16, (long) LONGS.get(array, i + 16) ^ mask);
            LONGS.set(array, i + 24, (long) LONGS.get(array, i + 24) ^ mask);
            LONGS.set(array, i + 32, (long) LONGS.get(array, i + 32) ^ mask);
            LONGS.set(array, i + 40, (long) LONGS.get(array, i + 40) ^ mask);
            LONGS.set(array, i + 48, (long) LONGS.get(array, i + 48) ^ mask);
            long last = (long) LONGS.get(array, i + 56) ^ mask;
            LONGS.set(array, i + 56, last);
            long any = last | (long) LONGS.get(array, i) | (long) LONGS.get(array, i + 8)
                    | (long) LONGS.get(array, i + 16) | (long) LONGS.get(array, i + 24)
                    | (long) LONGS.get(array, i + 32) | (long) LONGS.get(array, i + 40)
                    | (long) LONGS.get(array, i + 48);
            if ((any & HIGH_BITS) != 0) {
                maskFromKeyStart(array, i + 64, end, key);
                return i - offset;
            }
        }
        for (; i <= end - 8; i += 8) {
            long word = (long) LONGS.get(array, i) ^ mask;
            LONGS.set(array, i, word);
            if ((word & HIGH_BITS) != 0) {
                maskFromKeyStart(array, i + 8, end, key);
                return i - offset;
            }
        }
        int prefix = length;
        for (int shift = 24; i < end; i++, shift = (shift - 8) & 31) {
            byte unmasked = (byte) (array[i] ^ (key >>> shift));
            array[i] = unmasked;
            if (unmasked < 0) {
                prefix = Math.min(prefix, i - offset);
            }
        }
        return prefix;
    }

    /** How many bytes to mask one by one before the 8-byte steps are aligned in memory (0 for short payloads). */
    private static int alignmentHead(int offset, int length) {
        return length < ALIGN_FROM ? 0 : (8 - ((ARRAY_BASE_ALIGNMENT + offset) & 7)) & 7;
    }

    /** Masks {@code array[from, end)} whose first byte pairs with the key's first (most significant) byte. */
    private static void maskFromKeyStart(byte[] array, int from, int end, int key) {
        long mask = wideMask(key);
        int i = from;
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
        // i - from is a multiple of 8, so the tail starts again at key byte 0.
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

    private static int maskDirectFindingAsciiPrefix(ByteBuffer buffer, int index, int length, int key) {
        ByteBuffer view = buffer.duplicate().order(ByteOrder.nativeOrder());
        long mask = wideMask(key);
        int end = index + length;
        int i = index;
        int prefix = length;
        for (; i <= end - 8; i += 8) {
            long word = view.getLong(i) ^ mask;
            view.putLong(i, word);
            if ((word & HIGH_BITS) != 0) {
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
