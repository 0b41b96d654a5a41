package dev.duplex.engine.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Character classes of RFC 7230 §3.2.6 and §3.2.3. */
class HttpSyntaxTest {

    /** §3.2.6: tokens are VCHARs other than these delimiters. */
    private static final String DELIMITERS = "\"(),/:;<=>?@[\\]{}";

    @Test
    void tokenCharactersAreVisibleAsciiExceptDelimiters() {
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            boolean vchar = c >= 0x21 && c <= 0x7E;
            assertEquals(vchar && DELIMITERS.indexOf(c) < 0, HttpSyntax.isTokenChar(c), "U+" + Integer.toHexString(c));
        }
    }

    @Test
    void emptyStringIsNotAToken() {
        assertFalse(HttpSyntax.isToken(""));
        assertTrue(HttpSyntax.isToken("a"));
    }

    @Test
    void quotedTextExcludesQuoteBackslashAndControlsButAllowsObsText() {
        for (char c = 0; c <= 0x1FF; c++) {
            boolean expected = c == '\t' || c >= 0x20 && c <= 0x7E && c != '"' && c != '\\' || c >= 0x80 && c <= 0xFF;
            assertEquals(expected, HttpSyntax.isQuotedTextChar(c), "U+" + Integer.toHexString(c));
        }
    }

    @Test
    void quotedPairAllowsHtabSpaceVisibleAndObsText() {
        for (char c = 0; c <= 0x1FF; c++) {
            boolean expected = c == '\t' || c >= 0x20 && c <= 0x7E || c >= 0x80 && c <= 0xFF;
            assertEquals(expected, HttpSyntax.isQuotablePairChar(c), "U+" + Integer.toHexString(c));
        }
    }

    @Test
    void trimsOnlySpaceAndHorizontalTab() {
        assertEquals("a b", HttpSyntax.trimOws(" \t a b\t \t"));
        assertEquals("\na\r", HttpSyntax.trimOws(" \na\r "));
        assertEquals("", HttpSyntax.trimOws(" \t "));
    }

    @Test
    void quotesValuesForMessagesSafely() {
        assertEquals("\"a\\u000D\\u000Ab\\\"c\\\\\"", HttpSyntax.quoteForMessage("a\r\nb\"c\\"));
        String longValue = "x".repeat(500);
        String quoted = HttpSyntax.quoteForMessage(longValue);
        assertTrue(quoted.endsWith("... (500 chars)"), quoted);
        assertTrue(quoted.length() < 230, quoted);
    }
}
