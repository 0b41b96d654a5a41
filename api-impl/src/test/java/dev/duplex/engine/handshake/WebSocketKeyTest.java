package dev.duplex.engine.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 6455 §4.1 item 7, §4.2.1 item 5, §4.2.2 item 5.4, §11.3.1. */
class WebSocketKeyTest {

    private static final String RFC_EXAMPLE_KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    /** §1.3 gives the SHA-1 as b3 7a 4f 2c c0 62 4f 16 90 f6 46 06 cf 38 59 45 b2 be c4 ea, base64 as below. */
    @Test
    void acceptForMatchesTheExampleOfRfc6455Section1_3() {
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", WebSocketKey.acceptFor(RFC_EXAMPLE_KEY));
    }

    @Test
    void acceptForIgnoresSurroundingOws() {
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", WebSocketKey.acceptFor(" \t" + RFC_EXAMPLE_KEY + "\t "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "short==", "dGhlIHNhbXBsZSBub25jZQ", "dGhlIHNhbXBsZSBub25jZQ=!"})
    void acceptForRefusesAnInvalidKey(String key) {
        assertThrows(IllegalArgumentException.class, () -> WebSocketKey.acceptFor(key));
    }

    @Test
    void acceptForRefusesNull() {
        assertThrows(IllegalArgumentException.class, () -> WebSocketKey.acceptFor(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        RFC_EXAMPLE_KEY,
        "x3JJHMbDL1EzLkh9GBhXDw==",
        "AAAAAAAAAAAAAAAAAAAAAA==",
        "/////////////////////w==",
        "+/+/+/+/+/+/+/+/+/+/+w==",
        " dGhlIHNhbXBsZSBub25jZQ==",
        "\tdGhlIHNhbXBsZSBub25jZQ==\t ",
        "AAAAAAAAAAAAAAAAAAAAAB==" // non-zero pad bits: still 16 bytes, tolerated (RFC 4648 §3.5)
    })
    void acceptsBase64OfSixteenBytesWithPadding(String key) {
        assertTrue(WebSocketKey.isValidClientKey(key));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "   ",
        "dGhlIHNhbXBsZSBub25jZQ",       // padding missing
        "dGhlIHNhbXBsZSBub25jZQ=",      // one pad character short
        "dGhlIHNhbXBsZSBub25jZQ===",    // one pad character too many
        "dGhlIHNhbXBsZSBub25jZQA=",     // 17 bytes
        "dGhlIHNhbXBsZSBub25jZ===",     // 15 bytes and malformed padding
        "dGhlIHNhbXBsZSBub25j",         // 15 bytes, no padding
        "dGhlIHNhbXBsZSBub25jZQAB",     // 18 bytes
        "dGhlIHNhbXBsZSBub25jZQ==dGhlIHNhbXBsZSBub25jZQ==",
        "dGhlIHNhbXBsZSBub25j=Q==",     // padding in the middle
        "dGhlIHNhbXBsZSBub25j-Q==",     // URL-safe alphabet is not the standard alphabet
        "dGhlIHNhbXBsZSBub25j_Q==",
        "dGhlIHNhbXBsZSBub25j Q==",     // inner space
        "dGhlIHNhbXBsZSBub25jZ\u00e4==", // non-ASCII
        "\ndGhlIHNhbXBsZSBub25jZQ==",   // line feed is not OWS
        "dGhlIHNhbXBsZSBub25jZQ==\r",
        "\u000bdGhlIHNhbXBsZSBub25jZQ==" // vertical tab is not OWS
    })
    void rejectsValuesThatAreNotPaddedBase64OfSixteenBytes(String key) {
        assertFalse(WebSocketKey.isValidClientKey(key));
    }

    @Test
    void rejectsAnAbsentHeader() {
        assertFalse(WebSocketKey.isValidClientKey(null));
    }

    @Test
    void agreesWithTheJdkBase64DecoderOnRandomCandidates() {
        long seed = System.nanoTime();
        SplittableRandom random = new SplittableRandom(seed);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        String noise = alphabet + "====-_ !";
        for (int round = 0; round < 20_000; round++) {
            StringBuilder candidate = new StringBuilder();
            int length = random.nextInt(20, 28);
            for (int i = 0; i < length; i++) {
                String pool = random.nextInt(8) == 0 ? noise : alphabet;
                candidate.append(pool.charAt(random.nextInt(pool.length())));
            }
            if (random.nextBoolean() && length > 2) {
                candidate.replace(length - 2, length, "==");
            }
            String key = candidate.toString();

            assertEquals(decodesToSixteenBytesWithPadding(key), WebSocketKey.isValidClientKey(key),
                    key + " (seed " + seed + ")");
        }
    }

    @Test
    void newClientKeyIsValidAndDecodesToSixteenBytes() {
        String key = WebSocketKey.newClientKey(new Random(42));

        assertTrue(WebSocketKey.isValidClientKey(key));
        assertEquals(16, Base64.getDecoder().decode(key).length);
    }

    @Test
    void newClientKeyIsRepeatableForTheSameRandomSequence() {
        assertEquals(WebSocketKey.newClientKey(new Random(7)), WebSocketKey.newClientKey(new Random(7)));
    }

    @Test
    void newClientKeyDiffersBetweenCalls() {
        Random random = new Random(7);

        assertNotEquals(WebSocketKey.newClientKey(random), WebSocketKey.newClientKey(random));
    }

    @Test
    void acceptForAClientKeyIsBase64OfATwentyByteSha1() {
        String accept = WebSocketKey.acceptFor(WebSocketKey.newClientKey(new Random(1)));

        assertEquals(20, Base64.getDecoder().decode(accept).length);
    }

    private static boolean decodesToSixteenBytesWithPadding(String candidate) {
        String key = candidate.replaceAll("^[ \t]+|[ \t]+$", ""); // OWS is not part of the value
        if (key.length() != 24 || !key.endsWith("==")) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }
}
