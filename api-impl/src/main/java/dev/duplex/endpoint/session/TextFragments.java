package dev.duplex.endpoint.session;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Encodes the parts of an outgoing text message to UTF-8. A part may end between the two halves
 * of a surrogate pair; the high surrogate is then held back and sent with the next part, so no
 * part carries half a character (RFC 6455 section 5.6: the message is UTF-8 as a whole, and the
 * engine sends each part as given).
 *
 * <p>Not thread-safe: one instance per outgoing fragmented message's sender.
 */
final class TextFragments {
    private char heldHighSurrogate;
    private boolean holding;

    /** The UTF-8 of {@code part}, with the character held back from the previous part. */
    ByteBuffer encode(CharSequence part, boolean last) {
        StringBuilder text = new StringBuilder(part.length() + 1);
        if (holding) {
            text.append(heldHighSurrogate);
            holding = false;
        }
        text.append(part);
        int length = text.length();
        if (!last && length > 0 && Character.isHighSurrogate(text.charAt(length - 1))) {
            heldHighSurrogate = text.charAt(length - 1);
            holding = true;
            text.setLength(length - 1);
        }
        return ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Forgets a held character, when the message is abandoned. */
    void reset() {
        holding = false;
    }
}
