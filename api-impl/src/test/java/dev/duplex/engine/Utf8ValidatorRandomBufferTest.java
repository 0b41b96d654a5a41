package dev.duplex.engine;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link Utf8Validator} on long random texts at random (unaligned) offsets and lengths, in every kind of buffer, so
 * that the wide ASCII loads, their tails and the hand-over to the automaton are all exercised. Every assertion names
 * the seed; replay with {@code -Dduplex.test.seed=N}.
 */
class Utf8ValidatorRandomBufferTest {

    private static final int ROUNDS = 400;
    /** Bytes that are invalid wherever they appear, so the failing index is exactly where one is planted. */
    private static final byte[] NEVER_VALID = {(byte) 0xC0, (byte) 0xC1, (byte) 0xF5, (byte) 0xF8, (byte) 0xFF};

    enum Mix {
        ASCII, MOSTLY_ASCII, NON_LATIN
    }

    enum Storage {
        ARRAY, HEAP_BUFFER, SLICED_HEAP_BUFFER, READ_ONLY_BUFFER, DIRECT_BUFFER;

        /** Puts {@code text} at {@code offset} in a fresh container; the returned handle validates the text's range. */
        Container hold(byte[] text, int offset) {
            int capacity = offset + text.length + 11;
            switch (this) {
                case ARRAY: {
                    byte[] array = garbage(capacity);
                    System.arraycopy(text, 0, array, offset, text.length);
                    return new Container(offset) {
                        @Override int validate(Utf8Validator v) {
                            return v.validate(array, offset, text.length);
                        }
                        @Override void set(int index, byte b) {
                            array[index] = b;
                        }
                    };
                }
                case DIRECT_BUFFER: {
                    ByteBuffer direct = ByteBuffer.allocateDirect(capacity);
                    direct.put(garbage(capacity)).position(offset);
                    direct.put(text);
                    return bufferContainer(direct, offset, text.length, direct);
                }
                default: {
                    int sliceStart = this == SLICED_HEAP_BUFFER ? 5 : 0;
                    byte[] backing = garbage(capacity + sliceStart);
                    System.arraycopy(text, 0, backing, sliceStart + offset, text.length);
                    ByteBuffer writable = ByteBuffer.wrap(backing, sliceStart, capacity).slice();
                    ByteBuffer view = this == READ_ONLY_BUFFER ? writable.asReadOnlyBuffer() : writable;
                    return bufferContainer(view, offset, text.length, writable);
                }
            }
        }

        private static Container bufferContainer(ByteBuffer view, int offset, int length, ByteBuffer writable) {
            return new Container(offset) {
                @Override int validate(Utf8Validator v) {
                    view.limit(offset + length).position(offset);
                    return v.validate(view);
                }
                @Override void set(int index, byte b) {
                    writable.put(index, b);
                }
            };
        }

        private static byte[] garbage(int length) {
            byte[] bytes = new byte[length];
            java.util.Arrays.fill(bytes, (byte) 0x80); // a lone continuation byte: fails if ever read
            return bytes;
        }
    }

    /** The text inside some storage; indexes are in the storage's own coordinates. */
    abstract static class Container {
        final int offset;

        Container(int offset) {
            this.offset = offset;
        }

        abstract int validate(Utf8Validator validator);

        abstract void set(int index, byte b);
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void acceptsRandomValidTextAtRandomOffsets(Storage storage) {
        long seed = TestSeeds.seed();
        SplittableRandom random = new SplittableRandom(seed);
        Utf8Validator validator = new Utf8Validator();
        for (int round = 0; round < ROUNDS; round++) {
            byte[] text = randomText(random, Mix.values()[round % 3], randomLength(random, round));
            Container container = storage.hold(text, random.nextInt(16));
            String context = "seed " + seed + ", round " + round;

            validator.reset();
            assertEquals(-1, container.validate(validator), context);
            assertTrue(validator.isComplete(), context);
        }
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void failsExactlyAtAPlantedInvalidByte(Storage storage) {
        long seed = TestSeeds.seed();
        SplittableRandom random = new SplittableRandom(seed);
        Utf8Validator validator = new Utf8Validator();
        for (int round = 0; round < ROUNDS; round++) {
            byte[] text = randomText(random, Mix.values()[round % 3], randomLength(random, round));
            int offset = random.nextInt(16);
            Container container = storage.hold(text, offset);
            int planted = offset + random.nextInt(text.length);
            container.set(planted, NEVER_VALID[random.nextInt(NEVER_VALID.length)]);
            String context = "seed " + seed + ", round " + round;

            validator.reset();
            assertEquals(planted, container.validate(validator), context);
            assertFalse(validator.isComplete(), context);
        }
    }

    @ParameterizedTest
    @EnumSource(Mix.class)
    void agreesWithTheReferenceWhenTextIsCutAndSplitAtRandom(Mix mix) {
        long seed = TestSeeds.seed();
        SplittableRandom random = new SplittableRandom(seed);
        Utf8ReferenceScanner reference = new Utf8ReferenceScanner();
        Utf8Validator validator = new Utf8Validator();
        for (int round = 0; round < ROUNDS; round++) {
            byte[] text = randomText(random, mix, random.nextInt(1, 600));
            if (random.nextBoolean()) {
                text[random.nextInt(text.length)] = (byte) random.nextInt(0x100); // maybe invalid, maybe not
            }
            int end = random.nextInt(text.length + 1); // may cut a character short
            Utf8ReferenceScanner.Outcome expected = reference.scan(text, 0, end);
            String context = "seed " + seed + ", round " + round + ", text " + Hex.of(text, 0, end);

            validator.reset();
            int failingIndex = -1;
            for (int from = 0; from < end && failingIndex < 0; ) {
                int to = Math.min(end, from + random.nextInt(1, 40));
                failingIndex = validator.validate(text, from, to - from);
                from = to;
            }
            assertEquals(expected.failingIndex(), failingIndex, context);
            assertEquals(expected.complete(), validator.isComplete(), context);
        }
    }

    /** Mostly short texts; every fourth one spans several of the validator's internal copy chunks. */
    private static int randomLength(SplittableRandom random, int round) {
        return round % 4 == 0 ? random.nextInt(4_000, 20_000) : random.nextInt(1, 3_000);
    }

    /** Well-formed UTF-8 of roughly {@code length} bytes. */
    private static byte[] randomText(SplittableRandom random, Mix mix, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 4);
        while (out.size() < length) {
            int codePoint;
            int dice = random.nextInt(100);
            if (mix == Mix.ASCII || mix == Mix.MOSTLY_ASCII && dice < 95 || mix == Mix.NON_LATIN && dice < 10) {
                codePoint = random.nextInt(0x80);
            } else if (dice % 3 == 0) {
                codePoint = random.nextInt(0x80, 0x800);
            } else if (dice % 3 == 1) {
                codePoint = random.nextInt(0x800, 0x1_0000);
                if (Character.isSurrogate((char) codePoint)) {
                    continue;
                }
            } else {
                codePoint = random.nextInt(0x1_0000, Character.MAX_CODE_POINT + 1);
            }
            out.writeBytes(Character.toString(codePoint).getBytes(UTF_8));
        }
        return out.toByteArray();
    }
}
