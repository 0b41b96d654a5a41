package dev.duplex.engine.testkit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Hex strings for writing frames in tests. Whitespace, underscores and {@code |} are ignored,
 * so a frame can be written as {@code "81 05 | 48656c6c6f"}.
 */
public final class Hex {
    private static final HexFormat HEX = HexFormat.of();

    private Hex() {
    }

    /** The bytes of a hex string, separators ignored. */
    public static byte[] bytes(String hex) {
        String digits = hex.replaceAll("[\\s_|]", "");
        if (digits.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits: " + hex);
        }
        return HEX.parseHex(digits);
    }

    /** A fresh heap buffer holding the bytes of a hex string, position 0, big-endian. */
    public static ByteBuffer buffer(String hex) {
        return ByteBuffer.wrap(bytes(hex));
    }

    /** Lowercase hex of the whole array. */
    public static String of(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /** Lowercase hex of the buffer's remaining bytes; the buffer is not moved. */
    public static String of(ByteBuffer buffer) {
        return of(toArray(buffer));
    }

    /** Lowercase hex of the UTF-8 encoding of a string, to write text payloads readably. */
    public static String utf8(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code count} copies of one byte, as hex. */
    public static String repeat(int value, int count) {
        return HEX.toHexDigits((byte) value).repeat(count);
    }

    /** A copy of the buffer's remaining bytes; the buffer is not moved. */
    public static byte[] toArray(ByteBuffer buffer) {
        byte[] copy = new byte[buffer.remaining()];
        buffer.get(buffer.position(), copy);
        return copy;
    }
}
