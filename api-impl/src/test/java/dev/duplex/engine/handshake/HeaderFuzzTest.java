package dev.duplex.engine.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;

/**
 * Coverage-guided fuzzing of the handshake's header parsers: any header value is parsed or refused with a
 * {@link HandshakeFormatException} (which the handshake turns into a 400), nothing else; what the extension parser
 * accepts, formatted again, parses to the same offers.
 */
class HeaderFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void extensionHeadersParseOrAreRefusedAndRoundTrip(FuzzedDataProvider data) {
        List<String> values = List.of(data.consumeString(200), data.consumeRemainingAsString());
        List<ExtensionOffer> offers;
        try {
            offers = ExtensionHeader.parse(values);
        } catch (HandshakeFormatException refused) {
            return;
        }
        if (!offers.isEmpty()) {
            assertEquals(offers, ExtensionHeader.parse(List.of(ExtensionHeader.format(offers))));
        }
    }

    @FuzzTest(maxDuration = "1m")
    void tokenListsParseOrAreRefused(FuzzedDataProvider data) {
        String value = data.consumeRemainingAsString();
        try {
            HeaderTokens.tokens(value);
        } catch (HandshakeFormatException refused) {
            // the answer the RFC names: the handshake fails with 400
        }
        try {
            UpgradeHeader.protocols(List.of(value));
        } catch (HandshakeFormatException refused) {
            // likewise
        }
        try {
            SubprotocolHeader.subprotocols(List.of(value));
        } catch (HandshakeFormatException refused) {
            // likewise
        }
        WebSocketKey.isValidClientKey(value);
    }
}
