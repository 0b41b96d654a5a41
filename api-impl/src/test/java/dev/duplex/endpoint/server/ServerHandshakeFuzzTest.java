package dev.duplex.endpoint.server;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.duplex.engine.deflate.DeflateSettings;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Coverage-guided fuzzing of the server's opening handshake (RFC 6455 section 4.2.1): for any method and header
 * values the handshake answers with an acceptance or with a status from 400 to 599 (426 for a wrong version), never
 * an exception; an accepted one echoes the key's digest.
 */
class ServerHandshakeFuzzTest {
    private static final String[] NAMES = {"Host", "Upgrade", "Connection", "Sec-WebSocket-Key",
        "Sec-WebSocket-Version", "Sec-WebSocket-Protocol", "Sec-WebSocket-Extensions", "Origin"};
    private static final ServerEndpointConfig CONFIG = ServerEndpointConfig.Builder.create(Echo.class, "/chat")
            .subprotocols(List.of("chat", "superchat")).build();
    private final ServerHandshake handshake = new ServerHandshake(() -> DeflateSettings.SERVER_DEFAULTS);

    public static final class Echo extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
        }
    }

    @FuzzTest(maxDuration = "2m")
    void anyRequestIsAcceptedOrRefusedWithAnHttpStatus(FuzzedDataProvider data) {
        String method = data.consumeBoolean() ? "GET" : data.consumeString(8);
        UpgradeRequest.Builder request = UpgradeRequest.builder(method.isEmpty() ? "GET" : method,
                URI.create("ws://example.com/chat"));
        int headers = data.consumeInt(0, 12);
        for (int i = 0; i < headers; i++) {
            String name = data.consumeBoolean() ? data.pickValue(NAMES) : data.consumeString(20);
            request.header(name, data.consumeString(120));
        }
        HandshakeOutcome outcome = handshake.process(request.build(), CONFIG, Map.of());
        assertNotNull(outcome);
        if (outcome instanceof HandshakeRejection rejection) {
            assertTrue(rejection.status() >= 400 && rejection.status() < 600, "status " + rejection.status());
        }
    }
}
