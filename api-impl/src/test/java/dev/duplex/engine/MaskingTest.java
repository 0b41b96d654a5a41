package dev.duplex.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Masking} works a long at a time; these tests hold it to the byte-by-byte definition of
 * RFC 6455 section 5.3 for every start offset 0..15 (every alignment), every key offset 0..3 and
 * every length 0..70 (empty, the tails, one and two 32-byte steps), in every kind of buffer.
 * {@link Masking#maskFindingAsciiPrefix} is held to the same definition, and its result to the
 * definition of an ASCII prefix, for every position of the first non-ASCII byte as well.
 */
class MaskingTest {
    private static final int[] KEYS = {0x37fa213d, 0xffffffff, 0x80000001, 0x00000000, 0x0102a0f0};
    private static final int[] LONG_LENGTHS = {255, 256, 257, 1000, 4099};
    /** Keys that flip no, some and all top bits: the prefix must be judged after unmasking, not before. */
    private static final int[] ASCII_KEYS = {0x37fa213d, 0x80808080, 0x00000000, 0x0102a0f0};

    enum Memory {
        HEAP {
            @Override
            ByteBuffer allocate(int capacity) {
                return ByteBuffer.allocate(capacity);
            }
        },
        /** A slice of a heap buffer: its array offset is not zero, and must be added to every index. */
        HEAP_SLICE {
            @Override
            ByteBuffer allocate(int capacity) {
                return ByteBuffer.allocate(capacity + 13).position(13).slice();
            }
        },
        DIRECT {
            @Override
            ByteBuffer allocate(int capacity) {
                return ByteBuffer.allocateDirect(capacity);
            }
        },
        DIRECT_SLICE {
            @Override
            ByteBuffer allocate(int capacity) {
                return ByteBuffer.allocateDirect(capacity + 5).position(5).slice();
            }
        };

        abstract ByteBuffer allocate(int capacity);
    }

    /** RFC 6455 section 5.3, literally: octet i is XORed with octet (i + keyOffset) mod 4 of the key. */
    private static void referenceMask(byte[] data, int from, int length, int key, int keyOffset) {
        for (int i = 0; i < length; i++) {
            int keyByte = key >>> (24 - 8 * ((i + keyOffset) & 3));
            data[from + i] ^= (byte) keyByte;
        }
    }

    private static byte[] contents(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.capacity()];
        buffer.duplicate().clear().get(0, bytes);
        return bytes;
    }

    private static void check(Memory memory, Random random, int key, int offset, int keyOffset, int length) {
        int capacity = offset + length + 11;
        byte[] original = new byte[capacity];
        random.nextBytes(original);
        ByteBuffer buffer = memory.allocate(capacity);
        buffer.put(0, original);
        buffer.position(3).limit(capacity - 2);

        byte[] expected = original.clone();
        referenceMask(expected, offset, length, key, keyOffset);
        String where = memory + " key=" + Integer.toHexString(key) + " offset=" + offset
                + " keyOffset=" + keyOffset + " length=" + length;

        Masking.mask(buffer, offset, length, key, keyOffset);
        assertArrayEquals(expected, contents(buffer), where);
        assertEquals(3, buffer.position(), where);
        assertEquals(capacity - 2, buffer.limit(), where);

        Masking.mask(buffer, offset, length, key, keyOffset);
        assertArrayEquals(original, contents(buffer), "masking twice is not the identity: " + where);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Memory.class)
    void bufferMaskingMatchesTheByteByByteDefinition(Memory memory) {
        Random random = new Random(6455);
        for (int key : KEYS) {
            for (int offset = 0; offset <= 15; offset++) {
                for (int keyOffset = 0; keyOffset <= 3; keyOffset++) {
                    for (int length = 0; length <= 70; length++) {
                        check(memory, random, key, offset, keyOffset, length);
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Memory.class)
    void longPayloadsMatchTheByteByByteDefinition(Memory memory) {
        Random random = new Random(5455);
        for (int length : LONG_LENGTHS) {
            for (int offset = 0; offset <= 15; offset++) {
                for (int keyOffset = 0; keyOffset <= 3; keyOffset++) {
                    check(memory, random, random.nextInt(), offset, keyOffset, length);
                }
            }
        }
    }

    @Test
    void keyOffsetIsTakenModuloFour() {
        Random random = new Random(1);
        byte[] data = new byte[40];
        random.nextBytes(data);
        for (int keyOffset = 0; keyOffset < 12; keyOffset++) {
            ByteBuffer a = ByteBuffer.wrap(data.clone());
            ByteBuffer b = ByteBuffer.wrap(data.clone());
            Masking.mask(a, 1, 37, 0x37fa213d, keyOffset);
            Masking.mask(b, 1, 37, 0x37fa213d, keyOffset & 3);
            assertArrayEquals(b.array(), a.array(), "keyOffset " + keyOffset);
        }
    }

    @Test
    void maskingInPiecesWithRunningKeyOffsetEqualsMaskingAtOnce() {
        // How a payload that arrives in pieces may be unmasked: each piece continues the key where the last stopped.
        Random random = new Random(2);
        byte[] data = new byte[200];
        random.nextBytes(data);
        ByteBuffer whole = ByteBuffer.wrap(data.clone());
        Masking.mask(whole, 0, 200, 0x9abcdef0, 0);
        ByteBuffer pieces = ByteBuffer.wrap(data.clone());
        int done = 0;
        while (done < 200) {
            int piece = Math.min(200 - done, 1 + random.nextInt(23));
            Masking.mask(pieces, done, piece, 0x9abcdef0, done);
            done += piece;
        }
        assertArrayEquals(whole.array(), pieces.array());
    }

    @Test
    void arrayMaskingMatchesTheByteByByteDefinition() {
        Random random = new Random(7);
        for (int key : KEYS) {
            for (int offset = 0; offset <= 15; offset++) {
                for (int length = 0; length <= 70; length++) {
                    byte[] original = new byte[offset + length + 9];
                    random.nextBytes(original);
                    byte[] expected = original.clone();
                    referenceMask(expected, offset, length, key, 0);
                    byte[] actual = original.clone();
                    Masking.mask(actual, offset, length, key);
                    String where = "key=" + Integer.toHexString(key) + " offset=" + offset + " length=" + length;
                    assertArrayEquals(expected, actual, where);
                    Masking.mask(actual, offset, length, key);
                    assertArrayEquals(original, actual, "masking twice: " + where);
                }
            }
        }
    }

    @Test
    void rfcExampleMasksHello() {
        byte[] hello = "Hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Masking.mask(hello, 0, 5, 0x37fa213d);
        assertEquals("[127, -97, 77, 81, 88]", Arrays.toString(hello)); // 7f 9f 4d 51 58
    }

    // ---------------------------------------------------------------- masking and finding the ASCII prefix

    /**
     * Unmasked contents of {@code length} bytes: ASCII before {@code firstHigh}, a byte of 0x80 or more there (unless
     * it is {@code length}, i.e. all ASCII), anything after it.
     */
    private static byte[] plainText(Random random, int capacity, int offset, int length, int firstHigh) {
        byte[] bytes = new byte[capacity];
        random.nextBytes(bytes);
        for (int i = 0; i < length; i++) {
            int b = i < firstHigh ? random.nextInt(0x80) : i == firstHigh ? 0x80 | random.nextInt(0x80) : random.nextInt(0x100);
            bytes[offset + i] = (byte) b;
        }
        return bytes;
    }

    private static void checkAsciiPrefix(Memory memory, Random random, int key, int offset, int keyOffset, int length,
            int firstHigh) {
        int capacity = offset + length + 11;
        byte[] plain = plainText(random, capacity, offset, length, firstHigh);
        byte[] masked = plain.clone();
        referenceMask(masked, offset, length, key, keyOffset);
        ByteBuffer buffer = memory.allocate(capacity);
        buffer.put(0, masked);
        buffer.position(3).limit(capacity - 2);
        String where = memory + " key=" + Integer.toHexString(key) + " offset=" + offset
                + " keyOffset=" + keyOffset + " length=" + length + " firstHigh=" + firstHigh;

        int prefix = Masking.maskFindingAsciiPrefix(buffer, offset, length, key, keyOffset);

        assertArrayEquals(plain, contents(buffer), where);
        assertEquals(3, buffer.position(), where);
        assertEquals(capacity - 2, buffer.limit(), where);
        if (firstHigh == length) {
            assertEquals(length, prefix, "all ASCII: " + where);
        } else {
            assertTrue(prefix <= firstHigh, "prefix " + prefix + " covers a non-ASCII byte: " + where);
            assertTrue(prefix > firstHigh - 64, "prefix " + prefix + " stops 64 or more bytes short: " + where);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Memory.class)
    void maskFindingAsciiPrefixMasksAndFindsThePrefixForEveryPositionOfTheFirstHighByte(Memory memory) {
        Random random = new Random(6456);
        for (int key : ASCII_KEYS) {
            for (int offset = 0; offset <= 15; offset++) {
                for (int keyOffset = 0; keyOffset <= 3; keyOffset++) {
                    for (int length = 0; length <= 70; length++) {
                        for (int firstHigh = 0; firstHigh <= length; firstHigh++) {
                            checkAsciiPrefix(memory, random, key, offset, keyOffset, length, firstHigh);
                        }
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Memory.class)
    void maskFindingAsciiPrefixOnLongPayloadsAlsoCoversTheAlignmentHeadAndTheSixtyFourByteSteps(Memory memory) {
        Random random = new Random(5456);
        for (int length : LONG_LENGTHS) {
            int[] firstHighs = {0, 1, 6, 7, 8, 9, 63, 64, 65, 127, 128, 200, length / 2, length - 65, length - 64,
                length - 63, length - 9, length - 8, length - 1, length};
            for (int offset = 0; offset <= 15; offset++) {
                for (int firstHigh : firstHighs) {
                    int key = ASCII_KEYS[random.nextInt(ASCII_KEYS.length)] ^ random.nextInt();
                    checkAsciiPrefix(memory, random, key, offset, random.nextInt(4), length, firstHigh);
                }
            }
        }
    }

    @Test
    void maskFindingAsciiPrefixCountsAWholeAsciiPayloadAndStopsAtAnyHighByte() {
        byte[] hello = "Hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Masking.mask(hello, 0, 5, 0x37fa213d);
        assertEquals(5, Masking.maskFindingAsciiPrefix(ByteBuffer.wrap(hello), 0, 5, 0x37fa213d, 0));
        assertEquals("Hello", new String(hello, java.nio.charset.StandardCharsets.US_ASCII));

        byte[] euro = {'x', (byte) 0xe2, (byte) 0x82, (byte) 0xac};
        Masking.mask(euro, 0, 4, 0x37fa213d);
        assertEquals(1, Masking.maskFindingAsciiPrefix(ByteBuffer.wrap(euro), 0, 4, 0x37fa213d, 0));
        assertEquals(0, Masking.maskFindingAsciiPrefix(ByteBuffer.allocate(0), 0, 0, 0x37fa213d, 0));
    }
}
