package dev.duplex.engine;

import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.Optional;

/**
 * Chooses, once per JVM, the {@link ArrayMasker} that {@link Masking} uses for heap arrays.
 *
 * <p>The Vector API one is used when the JVM resolved the incubator module {@code jdk.incubator.vector} (started with
 * {@code --add-modules jdk.incubator.vector}), its vectors are at least 128 bits wide, the system property
 * {@value #VECTOR_PROPERTY} is not {@code false}, and it passes a self-test against the scalar masker. Otherwise, and
 * if anything about loading it fails (an incubator API can change between JDK releases), the scalar masker is used
 * and the reason is logged. The choice is logged once, at {@code INFO} for the vector path, {@code DEBUG} otherwise.
 */
final class ArrayMaskers {
    /** Set to {@code false} to keep the scalar masker even when the vector module is present. */
    static final String VECTOR_PROPERTY = "dev.duplex.engine.vectorMasking";
    static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final System.Logger LOG = System.getLogger(Masking.class.getName());
    /** Narrower vectors mean the JVM has no SIMD registers for the API, which then runs as slow plain Java. */
    private static final int MIN_VECTOR_BITS = 128;

    private ArrayMaskers() {
    }

    static ArrayMasker select() {
        boolean modulePresent = ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
        return select(modulePresent, System.getProperty(VECTOR_PROPERTY, "true"));
    }

    /** The choice, from whether the module is present and the value of {@value #VECTOR_PROPERTY}. */
    static ArrayMasker select(boolean modulePresent, String vectorProperty) {
        ArrayMasker scalar = ScalarArrayMasker.INSTANCE;
        if (!Boolean.parseBoolean(vectorProperty)) {
            LOG.log(Level.DEBUG, "Masking: scalar ({0}={1})", VECTOR_PROPERTY, vectorProperty);
            return scalar;
        }
        if (!modulePresent) {
            LOG.log(Level.DEBUG, "Masking: scalar; start the JVM with --add-modules {0} to mask with the Vector API",
                    VECTOR_MODULE);
            return scalar;
        }
        Optional<ArrayMasker> vector = vector();
        vector.ifPresent(masker -> LOG.log(Level.INFO, "Masking: {0}", masker.description()));
        return vector.orElse(scalar);
    }

    /**
     * The Vector API masker, loaded and checked against the scalar one; empty (with the reason logged) if the module
     * is absent or the masker cannot run here.
     */
    static Optional<ArrayMasker> vector() {
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
            return Optional.empty();
        }
        try {
            int bits = VectorArrayMasker.vectorBits();
            if (bits < MIN_VECTOR_BITS) {
                LOG.log(Level.DEBUG, "Masking: scalar; the Vector API has {0}-bit vectors here", bits);
                return Optional.empty();
            }
            ArrayMasker masker = new VectorArrayMasker(ScalarArrayMasker.INSTANCE);
            selfTest(masker, ScalarArrayMasker.INSTANCE);
            return Optional.of(masker);
        } catch (LinkageError | RuntimeException e) {
            LOG.log(Level.WARNING, "Masking: scalar; the Vector API masker failed to load or to check out", e);
            return Optional.empty();
        }
    }

    /**
     * Masks the same bytes with both maskers, at several lengths, alignments and positions of the first non-ASCII
     * byte, and throws unless they agree and the candidate's prefixes are within the contract.
     */
    static void selfTest(ArrayMasker candidate, ArrayMasker reference) {
        int key = 0x9E37_79B9;
        for (int length : new int[] {0, 5, VectorArrayMasker.MIN_LENGTH, 300, 1027}) {
            for (int offset = 0; offset < 4; offset++) {
                for (int firstHigh : new int[] {0, 1, length / 2, length - 1, length}) {
                    if (firstHigh < 0 || firstHigh > length) {
                        continue;
                    }
                    byte[] plain = new byte[offset + length];
                    for (int i = 0; i < length; i++) {
                        plain[offset + i] = (byte) (i < firstHigh ? 0x20 + i % 90 : i == firstHigh ? 0xC3 : i * 31);
                    }
                    byte[] expected = plain.clone();
                    reference.mask(expected, offset, length, key);
                    byte[] actual = expected.clone();
                    int prefix = candidate.maskFindingAsciiPrefix(actual, offset, length, key);
                    boolean prefixOk = firstHigh == length ? prefix == length
                            : prefix <= firstHigh && prefix > firstHigh - 64;
                    byte[] remasked = plain.clone();
                    candidate.mask(remasked, offset, length, key);
                    if (!Arrays.equals(plain, actual) || !Arrays.equals(expected, remasked) || !prefixOk) {
                        throw new IllegalStateException(candidate.description() + " disagrees with "
                                + reference.description() + " at length " + length + ", offset " + offset
                                + ", first non-ASCII byte " + firstHigh + " (prefix " + prefix + ")");
                    }
                }
            }
        }
    }
}
