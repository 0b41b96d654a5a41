package dev.duplex.engine;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Rules of {@link Utf8Validator} on hand-picked inputs; Unicode Table 3-7, RFC 3629 §4, RFC 6455 §8.1. */
class Utf8ValidatorTest {

    /** Invalid inputs: description, bytes, index of the first byte that makes the input impossible. */
    static Stream<Arguments> invalidInputs() {
        return Stream.of(
                Arguments.of("lone continuation byte", "80", 0),
                Arguments.of("continuation byte after ASCII", "41 BF", 1),
                Arguments.of("continuation byte after a complete 2-byte sequence", "C2 80 80", 2),
                Arguments.of("continuation byte after a complete 4-byte sequence", "F0 9F 98 80 80", 4),
                Arguments.of("C0 is never valid (overlong 2-byte)", "C0 80", 0),
                Arguments.of("C1 is never valid (overlong 2-byte)", "C1 BF", 0),
                Arguments.of("overlong 3-byte encoding of U+0000", "E0 80 80", 1),
                Arguments.of("overlong 3-byte encoding of U+07FF", "E0 9F BF", 1),
                Arguments.of("overlong 4-byte encoding of U+0000", "F0 80 80 80", 1),
                Arguments.of("overlong 4-byte encoding of U+FFFF", "F0 8F BF BF", 1),
                Arguments.of("surrogate U+D800", "ED A0 80", 1),
                Arguments.of("surrogate U+DFFF", "ED BF BF", 1),
                Arguments.of("CESU-8 surrogate pair", "ED A0 BD ED B8 80", 1),
                Arguments.of("code point U+110000", "F4 90 80 80", 1),
                Arguments.of("code point U+13FFFF", "F4 BF BF BF", 1),
                Arguments.of("F5 is never valid", "F5 80 80 80", 0),
                Arguments.of("F7 is never valid", "F7 BF BF BF", 0),
                Arguments.of("F8 (old 5-byte lead) is never valid", "F8 88 80 80 80", 0),
                Arguments.of("FC (old 6-byte lead) is never valid", "FC 84 80 80 80 80", 0),
                Arguments.of("FE is never valid", "FE", 0),
                Arguments.of("FF is never valid", "FF", 0),
                Arguments.of("ASCII where the 2nd byte of a 2-byte sequence belongs", "C2 41", 1),
                Arguments.of("lead byte where a continuation belongs", "C2 C2 80", 1),
                Arguments.of("ASCII where the 3rd byte of a 3-byte sequence belongs", "E1 80 41", 2),
                Arguments.of("ASCII where the 4th byte of a 4-byte sequence belongs", "F1 80 80 41", 3),
                Arguments.of("second byte out of range after F0", "F0 C0 80 80", 1),
                Arguments.of("invalid byte after valid mixed text", "48 C3 A9 E2 82 AC F0 9F 98 80 ED A0 80", 11),
                Arguments.of("invalid byte after 40 ASCII bytes",
                        "41 41 41 41 41 41 41 41 41 41 41 41 41 41 41 41 41 41 41 41 "
                                + "41 41 41 41 41 41 41 41 41 41 41 41 41 41 41 41 41 41 41 41 FF 41", 40));
    }

    /** Valid inputs that end mid-sequence. */
    static Stream<String> truncatedInputs() {
        return Stream.of("C2", "DF", "E0", "E0 A0", "E1 80", "ED 9F", "EF BF", "F0", "F0 90", "F0 90 80",
                "F3 BF BF", "F4 8F BF", "48 65 6C 6C 6F E2 82");
    }

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(ints = {0x0000, 0x007F, 0x0080, 0x07FF, 0x0800, 0x0FFF, 0x1000, 0xCFFF, 0xD000, 0xD7FF, 0xE000,
            0xFFFD, 0xFFFF, 0x10000, 0x3FFFF, 0x40000, 0xFFFFF, 0x100000, 0x10FFFF})
    void acceptsBoundaryCodePoints(int codePoint) {
        byte[] encoded = Character.toString(codePoint).getBytes(UTF_8);
        Utf8Validator validator = new Utf8Validator();

        assertEquals(-1, validator.validate(encoded, 0, encoded.length));
        assertTrue(validator.isComplete());
    }

    @Test
    void acceptsTextMixingOneToFourByteSequences() {
        byte[] text = "Hello, Ελλάδα! Привет, 世界 😀 — ok".getBytes(UTF_8);
        Utf8Validator validator = new Utf8Validator();

        assertEquals(-1, validator.validate(ByteBuffer.wrap(text)));
        assertTrue(validator.isComplete());
    }

    @Test
    void acceptsTheEmptyMessage() {
        Utf8Validator validator = new Utf8Validator();

        assertEquals(-1, validator.validate(new byte[0], 0, 0));
        assertEquals(-1, validator.validate(ByteBuffer.allocate(0)));
        assertTrue(validator.isComplete());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("invalidInputs")
    void rejectsAtTheFirstImpossibleByte(String rule, String hex, int failingIndex) {
        byte[] input = Hex.bytes(hex);
        Utf8Validator validator = new Utf8Validator();

        assertEquals(failingIndex, validator.validate(input, 0, input.length), rule);
        assertFalse(validator.isComplete(), rule);
    }

    @Test
    void rejectsOverlongTwoByteEncoding() {
        assertEquals(0, new Utf8Validator().validate(Hex.bytes("C1 81"), 0, 2));
    }

    @Test
    void rejectsSurrogateAtItsSecondByteWithoutWaitingForTheThird() {
        Utf8Validator validator = new Utf8Validator();

        assertEquals(-1, validator.validate(Hex.bytes("ED"), 0, 1));
        assertEquals(0, validator.validate(Hex.bytes("A0"), 0, 1));
    }

    @Test
    void rejectsCodePointAboveU10FFFFAtItsSecondByte() {
        assertEquals(1, new Utf8Validator().validate(Hex.bytes("F4 90"), 0, 2));
    }

    @Test
    void rejectsOverlongThreeByteEncodingAtItsSecondByte() {
        assertEquals(1, new Utf8Validator().validate(Hex.bytes("E0 80"), 0, 2));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("invalidInputs")
    void reportsTheSameFailureWhenSplitIntoTwoPiecesAnywhere(String rule, String hex, int failingIndex) {
        byte[] input = Hex.bytes(hex);
        for (int split = 0; split <= input.length; split++) {
            Utf8Validator validator = new Utf8Validator();
            Piece first = Piece.of(input, 0, split, 3);
            Piece second = Piece.of(input, split, input.length, 5);
            String context = rule + ", split at " + split;

            int firstResult = validator.validate(first.array, first.offset, first.length);
            if (failingIndex < split) {
                assertEquals(first.toArrayIndex(failingIndex), firstResult, context);
                assertEquals(second.offset, validator.validate(second.array, second.offset, second.length),
                        context + ": stays failed");
            } else {
                assertEquals(-1, firstResult, context);
                assertEquals(second.toArrayIndex(failingIndex),
                        validator.validate(second.array, second.offset, second.length), context);
            }
            assertFalse(validator.isComplete(), context);
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("invalidInputs")
    void reportsTheSameFailureWhenFedOneByteAtATime(String rule, String hex, int failingIndex) {
        byte[] input = Hex.bytes(hex);
        Utf8Validator validator = new Utf8Validator();
        for (int i = 0; i < input.length; i++) {
            ByteBuffer single = ByteBuffer.allocateDirect(4);
            single.position(2);
            single.put(input[i]).position(2).limit(3);

            int expected = i < failingIndex ? -1 : 2;
            assertEquals(expected, validator.validate(single), rule + ", byte " + i);
        }
        assertFalse(validator.isComplete(), rule);
    }

    @ParameterizedTest
    @MethodSource("truncatedInputs")
    void isIncompleteAfterATruncatedSequence(String hex) {
        byte[] input = Hex.bytes(hex);
        Utf8Validator validator = new Utf8Validator();

        assertEquals(-1, validator.validate(input, 0, input.length));
        assertFalse(validator.isComplete());
    }

    @Test
    void acceptsEveryMultiByteSequenceSplitAnywhereAndOneByteAtATime() {
        byte[] input = "aé€😀bÿ𐍈z".getBytes(UTF_8);
        for (int split = 0; split <= input.length; split++) {
            Utf8Validator validator = new Utf8Validator();
            assertEquals(-1, validator.validate(input, 0, split), "split at " + split);
            assertEquals(-1, validator.validate(input, split, input.length - split), "split at " + split);
            assertTrue(validator.isComplete(), "split at " + split);
        }
        Utf8Validator validator = new Utf8Validator();
        for (int i = 0; i < input.length; i++) {
            assertEquals(-1, validator.validate(input, i, 1), "byte " + i);
        }
        assertTrue(validator.isComplete());
    }

    @Test
    void staysFailedUntilReset() {
        Utf8Validator validator = new Utf8Validator();
        validator.validate(Hex.bytes("FF"), 0, 1);

        assertEquals(4, validator.validate(Hex.bytes("41 41 41 41 41 41"), 4, 2));
        assertEquals(0, validator.validate(new byte[0], 0, 0));
        ByteBuffer direct = ByteBuffer.allocateDirect(8).position(3);
        assertEquals(3, validator.validate(direct));
        assertFalse(validator.isComplete());

        validator.reset();

        assertEquals(-1, validator.validate(Hex.bytes("41"), 0, 1));
        assertTrue(validator.isComplete());
    }

    @Test
    void resetDiscardsAPartialSequence() {
        Utf8Validator validator = new Utf8Validator();
        validator.validate(Hex.bytes("E2 82"), 0, 2);

        validator.reset();

        assertTrue(validator.isComplete());
        assertEquals(0, validator.validate(Hex.bytes("AC"), 0, 1), "AC no longer continues anything");
    }

    @Test
    void leavesPositionLimitAndMarkUntouched() {
        ByteBuffer buffer = ByteBuffer.wrap("xxhello\u00e9yy".getBytes(UTF_8));
        buffer.position(2).mark();
        buffer.position(2).limit(buffer.capacity() - 2);

        assertEquals(-1, new Utf8Validator().validate(buffer));
        assertEquals(2, buffer.position());
        assertEquals(buffer.capacity() - 2, buffer.limit());
        buffer.position(5).reset();
        assertEquals(2, buffer.position());
    }

    @Test
    void reportsBufferIndexesNotArrayIndexesForSlicedHeapBuffers() {
        byte[] backing = Hex.bytes("FF FF FF 41 42 43 C0 44");
        ByteBuffer slice = ByteBuffer.wrap(backing, 3, 5).slice(); // arrayOffset 3
        slice.position(1);

        assertEquals(3, slice.arrayOffset());
        assertEquals(3, new Utf8Validator().validate(slice));
    }

    @Test
    void validatesReadOnlyHeapBuffers() {
        byte[] bytes = "0123456789abcdefghijklmnopqrstuvwxyz\u00e9".getBytes(UTF_8);
        bytes[bytes.length - 1] = (byte) 0x41; // é's continuation byte replaced: fails there
        ByteBuffer readOnly = ByteBuffer.wrap(bytes).asReadOnlyBuffer();

        assertFalse(readOnly.hasArray());
        assertEquals(bytes.length - 1, new Utf8Validator().validate(readOnly));
    }

    @Test
    void validatesDirectBuffersOfEitherByteOrder() {
        byte[] bytes = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ\u20ac".getBytes(UTF_8);
        for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
            ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length + 7).order(order);
            direct.position(7);
            direct.put(bytes).position(7);
            Utf8Validator validator = new Utf8Validator();

            assertEquals(-1, validator.validate(direct), order.toString());
            assertTrue(validator.isComplete(), order.toString());

            direct.put(direct.limit() - 1, (byte) 0xC0);
            validator.reset();
            assertEquals(direct.limit() - 1, validator.validate(direct), order.toString());
        }
    }

    @Test
    void carriesCharactersAcrossInternalCopyChunksOfDirectAndReadOnlyBuffers() {
        for (int boundary : new int[] {4096, 8192}) {
            for (int shift = 1; shift <= 3; shift++) { // a 4-byte character cut after 1, 2 or 3 bytes
                byte[] text = new byte[boundary + 64];
                Arrays.fill(text, (byte) 'a');
                System.arraycopy(Hex.bytes("F0 9F 98 80"), 0, text, boundary - shift, 4);
                String context = "boundary " + boundary + ", cut after " + shift;
                for (ByteBuffer buffer : new ByteBuffer[] {directCopyOf(text), ByteBuffer.wrap(text).asReadOnlyBuffer()}) {
                    Utf8Validator validator = new Utf8Validator();
                    assertEquals(-1, validator.validate(buffer), context);
                    assertTrue(validator.isComplete(), context);
                }

                text[boundary - shift + 3] = (byte) 0x41; // the last continuation byte goes missing
                int expected = boundary - shift + 3;
                for (ByteBuffer buffer : new ByteBuffer[] {directCopyOf(text), ByteBuffer.wrap(text).asReadOnlyBuffer()}) {
                    assertEquals(expected, new Utf8Validator().validate(buffer), context);
                }
            }
        }
    }

    private static ByteBuffer directCopyOf(byte[] bytes) {
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length);
        direct.put(bytes).flip();
        return direct;
    }

    @Test
    void rejectsArrayRangesOutsideTheArray() {
        Utf8Validator validator = new Utf8Validator();
        byte[] four = new byte[4];

        assertThrows(IndexOutOfBoundsException.class, () -> validator.validate(four, -1, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> validator.validate(four, 3, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> validator.validate(four, 0, -1));
    }

    /** One piece of an input, copied into a larger array at a non-zero offset so indexes must be absolute. */
    private static final class Piece {
        final byte[] array;
        final int offset;
        final int length;
        final int inputStart;

        private Piece(byte[] array, int offset, int length, int inputStart) {
            this.array = array;
            this.offset = offset;
            this.length = length;
            this.inputStart = inputStart;
        }

        static Piece of(byte[] input, int from, int to, int offset) {
            byte[] array = new byte[offset + (to - from) + 2];
            Arrays.fill(array, (byte) 0xFF); // garbage around the piece must never be read
            System.arraycopy(input, from, array, offset, to - from);
            return new Piece(array, offset, to - from, from);
        }

        int toArrayIndex(int inputIndex) {
            return offset + (inputIndex - inputStart);
        }
    }
}
