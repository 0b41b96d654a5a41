package dev.duplex.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.engine.testkit.Wire;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Limits#maxWholeFrameSize()}: a data frame longer than it that does not arrive in one buffer comes out of
 * the parser in pieces, as fragments of its message, unmasked correctly wherever a piece starts; shorter frames,
 * frames that arrive whole, and control frames come out whole as before.
 */
class FrameParserPiecesTest {
    private static final Limits PIECES_OVER_16 = Limits.builder().maxTextMessageSize(1 << 20)
            .maxBinaryMessageSize(1 << 20).maxWholeFrameSize(16).build();

    /** Frames from a client (masked) for a server parser, given unmasked in hex. */
    private static ByteBuffer fromClient(String hex) {
        return Wire.fromPeer(true, hex);
    }

    /** Parses {@code wire} handed over in pieces of {@code chunk} bytes. */
    private static List<Frame> parseInChunks(Limits limits, ByteBuffer wire, int chunk) throws ProtocolException {
        FrameParser parser = new FrameParser(Role.SERVER, limits);
        List<Frame> frames = new ArrayList<>();
        for (int at = 0; at < wire.limit(); at += chunk) {
            ByteBuffer in = wire.slice(at, Math.min(chunk, wire.limit() - at));
            Frame frame;
            while ((frame = parser.parse(in)) != null) {
                frames.add(copyOf(frame));
            }
            assertTrue(!in.hasRemaining(), "the parser consumed the whole chunk");
        }
        assertTrue(parser.isAtFrameBoundary());
        return frames;
    }

    /** The frame with its payload copied: a view stays valid only while its buffer does. */
    private static Frame copyOf(Frame frame) {
        ByteBuffer copy = ByteBuffer.allocate(frame.payloadLength()).put(frame.payload().duplicate()).flip();
        return new Frame(frame.fin(), frame.rsv(), frame.opcode(), copy, frame.asciiPrefix());
    }

    private static String describe(List<Frame> frames) {
        StringBuilder out = new StringBuilder();
        for (Frame frame : frames) {
            out.append(OpCode.name(frame.opcode())).append(frame.fin() ? " fin " : " ").append(frame.payloadLength())
                    .append("; ");
        }
        return out.toString();
    }

    private static byte[] joined(List<Frame> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Frame frame : frames) {
            byte[] bytes = new byte[frame.payloadLength()];
            frame.payload().duplicate().get(bytes);
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    private static String text(int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append((char) ('a' + i % 26));
        }
        return text.toString();
    }

    @Test
    void aLongFrameSpanningBuffersComesOutInPiecesAsItsBytesArrive() throws ProtocolException {
        byte[] payload = text(100).getBytes(StandardCharsets.US_ASCII);
        ByteBuffer wire = fromClient("81 64 " + HexFormat.of().formatHex(payload));

        // The header (2 + 4 key bytes) and 34 payload bytes, then 40, then 26.
        List<Frame> frames = parseInChunks(PIECES_OVER_16, wire, 40);

        assertEquals("TEXT 34; CONTINUATION 40; CONTINUATION fin 26; ", describe(frames));
        assertArrayEquals(payload, joined(frames), "every piece unmasked with the key byte of its offset");
        for (Frame frame : frames) {
            assertEquals(frame.payloadLength(), frame.asciiPrefix(), "ASCII text: each piece is all ASCII");
        }
    }

    @Test
    void piecesStartingAtEveryKeyOffsetUnmaskAlike() throws ProtocolException {
        byte[] payload = new byte[61];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 37);
        }
        for (int chunk = 1; chunk <= 13; chunk++) {
            // A new wire each time: the parser unmasks in place.
            ByteBuffer wire = fromClient("82 3d " + HexFormat.of().formatHex(payload));
            List<Frame> frames = parseInChunks(PIECES_OVER_16, wire, chunk);
            assertArrayEquals(payload, joined(frames), "chunks of " + chunk);
            assertEquals(OpCode.BINARY, frames.get(0).opcode());
            assertTrue(frames.get(frames.size() - 1).fin());
            for (int i = 1; i < frames.size(); i++) {
                assertEquals(OpCode.CONTINUATION, frames.get(i).opcode());
                assertEquals(i == frames.size() - 1, frames.get(i).fin());
            }
        }
    }

    @Test
    void framesThatArriveWholeOrAreShortEnoughOrAreControlFramesComeOutWhole() throws ProtocolException {
        String longText = HexFormat.of().formatHex(text(100).getBytes(StandardCharsets.US_ASCII));
        assertEquals("TEXT fin 100; ", describe(parseInChunks(PIECES_OVER_16, fromClient("81 64 " + longText), 200)));
        assertEquals("TEXT fin 16; ", describe(parseInChunks(PIECES_OVER_16,
                fromClient("81 10 " + longText.substring(0, 32)), 7)));
        assertEquals("PING fin 100; ", describe(parseInChunks(PIECES_OVER_16, fromClient("89 64 " + longText), 7)));
    }

    @Test
    void onlyTheLastPieceOfTheLastFrameEndsTheMessage() throws ProtocolException {
        String twenty = HexFormat.of().formatHex(text(20).getBytes(StandardCharsets.US_ASCII));
        // A message of two 20-byte frames with a ping between them, handed over 8 bytes at a time.
        ByteBuffer wire = fromClient("01 14 " + twenty + " | 89 00 | 80 14 " + twenty);

        List<Frame> frames = parseInChunks(PIECES_OVER_16, wire, 8);

        String described = describe(frames);
        assertTrue(described.startsWith("TEXT 2; CONTINUATION 8;"), described);
        assertTrue(described.contains("PING fin 0; CONTINUATION"), described);
        assertTrue(described.endsWith("CONTINUATION fin 2; "), described);
        assertEquals(1, described.split(" fin ").length - 1 - 1, "one fin besides the ping's: " + described);
    }

    @Test
    void wholeFramesByDefault() throws ProtocolException {
        String longText = HexFormat.of().formatHex(text(100).getBytes(StandardCharsets.US_ASCII));
        Limits defaults = Limits.builder().build();
        assertEquals("TEXT fin 100; ", describe(parseInChunks(defaults, fromClient("81 64 " + longText), 3)));
    }
}
