package dev.duplex.engine;

/** Test helper: hex byte strings such as {@code "ED A0 80"}. */
final class Hex {

    private Hex() {
    }

    static byte[] bytes(String spaced) {
        String digits = spaced.replace(" ", "");
        byte[] out = new byte[digits.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(digits, 2 * i, 2 * i + 2, 16);
        }
        return out;
    }

    static String of(byte[] bytes, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            if (i > from) {
                sb.append(' ');
            }
            sb.append(String.format("%02X", bytes[i] & 0xFF));
        }
        return sb.toString();
    }
}
