package dev.duplex.client.transport;

/**
 * What the client checks of header fields it sends and receives (RFC 9110 section 5.6). Header
 * values with list grammar are parsed by {@code dev.duplex.engine.handshake}.
 */
final class HttpTokens {
    private HttpTokens() {
    }

    /** Whether {@code text} is a non-empty token: visible ASCII except delimiters (RFC 9110 section 5.6.2). */
    static boolean isToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= 0x20 || c >= 0x7F || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether a field value can be sent as is: no CR, LF or NUL, which would end or corrupt the header block. */
    static boolean isSafeFieldValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0 || c > 0xFF) {
                return false;
            }
        }
        return true;
    }
}
