package dev.duplex.endpoint.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextFragmentsTest {
    private static String text(ByteBuffer utf8) {
        return StandardCharsets.UTF_8.decode(utf8).toString();
    }

    @Test
    void aHighSurrogateAtTheEndOfAPartWaitsForTheNextPart() {
        TextFragments fragments = new TextFragments();
        assertEquals("a", text(fragments.encode("a\ud83d", false)));
        assertEquals("\ud83d\ude00b", text(fragments.encode("\ude00b", true)));
    }

    @Test
    void theLastPartIsSentAsItIs() {
        TextFragments fragments = new TextFragments();
        assertEquals(3, fragments.encode("ab\ud83d", true).remaining()); // a, b and '?' for the lone surrogate
    }

    @Test
    void resetForgetsAHeldSurrogate() {
        TextFragments fragments = new TextFragments();
        fragments.encode("\ud83d", false);
        fragments.reset();
        assertEquals("x", text(fragments.encode("x", true)));
    }
}
