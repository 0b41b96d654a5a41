package dev.duplex.engine.testkit;

import dev.duplex.engine.FrameParser;
import dev.duplex.engine.Limits;
import dev.duplex.engine.Role;
import dev.duplex.engine.Violation;

import java.nio.ByteBuffer;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertions that run one input through a fresh parser with every {@link Feeder}. */
public final class ParserCheck {

    private ParserCheck() {
    }

    /**
     * Parses {@code input} with every feeder and asserts they all return the same frames, ending
     * at a frame boundary.
     *
     * @return those frames
     */
    public static List<ParsedFrame> parsesEveryWay(Role role, Limits limits, ByteBuffer input) {
        List<ParsedFrame> expected = null;
        for (Feeder feeder : Feeder.all()) {
            List<ParsedFrame> frames;
            try {
                frames = feeder.parseAll(new FrameParser(role, limits), input);
            } catch (AssertionError e) {
                throw new AssertionError(feeder + ": " + e.getMessage(), e);
            }
            if (expected == null) {
                expected = frames;
            } else {
                assertEquals(expected, frames, feeder + " parsed differently from " + Feeder.all().get(0));
            }
        }
        return expected;
    }

    /**
     * Asserts that {@code input} fails with {@code violation}, whose close code is {@code closeCode},
     * whichever way it is fed; and that fed one byte at a time, it fails on byte number {@code atByte}
     * (counting from 1), having consumed exactly the bytes up to and including that one.
     *
     * @return the frames parsed before the failure (the same every way)
     */
    public static List<ParsedFrame> failsEveryWay(Role role, Limits limits, ByteBuffer input,
                                                  Violation violation, int closeCode, int atByte) {
        assertEquals(closeCode, violation.closeCode(), violation + " maps to another close code");
        List<ParsedFrame> before = null;
        for (Feeder feeder : Feeder.all()) {
            Feeder.Outcome outcome = feeder.feed(new FrameParser(role, limits), input);
            assertNotNull(outcome.failure(), feeder + ": expected " + violation + ", parsed " + outcome.frames());
            assertEquals(violation, outcome.failure().violation(), feeder + ": " + outcome.failure().getMessage());
            assertEquals(closeCode, outcome.failure().closeCode(), feeder::toString);
            assertTrue(outcome.bytesConsumed() <= atByte,
                    feeder + ": consumed " + outcome.bytesConsumed() + " bytes, past the breaking byte " + atByte);
            if (before == null) {
                before = outcome.frames();
            } else {
                assertEquals(before, outcome.frames(), feeder + ": different frames before the failure");
            }
        }
        Feeder.Outcome byByte = Feeder.oneByteAtATime().feed(new FrameParser(role, limits), input);
        assertEquals((long) atByte, byByte.bytesFed(), "fed one byte at a time, the failure came at another byte");
        assertEquals((long) atByte, byByte.bytesConsumed(), "fed one byte at a time, the parser consumed");
        return before;
    }
}
