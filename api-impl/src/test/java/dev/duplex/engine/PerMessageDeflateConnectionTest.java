package dev.duplex.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.engine.deflate.DeflateNegotiation;
import dev.duplex.engine.deflate.DeflateParameters;
import dev.duplex.engine.deflate.DeflateSettings;
import dev.duplex.engine.testkit.Hex;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * permessage-deflate on a connection (RFC 7692): the byte examples of section 7.2.3 both ways, the
 * rules for RSV1, limits counted on inflated bytes, and windows smaller than 15 bits kept for real.
 */
class PerMessageDeflateConnectionTest {
    private static final Pattern TEXT_EVENT = Pattern.compile("text \"(.*)\" (more|last)");

    /** Context takeover both ways, no threshold: every message compressed, as the RFC's examples are. */
    private static final DeflateSettings EVERYTHING = new DeflateSettings(true, Deflater.DEFAULT_COMPRESSION, 0,
            true, true);
    private static final DeflateParameters CONTEXT_TAKEOVER = new DeflateParameters(false, false, 0, 0);

    private static ConnectionHarness harness(Role role, DeflateParameters agreed, DeflateSettings settings,
            Limits limits) {
        return new ConnectionHarness(role, limits,
                Extensions.of(List.of(DeflateNegotiation.extension(agreed, role, settings))));
    }

    private static ConnectionHarness harness(Role role) {
        return harness(role, CONTEXT_TAKEOVER, EVERYTHING, Limits.DEFAULT);
    }

    /** The text messages the listener heard, each whole, and whether any message was still open. */
    private static List<String> texts(List<String> events) {
        List<String> messages = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String event : events) {
            Matcher m = TEXT_EVENT.matcher(event);
            if (!m.matches()) {
                messages.add(event);
                continue;
            }
            current.append(m.group(1));
            if (m.group(2).equals("last")) {
                messages.add(current.toString());
                current.setLength(0);
            }
        }
        assertEquals("", current.toString(), "a message did not end");
        return messages;
    }

    // ---------------------------------------------------------------- RFC 7692 section 7.2.3, received

    /** Each example of section 7.2.3 (frames unmasked), with the messages it carries, for both roles. */
    static Stream<Arguments> rfcExamples() {
        return Stream.of(
                Arguments.of("7.2.3.1, one frame", "c1 07 f248cdc9c90700", List.of("Hello")),
                Arguments.of("7.2.3.1, two fragments", "41 03 f248cd | 80 04 c9c90700", List.of("Hello")),
                Arguments.of("7.2.3.2, context takeover", "c1 07 f248cdc9c90700 | c1 05 f200110000",
                        List.of("Hello", "Hello")),
                Arguments.of("7.2.3.3, a stored block", "c1 0b 0005 00faff 48656c6c6f 00", List.of("Hello")),
                Arguments.of("7.2.3.4, BFINAL set", "c1 08 f348cdc9c90700 00 | c1 07 f248cdc9c90700",
                        List.of("Hello", "Hello")),
                Arguments.of("7.2.3.5, two blocks", "c1 0d f24805000000ffff cac9c90700", List.of("Hello")),
                Arguments.of("7.2.3.6, empty messages", "c1 01 00 | c2 01 00", List.of("", "binary last")))
                .flatMap(example -> Stream.of(Role.values()).map(role -> Arguments.of(role, example.get()[0],
                        example.get()[1], example.get()[2])));
    }

    @ParameterizedTest(name = "{1} ({0})")
    @MethodSource("rfcExamples")
    void rfc7692ExamplesAreReceivedAsTheirMessages(Role role, String example, String frames, List<String> messages) {
        ConnectionHarness h = harness(role);
        h.receive(frames);
        assertEquals(messages, texts(h.events()));
    }

    // ---------------------------------------------------------------- RFC 7692 section 7.2.3, sent

    @ParameterizedTest
    @EnumSource(Role.class)
    void sentMessagesAreTheRfcsBytesWithContextTakeover(Role role) {
        ConnectionHarness h = harness(role);
        h.connection.sendText(utf8("Hello"), true, Callback.NOOP);
        h.connection.sendText(utf8("Hello"), true, Callback.NOOP);
        assertEquals(List.of("c107 f248cdc9c90700", "c105 f200110000"), h.sent());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void withoutContextTakeoverEveryMessageStandsAlone(Role role) {
        DeflateParameters none = new DeflateParameters(true, true, 0, 0);
        ConnectionHarness h = harness(role, none, EVERYTHING, Limits.DEFAULT);
        h.connection.sendText(utf8("Hello"), true, Callback.NOOP);
        h.connection.sendText(utf8("Hello"), true, Callback.NOOP);
        assertEquals(List.of("c107 f248cdc9c90700", "c107 f248cdc9c90700"), h.sent());
    }

    @Test
    void rsv1GoesOnTheFirstFrameOfAFragmentedMessageOnly() {
        ConnectionHarness h = harness(Role.SERVER);
        h.connection.sendText(utf8("Hel"), false, Callback.NOOP);
        h.connection.sendText(utf8("lo"), true, Callback.NOOP);
        List<String> sent = h.sent();
        assertEquals(2, sent.size());
        assertTrue(sent.get(0).startsWith("41"), sent.get(0));
        assertTrue(sent.get(1).startsWith("80"), sent.get(1));
        // What the peer inflates from the two payloads is the message.
        assertEquals("Hello", inflate(payloadOf(sent.get(0)) + payloadOf(sent.get(1))));
    }

    @Test
    void messagesBelowTheThresholdGoUncompressed() {
        DeflateSettings threshold = new DeflateSettings(true, Deflater.DEFAULT_COMPRESSION, 6, true, true);
        ConnectionHarness h = harness(Role.SERVER, CONTEXT_TAKEOVER, threshold, Limits.DEFAULT);
        h.connection.sendText(utf8("Hello"), true, Callback.NOOP);
        h.connection.sendText(utf8("Hello!"), true, Callback.NOOP);
        assertEquals("8105 48656c6c6f", h.sent().get(0));
        assertTrue(h.sent().get(1).startsWith("c1"), h.sent().get(1));
    }

    @Test
    void controlFramesAreNeverCompressed() {
        ConnectionHarness h = harness(Role.SERVER);
        h.connection.sendPing(utf8("Hello"), Callback.NOOP);
        assertEquals(List.of("8905 48656c6c6f"), h.sent());
    }

    // ---------------------------------------------------------------- RSV1 rules

    @ParameterizedTest
    @EnumSource(Role.class)
    void rsv1OnAContinuationFailsWith1002(Role role) {
        ConnectionHarness h = harness(role);
        h.receive("41 03 f248cd | c0 04 c9c90700");
        assertEquals(List.of(new ClosePayload(1002, "RSV1 set on a continuation frame")), h.sentCloses());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void rsv1OnAControlFrameFailsWith1002(Role role) {
        ConnectionHarness h = harness(role);
        h.receive("c9 00");
        assertEquals(List.of(new ClosePayload(1002, "RSV1 set on a control frame")), h.sentCloses());
    }

    @Test
    void rsv2IsStillRefused() {
        ConnectionHarness h = harness(Role.SERVER);
        h.receive("a1 00");
        assertEquals(1002, h.sentCloses().get(0).code());
    }

    @Test
    void dataThatDoesNotInflateFailsWith1007() {
        ConnectionHarness h = harness(Role.SERVER);
        h.receive("c1 04 ffffffff");
        assertEquals(1007, h.sentCloses().get(0).code());
    }

    @Test
    void invalidUtf8InsideCompressedTextFailsWith1007() {
        ConnectionHarness h = harness(Role.SERVER);
        byte[] text = new byte[] {'o', 'k', (byte) 0xC0, (byte) 0x80};
        h.receive("c1 " + String.format("%02x", deflate(text).length) + Hex.of(deflate(text)));
        assertEquals(1007, h.sentCloses().get(0).code());
    }

    // ---------------------------------------------------------------- UTF-8 as it arrives

    /**
     * Autobahn 6.4.3 and 6.4.4, compressed and not: a text frame whose first bytes break UTF-8 fails
     * with 1007 while the rest of the frame is still on its way (RFC 6455 section 8.1).
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void invalidUtf8FailsWhenItArrivesNotWhenTheFrameEnds(boolean compressed) {
        Limits limits = Limits.builder().textInPieces(true).build();
        ConnectionHarness h = compressed ? harness(Role.SERVER, CONTEXT_TAKEOVER, EVERYTHING, limits)
                : new ConnectionHarness(Role.SERVER, limits);
        byte[] text = new byte[2000];
        java.util.Arrays.fill(text, (byte) 'a');
        text[5] = (byte) 0xED; // ED A0 80: a surrogate, never valid UTF-8
        text[6] = (byte) 0xA0;
        text[7] = (byte) 0x80;
        byte[] payload = compressed ? deflate(text) : text;
        ByteBuffer frame = ByteBuffer.allocate(payload.length + 4).put((byte) (compressed ? 0xc1 : 0x81))
                .put((byte) 126).putShort((short) payload.length).put(payload).flip();
        ByteBuffer wire = dev.duplex.engine.testkit.Wire.fromPeer(true, Hex.of(frame));
        h.connection.receive(wire.slice(0, 8 + Math.min(payload.length / 2, 20))); // header, key, some bytes
        assertEquals(List.of(1007), h.sentCloses().stream().map(ClosePayload::code).toList());
    }

    // ---------------------------------------------------------------- limits

    /** Arriving whole, and arriving in 1,000-byte reads (then the parser hands the long frame on in pieces). */
    @ParameterizedTest
    @ValueSource(ints = {Integer.MAX_VALUE, 1000})
    void aDecompressionBombFailsWith1009BeforeItIsInflated(int readSize) {
        Limits limits = Limits.builder().maxTextMessageSize(64 * 1024).maxBinaryMessageSize(64 * 1024)
                .maxWholeFrameSize(16 * 1024).build();
        ConnectionHarness h = harness(Role.SERVER, CONTEXT_TAKEOVER, EVERYTHING, limits);
        byte[] bomb = deflate(new byte[64 * 1024 * 1024]); // 64 MiB of zeros in about 64 KiB
        assertTrue(bomb.length < 128 * 1024, "bomb of " + bomb.length + " bytes");
        ByteBuffer frame = ByteBuffer.allocate(bomb.length + 10).put((byte) 0xc2).put((byte) 127)
                .putLong(bomb.length).put(bomb).flip();
        ByteBuffer wire = dev.duplex.engine.testkit.Wire.fromPeer(true, Hex.of(frame));
        while (wire.hasRemaining() && h.sentCloses().isEmpty()) {
            ByteBuffer read = wire.slice(wire.position(), Math.min(readSize, wire.remaining()));
            wire.position(wire.position() + read.remaining());
            h.connection.receive(read);
        }
        assertEquals(1009, h.sentCloses().get(0).code());
        // At most the limit, and one byte, was ever inflated.
        long delivered = h.events().stream().filter(e -> e.startsWith("binary"))
                .mapToLong(e -> e.split(" ")[1].length() / 2).sum();
        assertTrue(delivered <= 64 * 1024, "delivered " + delivered + " bytes before failing");
    }

    @Test
    void theMessageLimitCountsInflatedBytesNotCompressedOnes() {
        Limits limits = Limits.builder().maxTextMessageSize(1000).maxBinaryMessageSize(1000).build();
        ConnectionHarness h = harness(Role.SERVER, CONTEXT_TAKEOVER, EVERYTHING, limits);
        byte[] thousand = deflate("a".repeat(1000).getBytes(StandardCharsets.US_ASCII));
        byte[] thousandAndOne = deflate("a".repeat(1001).getBytes(StandardCharsets.US_ASCII));
        h.receive("c1 " + String.format("%02x", thousand.length) + Hex.of(thousand));
        assertEquals(List.of("a".repeat(1000)), texts(h.events()));
        h.receive("c1 " + String.format("%02x", thousandAndOne.length) + Hex.of(thousandAndOne));
        assertEquals(1009, h.sentCloses().get(0).code());
    }

    // ---------------------------------------------------------------- small windows

    @ParameterizedTest
    @ValueSource(ints = {8, 9, 12, 14})
    void aLimitedWindowIsKeptByEveryBackReference(int bits) {
        DeflateParameters limited = new DeflateParameters(false, false, bits, 0);
        ConnectionHarness h = harness(Role.SERVER, limited, EVERYTHING, Limits.DEFAULT);
        byte[] text = new byte[100_000];
        Random random = new Random(bits);
        for (int i = 0; i < text.length; i++) {
            text[i] = (byte) ('a' + random.nextInt(4)); // repetitive: matches at every distance
        }
        h.connection.sendBinary(ByteBuffer.wrap(text), true, Callback.NOOP);
        h.connection.sendBinary(ByteBuffer.wrap(text), true, Callback.NOOP);
        for (String frame : h.sent()) {
            byte[] compressed = Hex.bytes(payloadOf(frame) + "0000ffff"); // the tail put back (section 7.2.2)
            assertTrue(compressed.length < text.length / 2, "compressed to " + compressed.length);
            // Every distance within the window, checked by a decoder that follows the DEFLATE format.
            assertEquals(ByteBuffer.wrap(text), ByteBuffer.wrap(RawInflate.inflate(compressed, 1 << bits)));
        }
    }

    // ---------------------------------------------------------------- helpers

    private static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The payload of a frame as {@link ConnectionHarness#sent()} shows it: "c107 f248..." to "f248...". */
    private static String payloadOf(String frameHex) {
        return frameHex.substring(frameHex.indexOf(' ') + 1).replace(" ", "");
    }

    /** What a peer does with a message's compressed payload: append the tail and inflate (section 7.2.2). */
    private static String inflate(String payloadHex) {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(Hex.bytes(payloadHex + "0000ffff"));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[1024];
            int n;
            while ((n = inflater.inflate(buffer)) > 0) {
                out.write(buffer, 0, n);
            }
            return out.toString(StandardCharsets.UTF_8);
        } catch (java.util.zip.DataFormatException e) {
            throw new AssertionError(e);
        } finally {
            inflater.end();
        }
    }

    /** A message's compressed payload as a sender makes it: sync flush, tail left off. */
    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try {
            deflater.setInput(data);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            int n;
            do {
                n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
                out.write(buffer, 0, n);
            } while (n == buffer.length);
            byte[] all = out.toByteArray();
            return java.util.Arrays.copyOf(all, all.length - 4);
        } finally {
            deflater.end();
        }
    }
}
