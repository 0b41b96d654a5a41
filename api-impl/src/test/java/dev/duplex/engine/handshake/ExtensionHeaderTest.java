package dev.duplex.engine.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code Sec-WebSocket-Extensions}, RFC 6455 §9.1 with the list rules of RFC 7230 §7. */
class ExtensionHeaderTest {

    private static List<ExtensionOffer> parse(String... values) {
        return ExtensionHeader.parse(List.of(values));
    }

    @Test
    void parsesAnExtensionWithoutParameters() {
        assertEquals(List.of(ExtensionOffer.of("permessage-deflate")), parse("permessage-deflate"));
    }

    @Test
    void parsesParametersWithAndWithoutValuesInOrder() {
        assertEquals(List.of(ExtensionOffer.of("permessage-deflate",
                        ExtensionParameter.of("client_max_window_bits"),
                        ExtensionParameter.of("server_max_window_bits", "10"),
                        ExtensionParameter.of("server_no_context_takeover"))),
                parse("permessage-deflate; client_max_window_bits; server_max_window_bits=10; "
                        + "server_no_context_takeover"));
    }

    @Test
    void parsesSeveralExtensionsPerValueAndAcrossRepeatedHeaders() {
        assertEquals(List.of(
                        ExtensionOffer.of("permessage-deflate", ExtensionParameter.of("client_max_window_bits")),
                        ExtensionOffer.of("permessage-deflate"),
                        ExtensionOffer.of("x-webkit-deflate-frame"),
                        ExtensionOffer.of("foo", ExtensionParameter.of("a", "1"))),
                parse("permessage-deflate; client_max_window_bits, permessage-deflate", "x-webkit-deflate-frame",
                        "foo;a=1"));
    }

    @Test
    void unquotesQuotedStringValues() {
        assertEquals(List.of(ExtensionOffer.of("foo", ExtensionParameter.of("bar", "10"))),
                parse("foo; bar=\"10\""));
    }

    @Test
    void unescapesQuotedPairsInQuotedStringValues() {
        assertEquals(List.of(ExtensionOffer.of("foo", ExtensionParameter.of("bar", "10"), ExtensionParameter.of("q",
                        "a|b"))),
                parse("foo; bar=\"1\\0\"; q=\"\\a\\|b\""));
    }

    @Test
    void allowsOwsBetweenAllElements() {
        assertEquals(List.of(
                        ExtensionOffer.of("foo", ExtensionParameter.of("bar", "baz"), ExtensionParameter.of("flag")),
                        ExtensionOffer.of("qux")),
                parse(" \tfoo \t; \tbar \t= \t\"baz\" \t;flag\t, \tqux\t "));
    }

    @Test
    void ignoresEmptyListElements() {
        assertEquals(List.of(ExtensionOffer.of("foo"), ExtensionOffer.of("bar")), parse(", foo ,, bar ,", ","));
        assertEquals(List.of(), parse(""));
        assertEquals(List.of(), parse(" , \t, "));
        assertEquals(List.of(), ExtensionHeader.parse(List.of()));
    }

    @Test
    void keepsNamesAndValuesAsSent() {
        ExtensionOffer offer = parse("PerMessage-Deflate; Client_Max_Window_Bits=AbC").get(0);

        assertEquals("PerMessage-Deflate", offer.name());
        assertEquals(ExtensionParameter.of("Client_Max_Window_Bits", "AbC"), offer.parameters().get(0));
    }

    static Stream<Arguments> malformedValues() {
        return Stream.of(
                Arguments.of("empty extension name before ';'", ";foo", "expected an extension name"),
                Arguments.of("empty extension name after ','", "foo, ;bar", "expected an extension name"),
                Arguments.of("quoted extension name", "\"foo\"", "expected an extension name"),
                Arguments.of("trailing ';'", "foo;", "expected a parameter name"),
                Arguments.of("trailing ';' and OWS", "foo; \t", "expected a parameter name"),
                Arguments.of("trailing ';' before ','", "foo;, bar", "expected a parameter name"),
                Arguments.of("empty parameter", "foo;;bar", "expected a parameter name"),
                Arguments.of("'=' without name", "foo; =1", "expected a parameter name"),
                Arguments.of("'=' without value", "foo; bar=", "expected a value after '='"),
                Arguments.of("'=' without value before ','", "foo; bar= , baz", "expected a value after '='"),
                Arguments.of("'=' without value before ';'", "foo; bar=;baz", "expected a value after '='"),
                Arguments.of("double '='", "foo; bar==1", "expected a value after '='"),
                Arguments.of("unterminated quote", "foo; bar=\"10", "unterminated quoted-string"),
                Arguments.of("unterminated quote ending in backslash", "foo; bar=\"10\\", "unterminated quoted-string"),
                Arguments.of("quoted value with a space", "foo; bar=\"a b\"", "not a token once unescaped"),
                Arguments.of("quoted value with a comma", "foo; bar=\"a,b\"", "not a token once unescaped"),
                Arguments.of("quoted value with an escaped quote", "foo; bar=\"\\\"\"", "not a token once unescaped"),
                Arguments.of("empty quoted value", "foo; bar=\"\"", "not a token once unescaped"),
                Arguments.of("control character in quoted value", "foo; bar=\"a\u0001\"",
                        "not allowed in quoted-string"),
                Arguments.of("control character after backslash", "foo; bar=\"a\\\u0001\"", "not allowed after '\\'"),
                Arguments.of("characters after a quoted value", "foo; bar=\"a\"b", "expected ',' or ';'"),
                Arguments.of("space inside an extension name", "permessage deflate", "expected ',' or ';'"),
                Arguments.of("separator inside an extension name", "foo@bar", "expected ',' or ';'"),
                Arguments.of("non-ASCII inside an extension name", "f\u00f6o", "expected ',' or ';'"),
                Arguments.of("space inside a parameter name", "foo; bar baz", "expected ',' or ';'"),
                Arguments.of("separator inside a parameter name", "foo; b@r=1", "expected ',' or ';'"),
                Arguments.of("space inside a value", "foo; bar=baz qux", "expected ',' or ';'"),
                Arguments.of("separator inside a value", "foo; bar=a/b", "expected ',' or ';'"),
                Arguments.of("separator as a value", "foo; bar=/", "expected a value after '='"),
                Arguments.of("control character between elements", "foo\u0000, bar", "expected ',' or ';'"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("malformedValues")
    void rejectsMalformedValuesWithAMessageNamingTheProblem(String rule, String value, String messagePart) {
        HandshakeFormatException e = assertThrows(HandshakeFormatException.class, () -> parse("ok", value));

        assertTrue(e.getMessage().startsWith("Sec-WebSocket-Extensions: "), e.getMessage());
        assertTrue(e.getMessage().contains(messagePart), rule + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(" at index "), e.getMessage());
    }

    @Test
    void errorMessageGivesTheIndexOfTheProblem() {
        HandshakeFormatException e = assertThrows(HandshakeFormatException.class, () -> parse("foo; bar=, baz"));

        assertEquals("Sec-WebSocket-Extensions: expected a value after '=' of parameter \"bar\", found \",\" at index 9"
                + " of \"foo; bar=, baz\"", e.getMessage());
    }

    @Test
    void formatsExtensionsWithoutQuoting() {
        List<ExtensionOffer> offers = List.of(
                ExtensionOffer.of("permessage-deflate", ExtensionParameter.of("client_max_window_bits"),
                        ExtensionParameter.of("server_max_window_bits", "10")),
                ExtensionOffer.of("x-other"));

        assertEquals("permessage-deflate; client_max_window_bits; server_max_window_bits=10, x-other",
                ExtensionHeader.format(offers));
    }

    @Test
    void formatNormalisesWhatParseAccepted() {
        String sent = " foo ;bar = \"1\" ,, baz;  q ";

        assertEquals("foo; bar=1, baz; q", ExtensionHeader.format(parse(sent)));
    }

    @Test
    void formatRefusesAnEmptyList() {
        assertThrows(IllegalArgumentException.class, () -> ExtensionHeader.format(List.of()));
    }

    @Test
    void parseReadsBackWhatFormatWrote() {
        long seed = System.nanoTime();
        SplittableRandom random = new SplittableRandom(seed);
        for (int round = 0; round < 2_000; round++) {
            List<ExtensionOffer> offers = new ArrayList<>();
            for (int e = random.nextInt(1, 4); e > 0; e--) {
                List<ExtensionParameter> parameters = new ArrayList<>();
                for (int p = random.nextInt(4); p > 0; p--) {
                    parameters.add(new ExtensionParameter(randomToken(random),
                            random.nextBoolean() ? null : randomToken(random)));
                }
                offers.add(new ExtensionOffer(randomToken(random), parameters));
            }
            String header = ExtensionHeader.format(offers);

            assertEquals(offers, ExtensionHeader.parse(List.of(header)), header + " (seed " + seed + ")");
        }
    }

    private static String randomToken(SplittableRandom random) {
        String tchars = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        StringBuilder token = new StringBuilder();
        for (int n = random.nextInt(1, 8); n > 0; n--) {
            token.append(tchars.charAt(random.nextInt(tchars.length())));
        }
        return token.toString();
    }
}
