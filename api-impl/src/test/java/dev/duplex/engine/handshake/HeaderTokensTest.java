package dev.duplex.engine.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 7230 §7 lists of §3.2.6 tokens, as used by {@code Connection} (§6.1, RFC 6455 §4.2.1 item 4). */
class HeaderTokensTest {

    @Test
    void splitsOnCommasAndDropsOwsAroundElements() {
        assertEquals(List.of("keep-alive", "Upgrade"), HeaderTokens.tokens("keep-alive, Upgrade"));
        assertEquals(List.of("a", "b", "c"), HeaderTokens.tokens(" \ta\t,b ,\t c "));
    }

    @Test
    void ignoresEmptyElements() {
        assertEquals(List.of("a", "b"), HeaderTokens.tokens(", a ,, b,\t,"));
        assertEquals(List.of(), HeaderTokens.tokens(""));
        assertEquals(List.of(), HeaderTokens.tokens(" \t "));
        assertEquals(List.of(), HeaderTokens.tokens(",,"));
    }

    @Test
    void preservesCaseAndOrder() {
        assertEquals(List.of("UPGRADE", "Keep-Alive", "te"), HeaderTokens.tokens("UPGRADE, Keep-Alive, te"));
    }

    @Test
    void acceptsEveryTokenCharacter() {
        String allTchars = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

        assertEquals(List.of(allTchars), HeaderTokens.tokens(allTchars));
    }

    @Test
    void concatenatesTheValuesOfARepeatedHeader() {
        assertEquals(List.of("keep-alive", "Upgrade", "close"),
                HeaderTokens.tokens(List.of("keep-alive", "", "Upgrade, close")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"keep alive, Upgrade", "Upgrade, \"keep-alive\"", "a/b", "a;b", "a=b", "a@b", "(a)",
            "a:b", "Upgr\u00e4de", "a\u0000b", "a\rb", "a\u000bb", "{a}", "a\\b", "[a]", "a?b", "<a>"})
    void rejectsAnElementThatIsNotAToken(String value) {
        assertThrows(HandshakeFormatException.class, () -> HeaderTokens.tokens(value));
    }

    @Test
    void errorMessageNamesTheMalformedElement() {
        HandshakeFormatException e = assertThrows(HandshakeFormatException.class,
                () -> HeaderTokens.tokens("Upgrade, keep alive"));

        assertTrue(e.getMessage().contains("\"keep alive\""), e.getMessage());
    }

    @Test
    void errorMessageEscapesControlCharacters() {
        HandshakeFormatException e = assertThrows(HandshakeFormatException.class,
                () -> HeaderTokens.tokens("a\r\nInjected: yes"));

        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().contains("\\u000D\\u000A"), e.getMessage());
    }

    @Test
    void containsTokenIgnoresAsciiCase() {
        assertTrue(HeaderTokens.containsToken(List.of("keep-alive, upgrade"), "Upgrade"));
        assertTrue(HeaderTokens.containsToken(List.of("UPGRADE"), "upgrade"));
    }

    @Test
    void containsTokenLooksAtEveryValueOfARepeatedHeader() {
        assertTrue(HeaderTokens.containsToken(List.of("keep-alive", "Upgrade"), "upgrade"));
    }

    @Test
    void containsTokenMatchesWholeElementsOnly() {
        assertFalse(HeaderTokens.containsToken(List.of("Upgrades, keep-alive-Upgrade, xUpgrade"), "Upgrade"));
    }

    @Test
    void containsTokenIsFalseForAnAbsentOrEmptyHeader() {
        assertFalse(HeaderTokens.containsToken(List.of(), "Upgrade"));
        assertFalse(HeaderTokens.containsToken(List.of(" , "), "Upgrade"));
    }

    @Test
    void containsTokenRejectsAMalformedHeaderEvenAfterAMatch() {
        assertThrows(HandshakeFormatException.class,
                () -> HeaderTokens.containsToken(List.of("Upgrade", "keep alive"), "Upgrade"));
    }

    @Test
    void containsTokenRefusesToSearchForANonToken() {
        assertThrows(IllegalArgumentException.class, () -> HeaderTokens.containsToken(List.of("a"), "a b"));
        assertThrows(IllegalArgumentException.class, () -> HeaderTokens.containsToken(List.of("a"), ""));
    }

    @Test
    void returnsAnUnmodifiableList() {
        assertThrows(UnsupportedOperationException.class, () -> HeaderTokens.tokens("a").add("b"));
    }
}
