package dev.duplex.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Agreement of {@link Utf8Validator}, on both its byte-by-byte and its bulk path, with the JDK's strict UTF-8 decoder
 * (valid vs. invalid) and with {@link Utf8ReferenceScanner} (exact first failing index and completeness) over every 1-,
 * 2- and 3-byte sequence, every 4-byte sequence with lead byte F0..FF and three continuation bytes, and a random sample
 * of other 4-byte sequences.
 */
class Utf8ValidatorExhaustiveTest {

    private final Utf8Validator validator = new Utf8Validator();
    private final Utf8ReferenceScanner reference = new Utf8ReferenceScanner();
    /** Index n: room for an n-byte sequence followed by {@link #PADDING} ASCII bytes. */
    private final byte[][] paddedBySequenceLength = new byte[5][];

    private static final int PADDING = Utf8BulkScanner.MAX_SEQUENCE_LENGTH;

    Utf8ValidatorExhaustiveTest() {
        for (int n = 1; n < paddedBySequenceLength.length; n++) {
            paddedBySequenceLength[n] = new byte[n + PADDING];
            Arrays.fill(paddedBySequenceLength[n], n, n + PADDING, (byte) 'A');
        }
    }

    @Test
    void agreesWithTheJdkDecoderOnEveryOneByteSequence() {
        byte[] sequence = new byte[1];
        for (int b = 0; b <= 0xFF; b++) {
            sequence[0] = (byte) b;
            check(sequence, "");
        }
    }

    @Test
    void agreesWithTheJdkDecoderOnEveryTwoByteSequence() {
        byte[] sequence = new byte[2];
        for (int bits = 0; bits <= 0xFFFF; bits++) {
            sequence[0] = (byte) (bits >>> 8);
            sequence[1] = (byte) bits;
            check(sequence, "");
        }
    }

    @Test
    void agreesWithTheJdkDecoderOnEveryThreeByteSequence() {
        byte[] sequence = new byte[3];
        for (int bits = 0; bits <= 0xFF_FFFF; bits++) {
            sequence[0] = (byte) (bits >>> 16);
            sequence[1] = (byte) (bits >>> 8);
            sequence[2] = (byte) bits;
            check(sequence, "");
        }
    }

    @Test
    void agreesWithTheJdkDecoderOnEveryFourByteSequenceLedByF0ToFFThenThreeContinuationBytes() {
        // Every well-formed 4-byte sequence lies in this space, next to its overlong and out-of-range neighbours.
        byte[] sequence = new byte[4];
        for (int lead = 0xF0; lead <= 0xFF; lead++) {
            for (int tail = 0; tail < 1 << 18; tail++) {
                sequence[0] = (byte) lead;
                sequence[1] = (byte) (0x80 | (tail >>> 12));
                sequence[2] = (byte) (0x80 | ((tail >>> 6) & 0x3F));
                sequence[3] = (byte) (0x80 | (tail & 0x3F));
                check(sequence, "");
            }
        }
    }

    @Test
    void agreesWithTheJdkDecoderOnRandomFourByteSequences() {
        long seed = TestSeeds.seed();
        SplittableRandom random = new SplittableRandom(seed);
        byte[] sequence = new byte[4];
        for (int n = 0; n < 2_000_000; n++) {
            // Bias towards lead bytes and continuation bytes, where the interesting boundaries are.
            sequence[0] = (byte) (random.nextBoolean() ? 0xC0 | random.nextInt(0x40) : random.nextInt(0x100));
            for (int i = 1; i < 4; i++) {
                sequence[i] = (byte) (random.nextInt(4) != 0 ? 0x80 | random.nextInt(0x40) : random.nextInt(0x100));
            }
            check(sequence, " (seed " + seed + ")");
        }
    }

    /**
     * Checks the sequence alone (it ends within the last few bytes, so the validator walks it byte by byte) and
     * followed by ASCII padding (so the validator's bulk path meets it as a whole character). Padding cannot repair an
     * invalid or truncated sequence nor break a valid one, so the JDK's verdict on the bare sequence holds for both.
     */
    private void check(byte[] sequence, String seedNote) {
        boolean jdkValid = reference.strictlyDecodes(sequence, 0, sequence.length);
        checkAgainstOracles(sequence, jdkValid, seedNote);

        byte[] padded = paddedBySequenceLength[sequence.length];
        System.arraycopy(sequence, 0, padded, 0, sequence.length);
        checkAgainstOracles(padded, jdkValid, seedNote);
    }

    private void checkAgainstOracles(byte[] input, boolean jdkValid, String seedNote) {
        validator.reset();
        int failingIndex = validator.validate(input, 0, input.length);
        boolean complete = validator.isComplete();
        Utf8ReferenceScanner.Outcome expected = reference.scan(input, 0, input.length);
        if (failingIndex != expected.failingIndex() || complete != expected.complete()
                || (failingIndex < 0 && complete) != jdkValid) {
            fail(Hex.of(input, 0, input.length) + seedNote + ": validator says failingIndex=" + failingIndex
                    + " complete=" + complete + "; JDK decoder says valid=" + jdkValid
                    + "; reference says " + expected);
        }
        assertEquals(jdkValid, expected.failingIndex() < 0 && expected.complete(), "oracles disagree");
    }
}
