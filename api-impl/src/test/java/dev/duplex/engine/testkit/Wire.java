package dev.duplex.engine.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * Builds what a client puts on the wire from frames written unmasked, so tests of the server
 * side can be written as readable hex. Works on raw bytes with the byte-by-byte masking of
 * RFC 6455 section 5.3, independent of the engine's own code, and copes with broken or
 * truncated frames (it masks what is there), so it can build invalid input too.
 */
public final class Wire {
    /** The default key; arbitrary but with four different, non-zero bytes. */
    public static final int KEY = 0x1b2c3d4e;

    private Wire() {
    }

    /** The frames in {@code unmaskedHex}, each masked with its own key derived from {@link #KEY}. */
    public static ByteBuffer masked(String unmaskedHex) {
        return masked(unmaskedHex, KEY, true);
    }

    /** The frames in {@code unmaskedHex}, all masked with {@code key}. */
    public static ByteBuffer masked(String unmaskedHex, int key) {
        return masked(unmaskedHex, key, false);
    }

    /** How a peer of the given role sends these frames: masked when the peer is a client. */
    public static ByteBuffer fromPeer(boolean peerIsClient, String unmaskedHex) {
        return peerIsClient ? masked(unmaskedHex) : Hex.buffer(unmaskedHex);
    }

    private static ByteBuffer masked(String unmaskedHex, int firstKey, boolean keyPerFrame) {
        byte[] in = Hex.bytes(unmaskedHex);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int key = firstKey;
        int i = 0;
        while (i < in.length) {
            out.write(in[i++]);
            if (i == in.length) {
                break;
            }
            int second = in[i++] & 0xFF;
            if ((second & 0x80) != 0) {
                throw new IllegalArgumentException("frame at byte " + (i - 2) + " is already masked: " + unmaskedHex);
            }
            out.write(second | 0x80);
            int length7 = second & 0x7F;
            int extendedBytes = length7 == 126 ? 2 : length7 == 127 ? 8 : 0;
            long length = length7;
            if (extendedBytes > 0) {
                length = 0;
                for (int k = 0; k < extendedBytes; k++) {
                    if (i == in.length) {
                        return ByteBuffer.wrap(out.toByteArray());
                    }
                    length = (length << 8) | (in[i] & 0xFF);
                    out.write(in[i++]);
                }
            }
            for (int shift = 24; shift >= 0; shift -= 8) {
                out.write(key >>> shift);
            }
            for (long j = 0; j < length && i < in.length; j++) {
                int keyByte = key >>> (24 - 8 * (int) (j & 3));
                out.write((in[i++] ^ keyByte) & 0xFF);
            }
            if (keyPerFrame) {
                key = Integer.rotateLeft(key * 0x9E3779B1, 7) ^ 0x5a5a5a5a;
            }
        }
        return ByteBuffer.wrap(out.toByteArray());
    }
}
