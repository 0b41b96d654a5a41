package dev.duplex.engine;

import dev.duplex.engine.testkit.Feeder;
import dev.duplex.engine.testkit.ParsedFrame;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded random conversations through FrameWriter and back through FrameParser: data messages
 * with random fragmentation, control frames in between, payload sizes 0..70000 with weight on the
 * length-encoding boundaries, written by one role, concatenated, cut at random points (some right
 * around frame boundaries, where headers get split), and parsed by the other role in a random kind
 * of buffer. Each frame must come back as it was sent: fin, rsv, opcode and payload bytes.
 *
 * <p>Everything in an iteration follows from its seed, including the writing role (even seeds are
 * client to server, odd seeds server to client), and every assertion message names it. To replay
 * one: {@code mvn -pl api-impl test -Dtest=RoundTripTest -Dduplex.test.seed=<seed>} (the property the other
 * random engine tests replay with, see TestSeeds). Unlike those, a normal run is deterministic: it always
 * tries the same 400 seeds from {@code FIRST_SEED}; {@code -Dduplex.test.iterations=<n>} tries more or fewer.
 */
class RoundTripTest {
    private static final String SEED_PROPERTY = "duplex.test.seed";
    private static final long FIRST_SEED = 6455_0000L;
    private static final int[] BOUNDARY_SIZES = {0, 1, 125, 126, 127, 65535, 65536};
    private static final int[] CONTROL_OPCODES = {OpCode.PING, OpCode.PONG, OpCode.CLOSE};
    private static final Limits ROOMY = Limits.builder().maxTextMessageSize(Limits.UNLIMITED)
            .maxBinaryMessageSize(Limits.UNLIMITED).build();

    private static LongStream seeds() {
        String replay = System.getProperty(SEED_PROPERTY);
        if (replay != null && !replay.isBlank()) {
            return LongStream.of(Long.decode(replay.trim()));
        }
        return LongStream.range(FIRST_SEED, FIRST_SEED + Integer.getInteger("duplex.test.iterations", 400));
    }

    @Test
    void randomFramesComeBackAsTheyWereSentWhateverTheSplit() {
        int[] writers = new int[2];
        seeds().forEach(seed -> writers[roundTrip(seed).ordinal()]++);
        if (System.getProperty(SEED_PROPERTY) == null) {
            assertTrue(writers[Role.CLIENT.ordinal()] > 0 && writers[Role.SERVER.ordinal()] > 0, "both roles wrote");
        }
    }

    /** One iteration; returns the role that wrote. */
    private static Role roundTrip(long seed) {
        Random random = new Random(seed);
        Role writerRole = (seed & 1) == 0 ? Role.CLIENT : Role.SERVER;
        Role readerRole = writerRole == Role.CLIENT ? Role.SERVER : Role.CLIENT;
        String context = "seed=" + seed + " (" + writerRole + " writes; replay: -Dtest=RoundTripTest -D"
                + SEED_PROPERTY + "=" + seed + ")";

        boolean withRsv = random.nextInt(4) == 0;
        List<ParsedFrame> sent = conversation(random, withRsv);

        Random keys = new Random(~seed);
        FrameWriter writer = writerRole == Role.CLIENT
                ? new FrameWriter(Role.CLIENT, keys::nextInt)
                : FrameWriter.server();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        List<Integer> frameStarts = new ArrayList<>();
        for (ParsedFrame frame : sent) {
            frameStarts.add(wire.size());
            byte[] payload = frame.payload();
            ByteBuffer[] parts = writer.encode(frame.fin(), frame.rsv(), frame.opcode(), ByteBuffer.wrap(payload));
            for (ByteBuffer part : parts) {
                byte[] bytes = new byte[part.remaining()];
                part.get(part.position(), bytes);
                wire.writeBytes(bytes);
            }
            assertArrayEquals(frame.payload(), payload, context + ": the writer changed the caller's payload");
        }
        byte[] bytes = wire.toByteArray();

        Feeder feeder = Feeder.cutAt(cuts(random, bytes.length, frameStarts))
                .in(Feeder.Memory.values()[random.nextInt(Feeder.Memory.values().length)]);
        Limits limits = withRsv ? ROOMY.toBuilder().allowedRsv(7).build() : ROOMY;
        Feeder.Outcome outcome = feeder.feed(new FrameParser(readerRole, limits), ByteBuffer.wrap(bytes));

        assertNull(outcome.failure(), () -> context + ": parser failed: " + outcome.failure().getMessage());
        assertTrue(outcome.atBoundary(), () -> context + ": parser left inside a frame");
        List<ParsedFrame> received = outcome.frames();
        for (int i = 0; i < Math.min(sent.size(), received.size()); i++) {
            assertEquals(sent.get(i), received.get(i), context + ": frame " + i + " of " + sent.size() + ", " + feeder);
        }
        assertEquals(sent.size(), received.size(), () -> context + ": number of frames");
        return writerRole;
    }

    /** A valid sequence of frames: 1-6 data messages, each in 1-4 fragments, control frames anywhere between. */
    private static List<ParsedFrame> conversation(Random random, boolean withRsv) {
        List<ParsedFrame> frames = new ArrayList<>();
        int messages = 1 + random.nextInt(6);
        for (int m = 0; m < messages; m++) {
            maybeControlFrames(random, frames);
            int opcode = random.nextBoolean() ? OpCode.TEXT : OpCode.BINARY;
            int fragments = 1 + (random.nextInt(3) == 0 ? random.nextInt(4) : 0);
            for (int f = 0; f < fragments; f++) {
                if (f > 0) {
                    maybeControlFrames(random, frames);
                }
                boolean fin = f == fragments - 1;
                int rsv = withRsv ? random.nextInt(8) : 0;
                int frameOpcode = f == 0 ? opcode : OpCode.CONTINUATION;
                frames.add(new ParsedFrame(fin, rsv, frameOpcode, bytes(random, dataSize(random))));
            }
        }
        maybeControlFrames(random, frames);
        return frames;
    }

    private static void maybeControlFrames(Random random, List<ParsedFrame> frames) {
        while (random.nextInt(4) == 0) {
            int opcode = CONTROL_OPCODES[random.nextInt(CONTROL_OPCODES.length)];
            int size = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> 125;
                default -> random.nextInt(126);
            };
            frames.add(new ParsedFrame(true, 0, opcode, bytes(random, size)));
        }
    }

    private static int dataSize(Random random) {
        int roll = random.nextInt(10);
        if (roll < 4) {
            return BOUNDARY_SIZES[random.nextInt(BOUNDARY_SIZES.length)];
        }
        if (roll < 8) {
            return random.nextInt(300);
        }
        return random.nextInt(70_001);
    }

    private static byte[] bytes(Random random, int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Up to 40 cut points: some anywhere, some within a header's length of a frame start. */
    private static int[] cuts(Random random, int total, List<Integer> frameStarts) {
        TreeSet<Integer> cuts = new TreeSet<>();
        int count = random.nextInt(41);
        for (int i = 0; i < count; i++) {
            int at;
            if (random.nextBoolean()) {
                at = random.nextInt(total + 1);
            } else {
                at = frameStarts.get(random.nextInt(frameStarts.size())) + random.nextInt(16) - 1;
            }
            if (at > 0 && at < total) {
                cuts.add(at);
            }
        }
        return Arrays.stream(cuts.toArray(new Integer[0])).mapToInt(Integer::intValue).toArray();
    }
}
