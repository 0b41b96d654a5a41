package dev.duplex.engine;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The bulk classifier must accept exactly the well-formed characters: accepting an ill-formed one would let invalid
 * text through, and rejecting a well-formed one, though still correct (the automaton takes over), would make the fast
 * path slow. Checked against the JDK's strict decoder.
 */
class Utf8BulkScannerTest {

    private final Utf8ReferenceScanner jdk = new Utf8ReferenceScanner();

    @Test
    void classifiesEveryTwoByteWordLikeTheJdk() {
        byte[] sequence = new byte[2];
        for (int bits = 0x8000; bits <= 0xFFFF; bits++) { // lead bytes 80..FF
            sequence[0] = (byte) (bits >>> 8);
            sequence[1] = (byte) bits;
            int word = (bits >>> 8) | (bits & 0xFF) << 8;
            expect(isOneCharacter(sequence), Utf8BulkScanner.isTwoByteCharacter(word), sequence);
        }
    }

    @Test
    void classifiesEveryThreeByteWordLikeTheJdk() {
        byte[] sequence = new byte[3];
        for (int bits = 0x80_0000; bits <= 0xFF_FFFF; bits++) {
            sequence[0] = (byte) (bits >>> 16);
            sequence[1] = (byte) (bits >>> 8);
            sequence[2] = (byte) bits;
            int word = (sequence[0] & 0xFF) | (sequence[1] & 0xFF) << 8 | (sequence[2] & 0xFF) << 16;
            expect(isOneCharacter(sequence), Utf8BulkScanner.isThreeByteCharacter(word), sequence);
        }
    }

    @Test
    void classifiesFourByteWordsWithLeadF0ToFFLikeTheJdk() {
        // Every second byte (which carries the range limits); third and fourth bytes around the continuation edges.
        int[] edges = {0x00, 0x3F, 0x40, 0x7F, 0x80, 0x81, 0xBE, 0xBF, 0xC0, 0xFF};
        byte[] sequence = new byte[4];
        for (int lead = 0xF0; lead <= 0xFF; lead++) {
            for (int second = 0; second <= 0xFF; second++) {
                for (int third : edges) {
                    for (int fourth : edges) {
                        sequence[0] = (byte) lead;
                        sequence[1] = (byte) second;
                        sequence[2] = (byte) third;
                        sequence[3] = (byte) fourth;
                        int word = lead | second << 8 | third << 16 | fourth << 24;
                        expect(isOneCharacter(sequence), Utf8BulkScanner.isFourByteCharacter(word), sequence);
                    }
                }
            }
        }
    }

    @Test
    void classifiersIgnoreBytesAfterTheCharacter() {
        assertEquals(true, Utf8BulkScanner.isTwoByteCharacter(0xFFFF_80C2));
        assertEquals(true, Utf8BulkScanner.isThreeByteCharacter(0xFF80_80E1));
    }

    @Test
    void skipsWellFormedTextUpToTheLastFewBytes() {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp += 97) {
            if (!Character.isSurrogate((char) cp) || cp > 0xFFFF) {
                text.writeBytes(Character.toString(cp).getBytes(UTF_8));
            }
        }
        byte[] bytes = text.toByteArray();

        int stop = Utf8BulkScanner.scan(bytes, 0, bytes.length);

        assertEquals(true, bytes.length - stop < Utf8BulkScanner.MAX_SEQUENCE_LENGTH, "stopped at " + stop);
    }

    /** Whether the JDK decodes the bytes strictly, to exactly one code point. */
    private boolean isOneCharacter(byte[] sequence) {
        if (!jdk.strictlyDecodes(sequence, 0, sequence.length)) {
            return false;
        }
        String decoded = new String(sequence, UTF_8);
        return decoded.codePointCount(0, decoded.length()) == 1;
    }

    private static void expect(boolean wellFormed, boolean accepted, byte[] sequence) {
        if (wellFormed != accepted) {
            fail(Hex.of(sequence, 0, sequence.length) + ": JDK says well-formed=" + wellFormed + ", bulk accepts="
                    + accepted);
        }
    }
}
