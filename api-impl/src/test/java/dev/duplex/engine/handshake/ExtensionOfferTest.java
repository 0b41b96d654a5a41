package dev.duplex.engine.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link ExtensionOffer} and {@link ExtensionParameter}: RFC 6455 §9.1 tokens, immutability, rendering. */
class ExtensionOfferTest {

    @Test
    void rendersParametersInOrderSeparatedBySemicolons() {
        ExtensionOffer offer = ExtensionOffer.of("permessage-deflate",
                ExtensionParameter.of("server_no_context_takeover"), ExtensionParameter.of("client_max_window_bits",
                        "15"));

        assertEquals("permessage-deflate; server_no_context_takeover; client_max_window_bits=15",
                offer.toHeaderValue());
    }

    @Test
    void rendersAnExtensionWithoutParametersAsItsName() {
        assertEquals("x-foo", ExtensionOffer.of("x-foo").toHeaderValue());
    }

    @Test
    void rendersAParameterWithoutValueAsItsName() {
        assertEquals("flag", ExtensionParameter.of("flag").toHeaderValue());
        assertNull(ExtensionParameter.of("flag").value());
    }

    @Test
    void comparesNamesAndValuesCaseSensitively() {
        assertNotEquals(ExtensionOffer.of("Foo"), ExtensionOffer.of("foo"));
        assertNotEquals(ExtensionParameter.of("a", "X"), ExtensionParameter.of("a", "x"));
    }

    @Test
    void copiesTheParameterListDefensively() {
        List<ExtensionParameter> parameters = new ArrayList<>(List.of(ExtensionParameter.of("a")));
        ExtensionOffer offer = new ExtensionOffer("foo", parameters);
        parameters.add(ExtensionParameter.of("b"));

        assertEquals(List.of(ExtensionParameter.of("a")), offer.parameters());
        assertThrows(UnsupportedOperationException.class, () -> offer.parameters().add(ExtensionParameter.of("c")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "a;b", "a,b", "a=b", "\"a\"", "\u00e4"})
    void rejectsExtensionNamesThatAreNotTokens(String name) {
        assertThrows(IllegalArgumentException.class, () -> ExtensionOffer.of(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "a;b", "a,b", "a=b", "\"a\"", "\u00e4"})
    void rejectsParameterNamesAndValuesThatAreNotTokens(String text) {
        assertThrows(IllegalArgumentException.class, () -> ExtensionParameter.of(text));
        assertThrows(IllegalArgumentException.class, () -> ExtensionParameter.of("p", text));
    }

    @Test
    void rejectsNulls() {
        assertThrows(NullPointerException.class, () -> ExtensionOffer.of(null));
        assertThrows(NullPointerException.class, () -> new ExtensionOffer("foo", null));
        assertThrows(NullPointerException.class,
                () -> new ExtensionOffer("foo", Arrays.asList(ExtensionParameter.of("a"), null)));
        assertThrows(NullPointerException.class, () -> ExtensionParameter.of(null));
        assertThrows(NullPointerException.class, () -> ExtensionParameter.of("a", null));
    }
}
