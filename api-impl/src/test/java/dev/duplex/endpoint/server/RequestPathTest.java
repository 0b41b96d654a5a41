package dev.duplex.endpoint.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class RequestPathTest {

    private static List<String> segments(String raw) {
        return RequestPath.parse(raw).segments();
    }

    @Test
    void rootHasOneEmptySegment() {
        assertEquals(List.of(""), segments("/"));
        assertEquals(List.of(""), segments(""));
    }

    @Test
    void trailingSlashGivesAnEmptyLastSegment() {
        assertEquals(List.of("a", "b", ""), segments("/a/b/"));
    }

    @Test
    void missingLeadingSlashIsTolerated() {
        assertEquals(List.of("a", "b"), segments("a/b"));
    }

    @Test
    void segmentsArePercentDecodedAfterSplitting() {
        assertEquals(List.of("a/b", "c d"), segments("/a%2Fb/c%20d"));
    }

    @Test
    void plusStaysPlusInPaths() {
        assertEquals(List.of("a+b"), segments("/a+b"));
    }

    @Test
    void dotSegmentsAreRemoved() {
        assertEquals(List.of("a", "b"), segments("/a/./b"));
        assertEquals(List.of("b"), segments("/a/../b"));
        assertEquals(List.of("a", ""), segments("/a/b/.."));
        assertEquals(List.of(""), segments("/.."));
        assertEquals(List.of("b"), segments("/a/%2E%2E/b"));
    }

    @Test
    void malformedEncodingIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> RequestPath.parse("/a%2"));
        assertThrows(IllegalArgumentException.class, () -> RequestPath.parse("/a%g0"));
        assertThrows(IllegalArgumentException.class, () -> RequestPath.parse("/a%C3%28"));
    }
}
