package dev.duplex.endpoint.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UriTemplateTest {

    private static String rejection(String path) {
        return assertThrows(IllegalArgumentException.class, () -> UriTemplate.parse(path)).getMessage();
    }

    private static Map<String, String> match(String template, String path) {
        return UriTemplate.parse(template).match(RequestPath.parse(path));
    }

    @Test
    void emptyPathIsRejected() {
        assertTrue(rejection("").contains("must not be empty"));
        assertTrue(rejection(null).contains("must not be empty"));
    }

    @Test
    void pathMustStartWithSlash() {
        assertTrue(rejection("a/b").contains("must start with '/'"));
    }

    @Test
    void doubleSlashIsRejected() {
        assertTrue(rejection("/a//b").contains("'//'"));
    }

    @Test
    void dotSegmentsAreRejected() {
        assertTrue(rejection("/a/../b").contains("'..'"));
        assertTrue(rejection("/a/./b").contains("'.'"));
        assertTrue(rejection("/a/..").contains("'..'"));
    }

    @Test
    void partialSegmentVariableIsRejected() {
        assertTrue(rejection("/a/x{y}").contains("entire segment"));
        assertTrue(rejection("/a/{y}x").contains("entire segment"));
        assertTrue(rejection("/a/{x}{y}").contains("entire segment"));
        assertTrue(rejection("/a/{x").contains("entire segment"));
        assertTrue(rejection("/a/x}").contains("entire segment"));
    }

    @Test
    void emptyVariableNameIsRejected() {
        assertTrue(rejection("/a/{}").contains("empty name"));
    }

    @Test
    void duplicateVariableNameIsRejected() {
        assertTrue(rejection("/{x}/b/{x}").contains("{x} is used more than once"));
    }

    @Test
    void templatesAboveLevelOneAreRejected() {
        assertTrue(rejection("/a/{+x}").contains("operator '+'"));
        assertTrue(rejection("/a/{?x}").contains("operator '?'"));
        assertTrue(rejection("/a/{x,y}").contains("level-1"));
        assertTrue(rejection("/a/{x*}").contains("level-1"));
        assertTrue(rejection("/a/{x:3}").contains("level-1"));
    }

    @Test
    void charactersOutsidePathSyntaxAreRejected() {
        assertTrue(rejection("/a b").contains("' '"));
        assertTrue(rejection("/a?b").contains("'?'"));
        assertTrue(rejection("/a#b").contains("'#'"));
        assertTrue(rejection("/a%zz").contains("two hex digits"));
    }

    @Test
    void messageNamesThePath() {
        assertTrue(rejection("/a/{}").contains("\"/a/{}\""));
    }

    @Test
    void variableNamesMayContainHyphens() {
        // The @ServerEndpoint javadoc's own example.
        assertEquals(List.of("privilege-level"), UriTemplate.parse("/booking/{privilege-level}").variableNames());
    }

    @Test
    void rootPathIsValidAndMatchesOnlyRoot() {
        assertEquals(Map.of(), match("/", "/"));
        assertEquals(Map.of(), match("/", ""));
        assertNull(match("/", "/a"));
    }

    @Test
    void exactPathMatchesOnlyItself() {
        assertEquals(Map.of(), match("/a/b", "/a/b"));
        assertNull(match("/a/b", "/a/c"));
        assertNull(match("/a/b", "/a"));
        assertNull(match("/a/b", "/a/b/c"));
    }

    @Test
    void trailingSlashIsPartOfThePath() {
        // Section 3.1.1, example i: "/a/b/" is matched only by "/a/b/".
        assertEquals(Map.of(), match("/a/b/", "/a/b/"));
        assertNull(match("/a/b/", "/a/b"));
        assertNull(match("/a/b", "/a/b/"));
    }

    @Test
    void variableMatchesOneWholeNonEmptySegment() {
        // Section 3.1.1, example ii.
        assertEquals(Map.of("var", "b"), match("/a/{var}", "/a/b"));
        assertEquals(Map.of("var", "apple"), match("/a/{var}", "/a/apple"));
        assertNull(match("/a/{var}", "/a"));
        assertNull(match("/a/{var}", "/a/"));
        assertNull(match("/a/{var}", "/a/b/"));
        assertNull(match("/a/{var}", "/a/b/c"));
    }

    @Test
    void parametersAreDecodedAfterSplitting() {
        assertEquals(Map.of("x", "a/b c"), match("/p/{x}", "/p/a%2Fb%20c"));
        assertEquals(Map.of("x", "café"), match("/p/{x}", "/p/caf%C3%A9"));
    }

    @Test
    void literalsCompareDecoded() {
        assertEquals(Map.of(), match("/caf%C3%A9", "/café"));
        assertEquals(Map.of(), match("/café", "/caf%c3%a9"));
        assertEquals(Map.of(), match("/a~b", "/a%7Eb"));
    }

    @Test
    void parametersKeepTemplateOrder() {
        Map<String, String> parameters = match("/{z}/{a}/{m}", "/1/2/3");
        assertEquals(List.of("z", "a", "m"), List.copyOf(parameters.keySet()));
    }

    @Test
    void equivalentTemplatesDifferOnlyInVariableNames() {
        assertTrue(UriTemplate.parse("/a/{x}").isEquivalentTo(UriTemplate.parse("/a/{y}")));
        assertTrue(UriTemplate.parse("/a/b").isEquivalentTo(UriTemplate.parse("/a/b")));
        assertTrue(UriTemplate.parse("/a%62").isEquivalentTo(UriTemplate.parse("/ab")));
        assertFalse(UriTemplate.parse("/a/{x}").isEquivalentTo(UriTemplate.parse("/a/b")));
        assertFalse(UriTemplate.parse("/a/{x}").isEquivalentTo(UriTemplate.parse("/{x}/a")));
        assertFalse(UriTemplate.parse("/a/b").isEquivalentTo(UriTemplate.parse("/a/b/")));
    }
}
