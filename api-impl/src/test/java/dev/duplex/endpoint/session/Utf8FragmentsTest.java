package dev.duplex.endpoint.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Utf8FragmentsTest {
    private static final String TEXT = "x\u00df\u0800\uffff\ud800\udc00\udbff\udfffy";

    private static ByteBuffer slice(byte[] bytes, int from, int to) {
        return ByteBuffer.wrap(Arrays.copyOfRange(bytes, from, to));
    }

    @Test
    void everySplitIntoTwoFragmentsDecodesToTheSameText() {
        byte[] utf8 = TEXT.getBytes(StandardCharsets.UTF_8);
        for (int split = 0; split <= utf8.length; split++) {
            Utf8Fragments fragments = new Utf8Fragments();
            String first = fragments.decode(slice(utf8, 0, split), false);
            String second = fragments.decode(slice(utf8, split, utf8.length), true);
            assertEquals(TEXT, first + second, "split at " + split);
            assertFalse(first.contains("\ufffd"), "split at " + split);
        }
    }

    @Test
    void oneByteAtATimeYieldsOnlyWholeCharacters() {
        byte[] utf8 = TEXT.getBytes(StandardCharsets.UTF_8);
        Utf8Fragments fragments = new Utf8Fragments();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < utf8.length; i++) {
            String piece = fragments.decode(slice(utf8, i, i + 1), i == utf8.length - 1);
            assertFalse(!piece.isEmpty() && Character.isHighSurrogate(piece.charAt(piece.length() - 1)));
            text.append(piece);
        }
        assertEquals(TEXT, text.toString());
        assertFalse(fragments.hasCarry());
    }

    @Test
    void aFragmentIsNotConsumed() {
        ByteBuffer fragment = ByteBuffer.wrap("abc".getBytes(StandardCharsets.UTF_8));
        new Utf8Fragments().decode(fragment, true);
        assertEquals(0, fragment.position());
    }

    @Test
    void aMessageEndingInsideACharacterEndsWithAReplacementCharacter() {
        Utf8Fragments fragments = new Utf8Fragments();
        assertEquals("a", fragments.decode(ByteBuffer.wrap(new byte[] {'a', (byte) 0xE2}), false));
        assertTrue(fragments.hasCarry());
        assertEquals("\ufffd", fragments.decode(ByteBuffer.wrap(new byte[] {(byte) 0x82}), true));
        assertFalse(fragments.hasCarry());
    }

    @Test
    void theDecoderCanBeUsedForTheNextMessage() {
        Utf8Fragments fragments = new Utf8Fragments();
        assertEquals("\u20ac", fragments.decode(ByteBuffer.wrap("\u20ac".getBytes(StandardCharsets.UTF_8)), true));
        assertEquals("ok", fragments.decode(ByteBuffer.wrap("ok".getBytes(StandardCharsets.UTF_8)), true));
    }
}
