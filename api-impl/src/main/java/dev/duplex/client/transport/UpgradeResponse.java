package dev.duplex.client.transport;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * The server's answer to an upgrade request, as received: nothing here is validated beyond
 * HTTP syntax (see {@link HandshakeValidator}).
 *
 * @param status   the status code, 101 when the server switched protocols
 * @param reason   the reason phrase, possibly empty
 * @param headers  the header fields; unmodifiable, names looked up ignoring case, repeated fields
 *                 collected in order of arrival
 * @param leftover bytes that arrived after the empty line ending the head, read-only: after a 101
 *                 the first bytes of the WebSocket stream, otherwise the start of the body
 */
public record UpgradeResponse(int status, String reason, Map<String, List<String>> headers, ByteBuffer leftover) {

    public UpgradeResponse {
        leftover = leftover.asReadOnlyBuffer();
    }

    /** The first value of a header field, or null when absent. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** All values of a header field, or an empty list. */
    public List<String> headerValues(String name) {
        return headers.getOrDefault(name, List.of());
    }

    @Override
    public ByteBuffer leftover() {
        return leftover.duplicate();
    }

    @Override
    public String toString() {
        return "UpgradeResponse[" + status + " " + reason + ", " + headers.size() + " header fields, "
                + leftover.remaining() + " bytes after the head]";
    }
}
