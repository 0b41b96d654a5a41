package dev.duplex.servlet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 request written byte for byte over a plain socket, and the response head and body
 * read back: for handshakes no WebSocket client would send. Reads time out after 20 seconds.
 */
final class RawHttp {
    private static final int TIMEOUT_MILLIS = 20_000;

    /** A response: status, headers by lower-case name, and the body (empty after a 101). */
    record Response(int status, Map<String, List<String>> headers, String body) {
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.get(0);
        }
    }

    private RawHttp() {
    }

    /** The headers of a valid opening handshake for {@code path} (RFC 6455 section 4.1), the sample key of section 1.3. */
    static String handshake(String method, String path, String... extraHeaders) {
        StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\n")
                .append("Host: 127.0.0.1\r\n");
        for (String header : extraHeaders) {
            request.append(header).append("\r\n");
        }
        return request.toString();
    }

    /** A complete handshake request: {@link #handshake} plus the usual upgrade headers, unless overridden. */
    static String validHandshake(String path, String... extraHeaders) {
        List<String> headers = new ArrayList<>(List.of("Upgrade: websocket", "Connection: Upgrade",
                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13"));
        headers.addAll(List.of(extraHeaders));
        return handshake("GET", path, headers.toArray(String[]::new));
    }

    /** Sends the request head (ending it with an empty line) and reads the response. */
    static Response exchange(int port, String requestHead) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write((requestHead + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return read(socket.getInputStream());
        }
    }

    private static Response read(InputStream in) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(line.substring(colon + 1).trim());
        }
        Response head = new Response(status, headers, "");
        if (status == 101) {
            return head;
        }
        byte[] body;
        String length = head.header("Content-Length");
        if (length != null) {
            body = in.readNBytes(Integer.parseInt(length));
        } else if ("chunked".equalsIgnoreCase(head.header("Transfer-Encoding"))) {
            body = chunked(in);
        } else {
            body = in.readAllBytes();
        }
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(in);
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                while (!line(in).isEmpty()) {
                    // trailers
                }
                return body.toByteArray();
            }
            body.writeBytes(in.readNBytes(size));
            line(in);
        }
    }

    /**
     * Completes an opening handshake for {@code path} on a connected socket and reads the 101 response head, leaving
     * the socket at the first byte the server sends as WebSocket frames.
     *
     * @throws IOException when the connection ends in the head or the answer is not a 101
     */
    static void upgrade(Socket socket, String path, String... extraHeaders) throws IOException {
        socket.getOutputStream().write((validHandshake(path, extraHeaders) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        String head = responseHead(socket.getInputStream());
        if (!head.startsWith("HTTP/1.1 101")) {
            throw new IOException("the handshake was refused: " + head);
        }
    }

    /** The response head up to its empty line, read byte by byte so that nothing after it is taken. */
    static String responseHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("the connection ended in the response head: " + head);
            }
            head.append((char) c);
        }
        return head.toString();
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("the connection ended inside a line: " + line);
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    /** A masked text frame with {@code text}, as a client sends it (RFC 6455 section 5.3); at most 125 bytes. */
    static byte[] maskedText(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = {0x11, 0x22, 0x33, 0x44};
        byte[] frame = new byte[6 + payload.length];
        frame[0] = (byte) 0x81;
        frame[1] = (byte) (0x80 | payload.length);
        System.arraycopy(mask, 0, frame, 2, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        return frame;
    }
}
