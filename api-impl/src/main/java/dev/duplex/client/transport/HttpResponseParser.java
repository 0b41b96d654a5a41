package dev.duplex.client.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the head of an HTTP/1.x response (RFC 9112 sections 4 and 5): the status line and the
 * header fields up to the empty line, fed in pieces split anywhere. Bytes after the empty line
 * are left in the buffer: for an upgrade they are the start of the WebSocket stream.
 *
 * <p>Lenient where RFC 9112 lets a recipient be (a bare LF ends a line; obsolete line folding is
 * replaced by a space), strict where leniency would be ambiguous (whitespace between a field name
 * and its colon, a malformed status line). The head is bounded: a longer one is an IOException
 * before more than the bound is buffered.
 *
 * <p>Not thread-safe; one parser per response.
 */
final class HttpResponseParser {
    private final int maxHeadBytes;
    private byte[] head = new byte[512];
    private int length;
    private ResponseHead result;

    /** What a response head says. Headers are looked up ignoring case; repeated fields are collected in order. */
    record ResponseHead(String version, int status, String reason, Map<String, List<String>> headers) {
    }

    HttpResponseParser(int maxHeadBytes) {
        if (maxHeadBytes < 16) {
            throw new IllegalArgumentException("maxHeadBytes must be at least 16: " + maxHeadBytes);
        }
        this.maxHeadBytes = maxHeadBytes;
    }

    /**
     * Consumes bytes of the head from {@code in}, stopping right after the empty line that ends it.
     *
     * @return the head once complete, else null (every byte of {@code in} was consumed)
     * @throws IOException when the head is malformed or longer than the bound
     */
    ResponseHead feed(ByteBuffer in) throws IOException {
        if (result != null) {
            return result;
        }
        while (in.hasRemaining()) {
            if (length == maxHeadBytes) {
                throw new IOException("the HTTP response head is longer than " + maxHeadBytes + " bytes");
            }
            byte b = in.get();
            if (length == head.length) {
                head = Arrays.copyOf(head, Math.min(maxHeadBytes, head.length * 2));
            }
            head[length++] = b;
            if (b == '\n' && endsWithEmptyLine()) {
                result = parse(new String(head, 0, length, StandardCharsets.ISO_8859_1));
                head = null;
                return result;
            }
        }
        return null;
    }

    private boolean endsWithEmptyLine() {
        // "\n\n" or "\n\r\n": the line just ended was empty.
        return (length >= 2 && head[length - 2] == '\n')
                || (length >= 3 && head[length - 2] == '\r' && head[length - 3] == '\n');
    }

    private static ResponseHead parse(String text) throws IOException {
        List<String> lines = splitLines(text);
        String statusLine = lines.get(0);
        // status-line = HTTP-version SP status-code SP [ reason-phrase ]  (RFC 9112 section 4)
        // HTTP-version = "HTTP/" DIGIT "." DIGIT (section 2.3)
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12 || !isDigit(statusLine.charAt(7))
                || statusLine.charAt(8) != ' '
                || !isStatusCode(statusLine, 9) || (statusLine.length() > 12 && statusLine.charAt(12) != ' ')) {
            throw new IOException("malformed HTTP status line: '" + printable(statusLine) + "'");
        }
        String version = statusLine.substring(0, 8);
        int status = Integer.parseInt(statusLine.substring(9, 12));
        String reason = statusLine.length() > 13 ? statusLine.substring(13) : "";

        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        List<String> lastValues = null;
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty()) {
                break;
            }
            char first = line.charAt(0);
            if (first == ' ' || first == '\t') {
                // Obsolete line folding (RFC 9112 section 5.2): a recipient may replace it with a space.
                if (lastValues == null) {
                    throw new IOException("HTTP response head starts its fields with a folded line");
                }
                int last = lastValues.size() - 1;
                lastValues.set(last, (lastValues.get(last) + " " + line.strip()).strip());
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("malformed HTTP header field: '" + printable(line) + "'");
            }
            String name = line.substring(0, colon);
            if (!HttpTokens.isToken(name)) {
                // RFC 9112 section 5.1: no whitespace is allowed between the field name and the colon.
                throw new IOException("malformed HTTP header field name: '" + printable(name) + "'");
            }
            lastValues = headers.computeIfAbsent(name, n -> new ArrayList<>());
            lastValues.add(line.substring(colon + 1).strip());
        }
        Map<String, List<String>> frozen = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> frozen.put(name, List.copyOf(values)));
        return new ResponseHead(version, status, reason, Collections.unmodifiableMap(frozen));
    }

    private static List<String> splitLines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                int end = i > start && text.charAt(i - 1) == '\r' ? i - 1 : i;
                lines.add(text.substring(start, end));
                start = i + 1;
            }
        }
        return lines;
    }

    /**
     * Three digits from 100 to 599: "values outside the range 100..599 are invalid" (RFC 9110 section 15). Found by
     * fuzzing: "058" was taken for status 58.
     */
    private static boolean isStatusCode(String line, int at) {
        char first = line.charAt(at);
        return first >= '1' && first <= '5' && isDigit(line.charAt(at + 1)) && isDigit(line.charAt(at + 2));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static String printable(String text) {
        String cut = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        StringBuilder out = new StringBuilder(cut.length());
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            out.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return out.toString();
    }
}
