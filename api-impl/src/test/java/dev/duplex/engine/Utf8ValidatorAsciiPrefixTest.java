package dev.duplex.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link Utf8Validator#validate(ByteBuffer, int)}: skipping bytes the caller knows to be ASCII must give exactly the
 * answer of {@link Utf8Validator#validate(ByteBuffer)} (RFC 6455 §8.1: the same first invalid byte, the same
 * completeness), and must not skip where an ASCII byte is itself the error.
 */
class Utf8ValidatorAsciiPrefixTest {

    enum Memory {
        HEAP(ByteBuffer::allocate),
        /** Array offset and position not zero: indexes must be the buffer's. */
        HEAP_SLICE(capacity -> ByteBuffer.allocate(capacity + 9).position(9).slice()),
        DIRECT(ByteBuffer::allocateDirect);

        private final IntFunction<ByteBuffer> allocator;

        Memory(IntFunction<ByteBuffer> allocator) {
            this.allocator = allocator;
        }

        /** {@code bytes} in a buffer of this kind, at position 5, limit at their end. */
        ByteBuffer hold(byte[] bytes) {
            ByteBuffer buffer = allocator.apply(bytes.length + 8);
            buffer.put(5, bytes);
            return buffer.position(5).limit(5 + bytes.length);
        }
    }

    private static byte[] bytes(String hex) {
        return Hex.bytes(hex);
    }

    private static int asciiPrefixOf(ByteBuffer buffer) {
        int n = 0;
        while (n < buffer.remaining() && buffer.get(buffer.position() + n) >= 0) {
            n++;
        }
        return n;
    }

    @ParameterizedTest
    @EnumSource(Memory.class)
    void skippingTheAsciiPrefixFindsTheSameFirstInvalidByte(Memory memory) {
        // 40 ASCII bytes, then an invalid one at index 40 (and more ASCII): any prefix up to 40 gives 40.
        ByteBuffer piece = memory.hold(bytes("41".repeat(40) + "ff 41 41"));
        for (int prefix = 0; prefix <= 40; prefix++) {
            Utf8Validator validator = new Utf8Validator();
            assertEquals(piece.position() + 40, validator.validate(piece, prefix), "prefix " + prefix);
            assertFalse(validator.isComplete());
        }
    }

    @ParameterizedTest
    @EnumSource(Memory.class)
    void anAllAsciiPieceDeclaredSoIsValidAndComplete(Memory memory) {
        ByteBuffer piece = memory.hold(bytes("48 65 6c 6c 6f"));
        Utf8Validator validator = new Utf8Validator();
        assertEquals(-1, validator.validate(piece, 5));
        assertTrue(validator.isComplete());
        assertEquals(5, piece.position(), "position unchanged");
        assertEquals(10, piece.limit(), "limit unchanged");
    }

    @ParameterizedTest
    @EnumSource(Memory.class)
    void insideACharacterTheAsciiPrefixIsNotSkippedBecauseItsFirstByteIsTheError(Memory memory) {
        Utf8Validator validator = new Utf8Validator();
        assertEquals(-1, validator.validate(memory.hold(bytes("e2 82"))));
        ByteBuffer next = memory.hold(bytes("41 42 43"));
        assertEquals(next.position(), validator.validate(next, 3));
    }

    @ParameterizedTest
    @EnumSource(Memory.class)
    void afterACharacterEndsThePrefixIsSkippedAndTheRestValidated(Memory memory) {
        Utf8Validator validator = new Utf8Validator();
        assertEquals(-1, validator.validate(memory.hold(bytes("e2 82 ac"))));
        assertEquals(-1, validator.validate(memory.hold(bytes("41 42 c3 a9")), 2));
        assertTrue(validator.isComplete());
        ByteBuffer unfinished = memory.hold(bytes("41 f0 9f"));
        assertEquals(-1, validator.validate(unfinished, 1));
        assertFalse(validator.isComplete(), "a character begun after the prefix is carried over");
    }

    @ParameterizedTest
    @EnumSource(Memory.class)
    void afterAFailureTheResultIsThePiecesFirstIndexAsWithoutAPrefix(Memory memory) {
        Utf8Validator validator = new Utf8Validator();
        assertEquals(5, validator.validate(memory.hold(bytes("c0"))));
        ByteBuffer ascii = memory.hold(bytes("41 41"));
        assertEquals(ascii.position(), validator.validate(ascii, 2));
    }

    @Test
    void aPrefixOutsideThePieceIsRefused() {
        Utf8Validator validator = new Utf8Validator();
        ByteBuffer piece = ByteBuffer.wrap(bytes("41 41 41"));
        assertThrows(IllegalArgumentException.class, () -> validator.validate(piece, -1));
        assertThrows(IllegalArgumentException.class, () -> validator.validate(piece, 4));
        assertTrue(validator.isComplete(), "a refused call changes nothing");
    }

    /**
     * Random mostly-ASCII texts, sometimes broken, cut into random pieces: a validator told each piece's ASCII prefix
     * (all of it or part of it) agrees, piece by piece, with one that reads every byte.
     */
    @ParameterizedTest
    @EnumSource(Memory.class)
    void agreesPieceByPieceWithFullValidationOnRandomText(Memory memory) {
        long seed = TestSeeds.seed();
        SplittableRandom random = new SplittableRandom(seed);
        String[] pieces = {"41", "7a 20", "c3 a9", "e2 82 ac", "f0 9f 98 80", "d0 9f", "ed 9f bf"};
        for (int round = 0; round < 2000; round++) {
            StringBuilder hex = new StringBuilder();
            int parts = random.nextInt(1, 60);
            for (int p = 0; p < parts; p++) {
                hex.append(random.nextInt(4) == 0 ? pieces[random.nextInt(pieces.length)] : "41 42 43 44").append(' ');
            }
            byte[] text = bytes(hex.toString());
            if (random.nextInt(3) == 0) {
                text[random.nextInt(text.length)] = (byte) random.nextInt(0x100);
            }
            Utf8Validator skipping = new Utf8Validator();
            Utf8Validator reading = new Utf8Validator();
            String context = "seed " + seed + ", round " + round + ", text " + Hex.of(text, 0, text.length);
            for (int from = 0; from < text.length; ) {
                int to = Math.min(text.length, from + random.nextInt(1, 30));
                byte[] part = java.util.Arrays.copyOfRange(text, from, to);
                ByteBuffer piece = memory.hold(part);
                int known = asciiPrefixOf(piece);
                int declared = random.nextBoolean() ? known : random.nextInt(known + 1);
                int expected = reading.validate(memory.hold(part));
                assertEquals(expected, skipping.validate(piece, declared), context + ", piece from " + from);
                assertEquals(reading.isComplete(), skipping.isComplete(), context + ", piece from " + from);
                from = to;
            }
        }
    }
}
