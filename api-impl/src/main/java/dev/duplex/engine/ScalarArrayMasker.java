package dev.duplex.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Masking of heap arrays in plain Java, 8 bytes a step: a long built from the key, rotated so that any start offset
 * gives the same result as the byte-by-byte definition. The first few bytes of a payload of 256 bytes or more go one
 * by one up to an 8-byte boundary in memory, so that the longs are aligned: a payload sits right after its frame
 * header (8 or 14 bytes into the buffer, 6 for short ones), and misaligned longs, some straddling cache lines, made
 * unmasking about a quarter slower. Used on every JVM, and by {@link VectorArrayMasker} for what is shorter than its
 * vectors. Stateless and thread-safe.
 */
final class ScalarArrayMasker implements ArrayMasker {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    /** The top bit of each byte of a long: a byte is ASCII when its top bit is clear. */
    static final long HIGH_BITS = 0x8080_8080_8080_8080L;
    /** Where element 0 of a byte array sits relative to an 8-byte boundary (0 on the usual 64-bit JVMs). */
    private static final int ARRAY_BASE_ALIGNMENT = arrayBaseAlignment();
    /**
     * Shorter payloads are not aligned: for them the extra byte steps cost more than the misaligned longs
     * (125 bytes masked about 10% slower when aligned). At least 8, so that the head never passes the end.
     */
    private static final int ALIGN_FROM = 256;

    static final ScalarArrayMasker INSTANCE = new ScalarArrayMasker();

    private ScalarArrayMasker() {
    }

    @Override
    public void mask(byte[] array, int offset, int length, int key) {
        maskArray(array, offset, length, key);
    }

    @Override
    public int maskFindingAsciiPrefix(byte[] array, int offset, int length, int key) {
        return maskArrayFindingAsciiPrefix(array, offset, length, key);
    }

    @Override
    public String description() {
        return "scalar, 8 bytes a step";
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
    static void maskFromKeyStart(byte[] array, int from, int end, int key) {
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

    /** The key repeated over 8 bytes, laid out so that a native-order long read of memory lines up with it. */
    static long wideMask(int key) {
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
