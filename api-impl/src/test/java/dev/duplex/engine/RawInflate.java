package dev.duplex.engine;

import java.io.ByteArrayOutputStream;

/**
 * A DEFLATE decoder (RFC 1951) for tests, written from the format: it inflates a raw stream and
 * fails on any back-reference further back than a given window, which {@code java.util.zip} cannot
 * check (its inflater always keeps a 32 KiB window). Slow and plain: stored, fixed and dynamic
 * Huffman blocks; input ends where the bytes end (sync-flushed, tail left off, as RFC 7692 sends it).
 */
final class RawInflate {
    private static final int[] LENGTH_BASE = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51,
        59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
    private static final int[] LENGTH_EXTRA = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4,
        5, 5, 5, 5, 0};
    private static final int[] DISTANCE_BASE = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385,
        513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
    private static final int[] DISTANCE_EXTRA = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10,
        10, 11, 11, 12, 12, 13, 13};
    private static final int[] CODE_LENGTH_ORDER = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

    private final byte[] in;
    private int bitPosition;
    private final int window;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private byte[] produced = new byte[0];
    private int producedLength;

    private RawInflate(byte[] in, int window) {
        this.in = in;
        this.window = window;
    }

    /** Inflates {@code compressed}; throws AssertionError for a distance over {@code window}. */
    static byte[] inflate(byte[] compressed, int window) {
        RawInflate inflate = new RawInflate(compressed, window);
        inflate.run();
        return java.util.Arrays.copyOf(inflate.produced, inflate.producedLength);
    }

    private void run() {
        while (bitPosition + 3 <= in.length * 8) {
            bits(1); // BFINAL: the stream may go on after it in tests that append; ignored
            int type = bits(2);
            if (type == 0) {
                stored();
            } else if (type == 1) {
                huffman(fixedLiteralLengths(), fixedDistances());
            } else if (type == 2) {
                dynamic();
            } else {
                throw new AssertionError("block type 3");
            }
            if (in.length * 8 - bitPosition < 8 && remainingBitsAreZero()) {
                return;
            }
        }
    }

    private boolean remainingBitsAreZero() {
        for (int p = bitPosition; p < in.length * 8; p++) {
            if (((in[p >> 3] >> (p & 7)) & 1) != 0) {
                return false;
            }
        }
        return true;
    }

    private int bits(int count) {
        int value = 0;
        for (int i = 0; i < count; i++) {
            if (bitPosition >= in.length * 8) {
                throw new AssertionError("ran out of input");
            }
            value |= ((in[bitPosition >> 3] >> (bitPosition & 7)) & 1) << i;
            bitPosition++;
        }
        return value;
    }

    private void stored() {
        bitPosition = (bitPosition + 7) & ~7;
        int length = bits(16);
        int complement = bits(16);
        if ((length ^ 0xFFFF) != complement) {
            throw new AssertionError("stored block length check");
        }
        for (int i = 0; i < length; i++) {
            emit(bits(8));
        }
    }

    private void emit(int value) {
        if (producedLength == produced.length) {
            produced = java.util.Arrays.copyOf(produced, Math.max(1024, produced.length * 2));
        }
        produced[producedLength++] = (byte) value;
    }

    /** A canonical Huffman code (RFC 1951 section 3.2.2) as counts per length and symbols in order. */
    private record Code(int[] counts, int[] symbols) {
        static Code of(int[] lengths) {
            int[] counts = new int[16];
            for (int length : lengths) {
                counts[length]++;
            }
            counts[0] = 0;
            int[] offsets = new int[16];
            for (int i = 1; i < 16; i++) {
                offsets[i] = offsets[i - 1] + counts[i - 1];
            }
            int[] symbols = new int[lengths.length];
            for (int symbol = 0; symbol < lengths.length; symbol++) {
                if (lengths[symbol] != 0) {
                    symbols[offsets[lengths[symbol]]++] = symbol;
                }
            }
            return new Code(counts, symbols);
        }
    }

    private int decode(Code code) {
        int value = 0;
        int first = 0;
        int index = 0;
        for (int length = 1; length < 16; length++) {
            value |= bits(1);
            int count = code.counts[length];
            if (value - first < count) {
                return code.symbols[index + value - first];
            }
            index += count;
            first = (first + count) << 1;
            value <<= 1;
        }
        throw new AssertionError("bad Huffman code");
    }

    private static Code fixedLiteralLengths() {
        int[] lengths = new int[288];
        for (int i = 0; i < 288; i++) {
            lengths[i] = i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8;
        }
        return Code.of(lengths);
    }

    private static Code fixedDistances() {
        int[] lengths = new int[30];
        java.util.Arrays.fill(lengths, 5);
        return Code.of(lengths);
    }

    private void dynamic() {
        int literalCount = bits(5) + 257;
        int distanceCount = bits(5) + 1;
        int codeLengthCount = bits(4) + 4;
        int[] codeLengthLengths = new int[19];
        for (int i = 0; i < codeLengthCount; i++) {
            codeLengthLengths[CODE_LENGTH_ORDER[i]] = bits(3);
        }
        Code codeLengths = Code.of(codeLengthLengths);
        int[] lengths = new int[literalCount + distanceCount];
        for (int i = 0; i < lengths.length;) {
            int symbol = decode(codeLengths);
            if (symbol < 16) {
                lengths[i++] = symbol;
            } else {
                int repeat;
                int value = 0;
                if (symbol == 16) {
                    value = lengths[i - 1];
                    repeat = 3 + bits(2);
                } else if (symbol == 17) {
                    repeat = 3 + bits(3);
                } else {
                    repeat = 11 + bits(7);
                }
                for (int r = 0; r < repeat; r++) {
                    lengths[i++] = value;
                }
            }
        }
        huffman(Code.of(java.util.Arrays.copyOf(lengths, literalCount)),
                Code.of(java.util.Arrays.copyOfRange(lengths, literalCount, lengths.length)));
    }

    private void huffman(Code literals, Code distances) {
        while (true) {
            int symbol = decode(literals);
            if (symbol < 256) {
                emit(symbol);
            } else if (symbol == 256) {
                return;
            } else {
                int index = symbol - 257;
                int length = LENGTH_BASE[index] + bits(LENGTH_EXTRA[index]);
                int distanceSymbol = decode(distances);
                int distance = DISTANCE_BASE[distanceSymbol] + bits(DISTANCE_EXTRA[distanceSymbol]);
                if (distance > window) {
                    throw new AssertionError("back-reference " + distance + " bytes back, window " + window);
                }
                if (distance > producedLength) {
                    throw new AssertionError("back-reference before the start");
                }
                for (int i = 0; i < length; i++) {
                    emit(produced[producedLength - distance]);
                }
            }
        }
    }
}
