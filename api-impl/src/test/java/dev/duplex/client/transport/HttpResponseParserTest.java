package dev.duplex.client.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpResponseParserTest {
    private static final String RESPONSE = "HTTP/1.1 101 Switching Protocols\r\n"
            + "Upgrade: websocket\r\n"
            + "Connection: Upgrade\r\n"
            + "Set-Cookie: a=1\r\n"
            + "set-cookie: b=2\r\n"
            + "X-Spaces:    padded value   \r\n"
            + "\r\n";

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static HttpResponseParser.ResponseHead parse(String text) throws IOException {
        return new HttpResponseParser(64 * 1024).feed(bytes(text));
    }

    @Test
    void statusLineAndHeaderFieldsAreReadWithRepeatedFieldsCollectedAndNamesIgnoringCase() throws IOException {
        HttpResponseParser.ResponseHead head = parse(RESPONSE);
        assertEquals("HTTP/1.1", head.version());
        assertEquals(101, head.status());
        assertEquals("Switching Protocols", head.reason());
        assertEquals(List.of("a=1", "b=2"), head.headers().get("SET-COOKIE"));
        assertEquals(List.of("websocket"), head.headers().get("upgrade"));
        assertEquals(List.of("padded value"), head.headers().get("x-spaces"));
    }

    @Test
    void headSplitAtEveryByteGivesTheSameResultAndLeavesTheBytesAfterIt() throws IOException {
        byte[] all = (RESPONSE + "\u0081\u0002hi").getBytes(StandardCharsets.ISO_8859_1);
        for (int split = 1; split < all.length; split++) {
            HttpResponseParser parser = new HttpResponseParser(64 * 1024);
            ByteBuffer first = ByteBuffer.wrap(all, 0, split);
            HttpResponseParser.ResponseHead head = parser.feed(first);
            ByteBuffer rest = ByteBuffer.wrap(all, split, all.length - split);
            if (head == null) {
                assertEquals(0, first.remaining(), "an incomplete head consumes everything");
                head = parser.feed(rest);
                assertNotNull(head);
                assertEquals(4, rest.remaining(), "split " + split);
            } else {
                assertEquals(split - RESPONSE.length(), first.remaining(), "split " + split);
            }
            assertEquals(List.of("a=1", "b=2"), head.headers().get("Set-Cookie"));
        }
    }

    @Test
    void bareLineFeedsEndLinesAndAReasonPhraseMayBeMissing() throws IOException {
        HttpResponseParser.ResponseHead head = parse("HTTP/1.1 403\nX-A: 1\n\n");
        assertEquals(403, head.status());
        assertEquals("", head.reason());
        assertEquals(List.of("1"), head.headers().get("x-a"));
    }

    @Test
    void obsoleteLineFoldingIsReplacedBySpace() throws IOException {
        HttpResponseParser.ResponseHead head = parse("HTTP/1.1 200 OK\r\nX-Folded: first\r\n  second\r\n\r\n");
        assertEquals(List.of("first second"), head.headers().get("X-Folded"));
    }

    @Test
    void whitespaceBetweenFieldNameAndColonIsRejected() {
        IOException e = assertThrows(IOException.class, () -> parse("HTTP/1.1 101 OK\r\nUpgrade : websocket\r\n\r\n"));
        assertEquals("malformed HTTP header field name: 'Upgrade '", e.getMessage());
    }

    @Test
    void lineWithoutColonIsRejected() {
        IOException e = assertThrows(IOException.class, () -> parse("HTTP/1.1 101 OK\r\nnot a field\r\n\r\n"));
        assertEquals("malformed HTTP header field: 'not a field'", e.getMessage());
    }

    @Test
    void malformedStatusLinesAreRejected() {
        for (String line : List.of("HTTP/2 101 OK", "HTTP/1.1 10 OK", "HTTP/1.1 1x1 OK", "http/1.1 101 OK",
                "HTTP/1.1  101", "HTTP/1.1 1010 OK", "SSH-2.0-OpenSSH",
                // found by fuzzing (ResponseHeadFuzzTest): outside 100..599 (RFC 9110 section 15), no minor digit
                "HTTP/1.1 058 OK", "HTTP/1.1 600 OK", "HTTP/1.x 101 OK")) {
            IOException e = assertThrows(IOException.class, () -> parse(line + "\r\n\r\n"), line);
            assertEquals("malformed HTTP status line: '" + line + "'", e.getMessage());
        }
    }

    @Test
    void headLongerThanTheBoundIsRejectedBeforeMoreIsBuffered() throws IOException {
        HttpResponseParser parser = new HttpResponseParser(100);
        ByteBuffer first = bytes("HTTP/1.1 101 Switching Protocols\r\nX-Long: " + "x".repeat(40));
        assertNull(parser.feed(first));
        ByteBuffer more = bytes("y".repeat(100));
        IOException e = assertThrows(IOException.class, () -> parser.feed(more));
        assertEquals("the HTTP response head is longer than 100 bytes", e.getMessage());
        assertEquals(100 - 18, more.remaining(), "only the 18 bytes up to the bound were taken");
    }
}
