package dev.duplex.engine.testkit;

import dev.duplex.engine.Frame;
import dev.duplex.engine.FrameParser;
import dev.duplex.engine.ProtocolException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Feeds a {@link FrameParser} the way a transport would: the input cut into chunks, each chunk
 * handed in as its own buffer and parsed until it is used up. How the input is cut (all at once,
 * one byte at a time, seeded random segments) and what kind of buffer carries it (heap with a
 * non-zero array offset, direct, read-only, little-endian) are chosen per feeder, so one rule can be
 * checked against every way the bytes may arrive. Payloads are copied out as they are parsed,
 * since the parser hands out views of the chunk.
 *
 * <p>The input buffer itself is never modified (the parser unmasks in place, so the feeder works on a copy).
 */
public final class Feeder {

    /** What kind of buffer the chunks are. */
    public enum Memory {
        /** Heap buffers whose backing array starts before the chunk (non-zero array offset). */
        HEAP,
        DIRECT,
        /** Read-only heap buffers: the parser cannot unmask in place and must copy. */
        READ_ONLY,
        /** Heap buffers whose byte order was set to little-endian by whoever owns them. */
        LITTLE_ENDIAN
    }

    private enum Cut { ALL_AT_ONCE, ONE_BYTE_AT_A_TIME, RANDOM_SEGMENTS, AT_OFFSETS }

    private final Cut cut;
    private final long seed;
    private final Memory memory;
    private final int[] cuts;

    private Feeder(Cut cut, long seed, Memory memory, int[] cuts) {
        this.cut = cut;
        this.seed = seed;
        this.memory = memory;
        this.cuts = cuts;
    }

    private Feeder(Cut cut, long seed, Memory memory) {
        this(cut, seed, memory, new int[0]);
    }

    public static Feeder allAtOnce() {
        return new Feeder(Cut.ALL_AT_ONCE, 0, Memory.HEAP);
    }

    public static Feeder oneByteAtATime() {
        return new Feeder(Cut.ONE_BYTE_AT_A_TIME, 0, Memory.HEAP);
    }

    /** Chunks of random sizes from a {@link Random} with this seed, so a run can be repeated. */
    public static Feeder randomSegments(long seed) {
        return new Feeder(Cut.RANDOM_SEGMENTS, seed, Memory.HEAP);
    }

    /** Chunks that end at these offsets into the input (ascending; offsets past the end are ignored). */
    public static Feeder cutAt(int... offsets) {
        return new Feeder(Cut.AT_OFFSETS, 0, Memory.HEAP, offsets.clone());
    }

    /** The same cutting, with chunks in buffers of another kind. */
    public Feeder in(Memory kind) {
        return new Feeder(cut, seed, kind, cuts);
    }

    /** The feeders every parser rule is checked with. */
    public static List<Feeder> all() {
        return List.of(
                allAtOnce(),
                oneByteAtATime(),
                randomSegments(1),
                randomSegments(2),
                randomSegments(3),
                allAtOnce().in(Memory.DIRECT),
                randomSegments(4).in(Memory.DIRECT),
                allAtOnce().in(Memory.READ_ONLY),
                randomSegments(5).in(Memory.READ_ONLY),
                allAtOnce().in(Memory.LITTLE_ENDIAN),
                randomSegments(6).in(Memory.LITTLE_ENDIAN));
    }

    /**
     * What happened when the input was fed.
     *
     * @param frames        the frames parsed before the end of the input or the failure
     * @param failure       the exception the parser threw, or null
     * @param bytesFed      bytes handed to the parser, including the whole chunk it failed in
     * @param bytesConsumed bytes the parser consumed (moved past) before returning or throwing
     * @param atBoundary    whether the parser was between frames when the feeding stopped
     */
    public record Outcome(List<ParsedFrame> frames, ProtocolException failure, long bytesFed, long bytesConsumed,
                          boolean atBoundary) {

        /** The frames, asserting that nothing failed. */
        public List<ParsedFrame> framesOrFail() {
            if (failure != null) {
                throw new AssertionError("parser failed after " + frames + ": " + failure.getMessage(), failure);
            }
            return frames;
        }
    }

    /** Feeds all of {@code input} (its remaining bytes; it is not moved) and reports what happened. */
    public Outcome feed(FrameParser parser, ByteBuffer input) {
        ByteBuffer whole = copy(input);
        int total = whole.remaining();
        Random random = new Random(seed);
        List<ParsedFrame> frames = new ArrayList<>();
        int offset = 0;
        int nextCut = 0;
        while (offset < total) {
            int size;
            if (cut == Cut.AT_OFFSETS) {
                while (nextCut < cuts.length && cuts[nextCut] <= offset) {
                    nextCut++;
                }
                size = (nextCut < cuts.length ? Math.min(cuts[nextCut], total) : total) - offset;
            } else {
                size = Math.min(chunkSize(random, total - offset), total - offset);
            }
            ByteBuffer chunk = whole.slice(offset, size);
            if (memory == Memory.LITTLE_ENDIAN) {
                chunk.order(ByteOrder.LITTLE_ENDIAN);
            }
            try {
                while (chunk.hasRemaining()) {
                    int before = chunk.position();
                    Frame frame = parser.parse(chunk);
                    if (frame == null) {
                        if (chunk.hasRemaining()) {
                            throw new AssertionError("parse returned null with " + chunk.remaining()
                                    + " bytes left in the chunk (it must consume what it cannot use yet)");
                        }
                        break;
                    }
                    if (chunk.position() == before) {
                        throw new AssertionError("parse returned " + frame + " without consuming a byte");
                    }
                    frames.add(ParsedFrame.copyOf(frame));
                }
            } catch (ProtocolException e) {
                return new Outcome(frames, e, offset + size, offset + chunk.position(), parser.isAtFrameBoundary());
            }
            offset += size;
        }
        return new Outcome(frames, null, total, total, parser.isAtFrameBoundary());
    }

    /** Feeds {@code input} and returns the frames, asserting the parser neither failed nor was left mid-frame. */
    public List<ParsedFrame> parseAll(FrameParser parser, ByteBuffer input) {
        Outcome outcome = feed(parser, input);
        List<ParsedFrame> frames = outcome.framesOrFail();
        if (!outcome.atBoundary()) {
            throw new AssertionError(this + ": input ended inside a frame, after " + frames);
        }
        return frames;
    }

    private int chunkSize(Random random, int left) {
        return switch (cut) {
            case ALL_AT_ONCE -> left;
            case ONE_BYTE_AT_A_TIME -> 1;
            case RANDOM_SEGMENTS -> switch (random.nextInt(3)) {
                case 0 -> 1 + random.nextInt(3);
                case 1 -> 1 + random.nextInt(20);
                default -> 1 + random.nextInt(left);
            };
            case AT_OFFSETS -> throw new IllegalStateException("cut by offsets");
        };
    }

    private ByteBuffer copy(ByteBuffer input) {
        int length = input.remaining();
        ByteBuffer copy;
        if (memory == Memory.DIRECT) {
            copy = ByteBuffer.allocateDirect(length);
            copy.put(0, input, input.position(), length);
        } else {
            // Three bytes of padding in front, so even the first chunk has a non-zero array offset.
            byte[] array = new byte[length + 3];
            input.get(input.position(), array, 3, length);
            copy = ByteBuffer.wrap(array, 3, length).slice();
        }
        return memory == Memory.READ_ONLY ? copy.asReadOnlyBuffer() : copy;
    }

    @Override
    public String toString() {
        String how = switch (cut) {
            case ALL_AT_ONCE -> "all at once";
            case ONE_BYTE_AT_A_TIME -> "one byte at a time";
            case RANDOM_SEGMENTS -> "random segments, seed " + seed;
            case AT_OFFSETS -> "cut at " + java.util.Arrays.toString(cuts);
        };
        return how + (memory == Memory.HEAP ? "" : ", " + memory.name().toLowerCase().replace('_', '-'));
    }
}
