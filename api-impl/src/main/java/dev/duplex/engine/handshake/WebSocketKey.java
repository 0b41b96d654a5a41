package dev.duplex.engine.handshake;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Random;

/**
 * The {@code Sec-WebSocket-Key} / {@code Sec-WebSocket-Accept} pair of the opening handshake (RFC 6455 §1.3, §4.1
 * item 7, §4.2.1 item 5, §4.2.2 item 5.4, §11.3.1, §11.3.3).
 *
 * <p>Thread-safety: stateless; safe to use from any thread (a {@link Random} passed in must itself be safe for the
 * caller's use; {@link java.security.SecureRandom} is).
 */
public final class WebSocketKey {

    /** The fixed GUID appended to the key before hashing (RFC 6455 §1.3, §4.2.2 item 5.4). */
    static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /** A key is a random 16-byte nonce (§4.1 item 7)... */
    private static final int NONCE_BYTES = 16;
    /** ...whose padded base64 form is 22 data characters and "==" (RFC 4648 §4). */
    private static final int ENCODED_LENGTH = 24;
    private static final int DATA_CHARS = 22;

    private WebSocketKey() {
    }

    /**
     * Tells whether a {@code Sec-WebSocket-Key} value is valid (RFC 6455 §4.2.1 item 5, §11.3.1): after removing
     * surrounding OWS (RFC 7230 §3.2.4), it must be base64 in the standard alphabet with padding (RFC 4648 §4) that
     * decodes to exactly 16 bytes, i.e. 22 alphabet characters followed by {@code ==}.
     *
     * <p>The two unused low bits of the last data character are not required to be zero (RFC 4648 §3.5 lets decoders
     * choose); the value still decodes to 16 bytes, and the accept value is computed from the text, not the bytes.
     *
     * @param value the header value, or {@code null} if the header is absent
     * @return {@code false} for {@code null} and for any malformed value
     */
    public static boolean isValidClientKey(String value) {
        if (value == null) {
            return false;
        }
        String key = HttpSyntax.trimOws(value);
        if (key.length() != ENCODED_LENGTH || !key.endsWith("==")) {
            return false;
        }
        for (int i = 0; i < DATA_CHARS; i++) {
            if (!isBase64AlphabetChar(key.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The {@code Sec-WebSocket-Accept} value for a key: base64 of the SHA-1 of the key followed by the GUID (RFC 6455
     * §4.2.2 item 5.4). Surrounding OWS of the key is ignored.
     *
     * @param key a valid {@code Sec-WebSocket-Key} value
     * @throws IllegalArgumentException if {@link #isValidClientKey(String)} rejects the key
     */
    public static String acceptFor(String key) {
        if (!isValidClientKey(key)) {
            throw new IllegalArgumentException("not a valid Sec-WebSocket-Key: "
                    + (key == null ? "null" : HttpSyntax.quoteForMessage(key)));
        }
        byte[] hashed = sha1().digest((HttpSyntax.trimOws(key) + ACCEPT_GUID).getBytes(US_ASCII));
        return Base64.getEncoder().encodeToString(hashed);
    }

    /**
     * A fresh {@code Sec-WebSocket-Key}: 16 bytes from {@code random}, base64-encoded (RFC 6455 §4.1 item 7).
     *
     * @param random the nonce source; production callers pass a {@link java.security.SecureRandom} (the nonce must be
     *               unpredictable, §10.3), tests may pass a seeded generator to get repeatable keys
     */
    public static String newClientKey(Random random) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        return Base64.getEncoder().encodeToString(nonce);
    }

    private static boolean isBase64AlphabetChar(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/';
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every Java platform", e);
        }
    }
}
