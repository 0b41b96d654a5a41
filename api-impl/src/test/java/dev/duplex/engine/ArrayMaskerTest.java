package dev.duplex.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each {@link ArrayMasker} against RFC 6455 section 5.3 byte by byte, at lengths around the vector steps (below the
 * vector threshold, one vector, four vectors, and tails of every length up to a vector and a half), every start
 * offset 0..7, and every position of the first non-ASCII byte. The build runs the tests with
 * {@code --add-modules jdk.incubator.vector}, so both maskers are checked; without the module only the scalar one is.
 */
class ArrayMaskerTest {
    private static final int[] KEYS = {0x37fa213d, 0x80808080, 0x00000000, 0xffffffff};

    static Stream<ArrayMasker> maskers() {
        return Stream.concat(Stream.of(ScalarArrayMasker.INSTANCE), ArrayMaskers.vector().stream());
    }

    /** Lengths around every boundary a masker with vectors of up to 64 bytes has. */
    private static int[] lengths() {
        return new int[] {0, 1, 7, 31, 32, 33, 63, 64, 65, 127, 128, 129, 130, 131, 159, 160, 161, 191, 192, 193,
            255, 256, 257, 300, 383, 384, 385, 511, 512, 513, 1000, 4099};
    }

    private static void referenceMask(byte[] data, int from, int length, int key) {
        for (int i = 0; i < length; i++) {
            data[from + i] ^= (byte) (key >>> (24 - 8 * (i & 3)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("maskers")
    void masksEveryByteAsTheRfcDefinesAtEveryLengthAndOffset(ArrayMasker masker) {
        Random random = new Random(1945);
        for (int key : KEYS) {
            for (int length : lengths()) {
                for (int offset = 0; offset < 8; offset++) {
                    byte[] original = new byte[offset + length + 5];
                    random.nextBytes(original);
                    byte[] expected = original.clone();
                    referenceMask(expected, offset, length, key);
                    byte[] actual = original.clone();
                    masker.mask(actual, offset, length, key);
                    assertArrayEquals(expected, actual, "length " + length + " offset " + offset);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("maskers")
    void findsTheAsciiPrefixForEveryPositionOfTheFirstHighByte(ArrayMasker masker) {
        Random random = new Random(1946);
        for (int length : lengths()) {
            for (int offset = 0; offset < 8; offset += 3) {
                for (int firstHigh = 0; firstHigh <= length; firstHigh++) {
                    int key = KEYS[random.nextInt(KEYS.length)] ^ random.nextInt();
                    byte[] plain = new byte[offset + length + 5];
                    random.nextBytes(plain);
                    for (int i = 0; i < length; i++) {
                        int b = i < firstHigh ? random.nextInt(0x80) : i == firstHigh ? 0x80 | random.nextInt(0x80)
                                : random.nextInt(0x100);
                        plain[offset + i] = (byte) b;
                    }
                    byte[] masked = plain.clone();
                    referenceMask(masked, offset, length, key);

                    int prefix = masker.maskFindingAsciiPrefix(masked, offset, length, key);

                    String where = "length " + length + " offset " + offset + " firstHigh " + firstHigh;
                    assertArrayEquals(plain, masked, where);
                    if (firstHigh == length) {
                        assertEquals(length, prefix, where);
                    } else {
                        assertTrue(prefix <= firstHigh && prefix > firstHigh - 64, "prefix " + prefix + ": " + where);
                    }
                }
            }
        }
    }

    @Test
    void theVectorMaskerFindsTheExactPrefix() {
        Optional<ArrayMasker> vector = ArrayMaskers.vector();
        if (vector.isEmpty()) {
            return; // nothing to check without the module; the build runs with it
        }
        byte[] text = new byte[1000];
        java.util.Arrays.fill(text, (byte) 'a');
        text[777] = (byte) 0xE2;
        referenceMask(text, 0, text.length, 0x01020304);
        assertEquals(777, vector.get().maskFindingAsciiPrefix(text, 0, text.length, 0x01020304));
    }

    @Test
    void theBuildRunsTheVectorMaskerAndMaskingUsesIt() {
        // Surefire starts the JVM with --add-modules jdk.incubator.vector: if the Vector API masker stopped loading,
        // the engine's other tests would silently run on the scalar one only.
        assertTrue(ArrayMaskers.vector().isPresent(),
                "the Vector API masker did not load: run the tests with --add-modules jdk.incubator.vector, as the build does");
        assertTrue(Masking.arrayMasking().startsWith("Vector API"), Masking.arrayMasking());
    }

    @Test
    void thePropertyOrAMissingModuleKeepsTheScalarMasker() {
        assertSame(ScalarArrayMasker.INSTANCE, ArrayMaskers.select(true, "false"));
        assertSame(ScalarArrayMasker.INSTANCE, ArrayMaskers.select(false, "true"));
        assertEquals(ArrayMaskers.vector().isPresent(), ArrayMaskers.select(true, "true") != ScalarArrayMasker.INSTANCE);
    }

    @Test
    void theSelfTestRejectsAMaskerThatGetsBytesWrong() {
        ArrayMasker broken = new ArrayMasker() {
            @Override
            public void mask(byte[] array, int offset, int length, int key) {
                ScalarArrayMasker.INSTANCE.mask(array, offset, length, key);
                if (length > 200) {
                    array[offset + 200] ^= 1;
                }
            }

            @Override
            public int maskFindingAsciiPrefix(byte[] array, int offset, int length, int key) {
                return ScalarArrayMasker.INSTANCE.maskFindingAsciiPrefix(array, offset, length, key);
            }

            @Override
            public String description() {
                return "broken";
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ArrayMaskers.selfTest(broken, ScalarArrayMasker.INSTANCE));
        assertTrue(e.getMessage().contains("broken disagrees"), e.getMessage());
    }
}
