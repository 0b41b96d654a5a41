package dev.duplex.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.duplex.engine.handshake.ExtensionOffer;
import dev.duplex.engine.handshake.ExtensionParameter;
import jakarta.websocket.Extension;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderExtensionTest {

    @Test
    void offerBecomesAnApiExtensionWithParametersInOrder() {
        HeaderExtension extension = HeaderExtension.of(ExtensionOffer.of("permessage-deflate",
                ExtensionParameter.of("client_max_window_bits"),
                ExtensionParameter.of("server_max_window_bits", "10")));
        assertEquals("permessage-deflate", extension.getName());
        List<Extension.Parameter> parameters = extension.getParameters();
        assertEquals("client_max_window_bits", parameters.get(0).getName());
        assertNull(parameters.get(0).getValue());
        assertEquals("10", parameters.get(1).getValue());
        assertEquals("permessage-deflate; client_max_window_bits; server_max_window_bits=10", extension.toString());
    }

    @Test
    void apiExtensionRoundTripsThroughTheEngineForm() {
        ExtensionOffer offer = ExtensionOffer.of("x", ExtensionParameter.of("a", "1"));
        assertEquals(offer, HeaderExtension.toOffer(HeaderExtension.of(offer)));
        assertEquals(HeaderExtension.of(offer), HeaderExtension.of(offer));
    }

    @Test
    void extensionThatIsNoTokenCannotBeWritten() {
        Extension spaced = new Extension() {
            @Override
            public String getName() {
                return "bad name";
            }

            @Override
            public List<Parameter> getParameters() {
                return List.of();
            }
        };
        assertThrows(IllegalArgumentException.class, () -> HeaderExtension.toOffer(spaced));
    }
}
