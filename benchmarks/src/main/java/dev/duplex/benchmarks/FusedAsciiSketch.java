package dev.duplex.benchmarks;

import dev.duplex.engine.Frame;
import dev.duplex.engine.FrameParser;
import dev.duplex.engine.FrameWriter;
import dev.duplex.engine.OpCode;
import dev.duplex.engine.ProtocolException;
import dev.duplex.engine.Role;
import dev.duplex.engine.Utf8Validator;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A what-if, not engine code: the receive path if unmasking also found the first byte with its
 * high bit set, so that UTF-8 validation could start there, or be skipped for a pure-ASCII payload.
 * The unmasking pass loads every byte anyway, so the ASCII check looked like one OR and a test a
 * block. Compare {@link #parseUnmaskAsciiCheckValidate} with {@link FrameBenchmark#parseUnmaskValidate}.
 *
 * <p>It does not pay (measured 2026-11-21, JDK 17, AMD EPYC): to OR the unmasked longs the JIT must
 * load, XOR and store them as separate instructions instead of one memory-destination XOR, and that
 * loop runs at half the speed of {@link dev.duplex.engine.Masking}'s, costing about what the
 * separate ASCII validation pass it saves costs.
 *
 * <p>To measure only that, the parser here reads an unmasked frame (as a client does: no unmasking
 * in the parser) and the sketch unmasks the payload itself, with key 0 like {@link FrameBenchmark}
 * and the same aligned 8-byte steps as {@link dev.duplex.engine.Masking}.
 *
 * <p>Skipping the ASCII prefix is exact: ASCII bytes are valid UTF-8 and leave the validator at a
 * character boundary, so validating from the first high byte gives the same answer, provided the
 * validator was at a character boundary before the frame (the first frame of a message, or
 * {@link Utf8Validator#isComplete()} after the previous one).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 8, time = 1)
public class FusedAsciiSketch {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;

    @State(Scope.Thread)
    public static class UnmaskedFrame {
        @Param({"125", "4096", "65536"})
        public int size;

        @Param({TextPayloads.MIXED, TextPayloads.ASCII})
        public String text;

        ByteBuffer frame;
        FrameParser parser;
        Utf8Validator validator;
        /** 0, but read from a field as the parser reads the key from the frame, so the JIT cannot fold the XOR away. */
        int key;

        @Setup
        public void setUp() throws ProtocolException {
            byte[] payload = TextPayloads.text(text, size);
            ByteBuffer encoded = FrameWriter.server().encodeToBuffer(true, 0, OpCode.TEXT, ByteBuffer.wrap(payload));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            frame = ByteBuffer.wrap(bytes);
            parser = new FrameParser(Role.CLIENT, FrameBenchmark.LIMITS);
            validator = new Utf8Validator();
            Frame parsed = parser.parse(frame.clear());
            FrameBenchmark.checkParsed(parsed, payload, validator);
            // The sketch must agree with plain validation, and find the first high byte.
            ByteBuffer view = parsed.payload();
            int firstHigh = unmaskFindHigh(view.array(), view.arrayOffset() + view.position(), size, 0);
            int expected = view.arrayOffset() + view.position() + size;
            for (int i = 0; i < size; i++) {
                if (payload[i] < 0) {
                    expected = view.arrayOffset() + view.position() + i;
                    break;
                }
            }
            if (firstHigh > expected || !Arrays.equals(payload, Arrays.copyOfRange(view.array(),
                    view.arrayOffset() + view.position(), view.arrayOffset() + view.position() + size))) {
                throw new IllegalStateException("sketch unmasking is wrong: " + firstHigh + " vs " + expected);
            }
        }
    }

    /**
     * Unmasks like {@link dev.duplex.engine.Masking} and returns the start of the first 8-byte step that holds a byte
     * with its high bit set (or an earlier index), or {@code offset + length} if there is none. Key byte 0 first.
     */
    static int unmaskFindHigh(byte[] array, int offset, int length, int key) {
        int end = offset + length;
        int i = offset;
        int head = Math.min(length, (8 - (offset & 7)) & 7);
        int high = 0;
        for (int shift = 24; i < offset + head; i++, shift = (shift - 8) & 31) {
            array[i] ^= (byte) (key >>> shift);
            high |= array[i];
        }
        if (high < 0) {
            maskRest(array, i, end, Integer.rotateLeft(key, 8 * head));
            return offset;
        }
        key = Integer.rotateLeft(key, 8 * head);
        long mask = wideMask(key);
        for (; i <= end - 32; i += 32) {
            // Each store right after its load: four loads first, then four stores, ran at half the speed.
            long a = (long) LONGS.get(array, i) ^ mask;
            LONGS.set(array, i, a);
            long b = (long) LONGS.get(array, i + 8) ^ mask;
            LONGS.set(array, i + 8, b);
            long c = (long) LONGS.get(array, i + 16) ^ mask;
            LONGS.set(array, i + 16, c);
            long d = (long) LONGS.get(array, i + 24) ^ mask;
            LONGS.set(array, i + 24, d);
            if (((a | b | c | d) & HIGH_BITS) != 0) {
                maskRest(array, i + 32, end, key);
                return i;
            }
        }
        int found = end;
        for (; i <= end - 8; i += 8) {
            long a = (long) LONGS.get(array, i) ^ mask;
            LONGS.set(array, i, a);
            if ((a & HIGH_BITS) != 0 && found == end) {
                found = i;
            }
        }
        for (int shift = 24; i < end; i++, shift = (shift - 8) & 31) {
            array[i] ^= (byte) (key >>> shift);
            if (array[i] < 0 && found == end) {
                found = i;
            }
        }
        return found;
    }

    /** Plain unmasking from an index whose key byte is key byte 0 of {@code key}. */
    private static void maskRest(byte[] array, int from, int end, int key) {
        long mask = wideMask(key);
        int i = from;
        for (; i <= end - 32; i += 32) {
            LONGS.set(array, i, (long) LONGS.get(array, i) ^ mask);
            LONGS.set(array, i + 8, (long) LONGS.get(array, i + 8) ^ mask);
            LONGS.set(array, i + 16, (long) LONGS.get(array, i + 16) ^ mask);
            LONGS.set(array, i + 24, (long) LONGS.get(array, i + 24) ^ mask);
        }
        for (; i <= end - 8; i += 8) {
            LONGS.set(array, i, (long) LONGS.get(array, i) ^ mask);
        }
        for (int shift = 24; i < end; i++, shift = (shift - 8) & 31) {
            array[i] ^= (byte) (key >>> shift);
        }
    }

    private static long wideMask(int key) {
        int inMemoryOrder = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? Integer.reverseBytes(key) : key;
        return ((long) inMemoryOrder << 32) | (inMemoryOrder & 0xFFFFFFFFL);
    }

    /** Parse, unmask while finding the first high byte, validate from there (nothing for ASCII). */
    @Benchmark
    public int parseUnmaskAsciiCheckValidate(UnmaskedFrame f) throws ProtocolException {
        Frame frame = f.parser.parse(f.frame.clear());
        ByteBuffer payload = frame.payload();
        byte[] array = payload.array();
        int start = payload.arrayOffset() + payload.position();
        int length = payload.remaining();
        int firstHigh = unmaskFindHigh(array, start, length, f.key);
        Utf8Validator validator = f.validator;
        validator.reset();
        int rest = start + length - firstHigh;
        int invalidAt = rest == 0 ? -1 : validator.validate(array, firstHigh, rest);
        return invalidAt >= 0 ? invalidAt : validator.isComplete() ? -1 : -2;
    }
}
