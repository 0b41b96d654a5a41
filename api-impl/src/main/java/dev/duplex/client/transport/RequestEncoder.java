package dev.duplex.client.transport;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Renders the two requests a client sends before WebSocket frames: the upgrade GET and the proxy CONNECT. */
final class RequestEncoder {
    private RequestEncoder() {
    }

    /** The opening handshake's GET (RFC 6455 section 4.1), with the request's header fields in order. */
    static ByteBuffer upgrade(ConnectRequest request) {
        StringBuilder out = new StringBuilder(256);
        out.append("GET ").append(request.requestTarget()).append(" HTTP/1.1\r\n");
        appendFields(out, request.handshakeHeaders());
        return encode(out.append("\r\n"));
    }

    /**
     * A CONNECT for a tunnel to the URI's host and port (RFC 9110 section 9.3.6): the request
     * target and Host are {@code host:port}, IPv6 literals in brackets.
     */
    static ByteBuffer connect(ConnectRequest request) {
        String authority = request.host() + ":" + request.port();
        StringBuilder out = new StringBuilder(128);
        out.append("CONNECT ").append(authority).append(" HTTP/1.1\r\n");
        if (ConnectRequest.headerValues(request.proxyHeaders(), "Host").isEmpty()) {
            out.append("Host: ").append(authority).append("\r\n");
        }
        appendFields(out, request.proxyHeaders());
        return encode(out.append("\r\n"));
    }

    private static void appendFields(StringBuilder out, Map<String, List<String>> fields) {
        fields.forEach((name, values) -> {
            for (String value : values) {
                out.append(name).append(": ").append(value).append("\r\n");
            }
        });
    }

    private static ByteBuffer encode(CharSequence text) {
        // Field values were checked to be Latin-1 without CR or LF when the request was built.
        return ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.ISO_8859_1));
    }
}
