package dev.duplex.engine;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Masking of heap arrays with the Vector API ({@code jdk.incubator.vector}): one XOR with the key repeated across a
 * whole SIMD register (32 bytes with AVX2), and the ASCII test as one signed compare of the unmasked bytes with 0.
 *
 * <p>Why: on JDK 17, C2 does not vectorize {@link ScalarArrayMasker}'s loop, so unmasking moves 8 bytes an
 * instruction while {@code System.arraycopy} moves 32; measured on AVX2, plain masking ran at 0.6 of
 * {@code arraycopy} and this one at about its speed (benchmarks/README.md). The module is an incubator that the JVM
 * only resolves when asked ({@code --add-modules jdk.incubator.vector}), so this class is loaded only then, by
 * {@link ArrayMaskers}, and uses only methods present in every version of the module from JDK 17 on.
 *
 * <p>Payloads shorter than {@link #MIN_LENGTH}, and the last bytes of longer ones, go to the scalar masker. Stateless
 * and thread-safe.
 */
final class VectorArrayMasker implements ArrayMasker {
    private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_PREFERRED;
    /** Ints of the same shape, to repeat the 4-byte key across a vector with one broadcast. */
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
    private static final int STEP = BYTES.length();
    /**
     * Whether reinterpreting int lanes as bytes puts an int's least significant byte first, as storing it to memory
     * on a little-endian machine would; decides how the key is laid into the int lanes.
     */
    private static final boolean LOW_BYTE_FIRST =
            IntVector.broadcast(INTS, 0x0403_0201).reinterpretAsBytes().lane(0) == 1;
    /** Below this, the vector setup costs more than it saves; short frames keep the scalar path. */
    static final int MIN_LENGTH = 128;

    private final ArrayMasker scalar;

    VectorArrayMasker(ArrayMasker scalar) {
        this.scalar = scalar;
    }

    /** The vector width in bits, to decide whether the JVM has SIMD registers for the API to use at all. */
    static int vectorBits() {
        return BYTES.vectorBitSize();
    }

    @Override
    public void mask(byte[] array, int offset, int length, int key) {
        if (length < MIN_LENGTH) {
            scalar.mask(array, offset, length, key);
            return;
        }
        ByteVector mask = keyVector(key);
        int end = offset + length;
        int i = offset;
        // Four vectors a step, as in the fused loop: C2 on JDK 17 does not unroll the one-vector loop by itself.
        for (; i <= end - 4 * STEP; i += 4 * STEP) {
            ByteVector.fromArray(BYTES, array, i).lanewise(VectorOperators.XOR, mask).intoArray(array, i);
            ByteVector.fromArray(BYTES, array, i + STEP).lanewise(VectorOperators.XOR, mask).intoArray(array, i + STEP);
            ByteVector.fromArray(BYTES, array, i + 2 * STEP).lanewise(VectorOperators.XOR, mask)
                    .intoArray(array, i + 2 * STEP);
            ByteVector.fromArray(BYTES, array, i + 3 * STEP).lanewise(VectorOperators.XOR, mask)
                    .intoArray(array, i + 3 * STEP);
        }
        for (; i <= end - STEP; i += STEP) {
            ByteVector.fromArray(BYTES, array, i).lanewise(VectorOperators.XOR, mask).intoArray(array, i);
        }
        // i - offset is a multiple of the vector length, itself a multiple of 4: the tail starts at key byte 0 again.
        scalar.mask(array, i, end - i, key);
    }

    /**
     * Four vectors a step, tested together: one branch per step keeps the loop as fast as plain masking. After the
     * first step with a byte of {@code 0x80} or more, the rest is masked without testing. The prefix returned is
     * exact: the offset of the first such byte.
     */
    @Override
    public int maskFindingAsciiPrefix(byte[] array, int offset, int length, int key) {
        if (length < MIN_LENGTH) {
            return scalar.maskFindingAsciiPrefix(array, offset, length, key);
        }
        ByteVector mask = keyVector(key);
        int end = offset + length;
        int i = offset;
        for (; i <= end - 4 * STEP; i += 4 * STEP) {
            ByteVector v0 = ByteVector.fromArray(BYTES, array, i).lanewise(VectorOperators.XOR, mask);
            ByteVector v1 = ByteVector.fromArray(BYTES, array, i + STEP).lanewise(VectorOperators.XOR, mask);
            ByteVector v2 = ByteVector.fromArray(BYTES, array, i + 2 * STEP).lanewise(VectorOperators.XOR, mask);
            ByteVector v3 = ByteVector.fromArray(BYTES, array, i + 3 * STEP).lanewise(VectorOperators.XOR, mask);
            v0.intoArray(array, i);
            v1.intoArray(array, i + STEP);
            v2.intoArray(array, i + 2 * STEP);
            v3.intoArray(array, i + 3 * STEP);
            if (v0.or(v1).or(v2.or(v3)).compare(VectorOperators.LT, (byte) 0).anyTrue()) {
                int firstHigh = i - offset + firstHigh(v0, v1, v2, v3);
                int rest = i + 4 * STEP;
                mask(array, rest, end - rest, key);
                return firstHigh;
            }
        }
        for (; i <= end - STEP; i += STEP) {
            ByteVector v = ByteVector.fromArray(BYTES, array, i).lanewise(VectorOperators.XOR, mask);
            v.intoArray(array, i);
            int lane = v.compare(VectorOperators.LT, (byte) 0).firstTrue();
            if (lane < STEP) {
                int rest = i + STEP;
                scalar.mask(array, rest, end - rest, key);
                return i - offset + lane;
            }
        }
        return i - offset + scalar.maskFindingAsciiPrefix(array, i, end - i, key);
    }

    /** The index, within the four vectors taken as one run of bytes, of the first byte with its top bit set. */
    private static int firstHigh(ByteVector v0, ByteVector v1, ByteVector v2, ByteVector v3) {
        int lane = v0.compare(VectorOperators.LT, (byte) 0).firstTrue();
        if (lane < STEP) {
            return lane;
        }
        lane = v1.compare(VectorOperators.LT, (byte) 0).firstTrue();
        if (lane < STEP) {
            return STEP + lane;
        }
        lane = v2.compare(VectorOperators.LT, (byte) 0).firstTrue();
        if (lane < STEP) {
            return 2 * STEP + lane;
        }
        return 3 * STEP + v3.compare(VectorOperators.LT, (byte) 0).firstTrue();
    }

    /** The key repeated over a vector, its most significant byte in lane 0 as on the wire. */
    private static ByteVector keyVector(int key) {
        return IntVector.broadcast(INTS, LOW_BYTE_FIRST ? Integer.reverseBytes(key) : key).reinterpretAsBytes();
    }

    @Override
    public String description() {
        return "Vector API, " + BYTES.vectorBitSize() + "-bit vectors";
    }
}
