package dev.duplex.endpoint.server;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes RFC 3986 percent-encoding (section 2.1) of path segments and query components, with
 * UTF-8 as the character encoding of the octets (RFC 3986 section 2.5). Strict: a '%' not followed
 * by two hex digits, or octets that are not UTF-8, are errors rather than guesses.
 */
final class PercentDecoding {
    private PercentDecoding() {
    }

    /**
     * Decodes {@code text}; with {@code plusIsSpace}, '+' means a space, as in
     * {@code application/x-www-form-urlencoded} query strings.
     *
     * @throws IllegalArgumentException on a malformed escape or octets that are not UTF-8
     */
    static String decode(String text, boolean plusIsSpace) {
        if (text.indexOf('%') < 0 && (!plusIsSpace || text.indexOf('+') < 0)) {
            return text;
        }
        ByteBuffer bytes = ByteBuffer.allocate(text.length() * 4);
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length()) {
                    throw new IllegalArgumentException("'%' must be followed by two hex digits in \"" + text + "\"");
                }
                int high = Character.digit(text.charAt(i + 1), 16);
                int low = Character.digit(text.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    throw new IllegalArgumentException("'%' must be followed by two hex digits in \"" + text + "\"");
                }
                bytes.put((byte) (high << 4 | low));
                i += 3;
            } else if (c == '+' && plusIsSpace) {
                bytes.put((byte) ' ');
                i++;
            } else {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) != '%' && !(plusIsSpace && text.charAt(end) == '+')) {
                    end++;
                }
                bytes.put(text.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end;
            }
        }
        bytes.flip();
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes)
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("percent-encoded octets are not UTF-8 in \"" + text + "\"", e);
        }
    }
}
