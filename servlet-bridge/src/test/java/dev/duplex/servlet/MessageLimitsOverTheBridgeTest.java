package dev.duplex.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.duplex.client.DuplexWebSocketContainer;
import dev.duplex.servlet.jetty.DuplexJetty;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Messages at the default limit (64 KiB per text and per binary message, {@code Limits.DEFAULT}) and one byte over,
 * sent whole and in 256 fragments, over the servlet bridge on Jetty: at the limit the message arrives, one byte
 * over the server closes with 1009 (RFC 6455 section 7.4.1), whole or fragmented.
 */
@Timeout(60)
class MessageLimitsOverTheBridgeTest {
    private static final int LIMIT = 64 * 1024;
    private static final int FRAGMENTS = 256;

    /** Answers each message with its size. */
    @ServerEndpoint("/size")
    public static class Size {
        @OnMessage
        public String text(String text) {
            return "text " + text.length();
        }

        @OnMessage
        public String binary(ByteBuffer data) {
            return "binary " + data.remaining();
        }
    }

    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(context -> DuplexJetty.enable(context, deploy -> deploy.addEndpoint(Size.class)));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @ParameterizedTest(name = "{0} of {1} bytes, fragmented: {2}")
    @CsvSource({
        "text, 65536, false, text 65536",
        "text, 65536, true, text 65536",
        "text, 65537, false, 1009",
        "text, 65537, true, 1009",
        "binary, 65536, false, binary 65536",
        "binary, 65536, true, binary 65536",
        "binary, 65537, false, 1009",
        "binary, 65537, true, 1009",
    })
    void aMessageAtTheLimitArrivesAndOneByteOverClosesWith1009(String kind, int size, boolean fragmented,
            String expected) throws Exception {
        CompletableFuture<String> outcome = new CompletableFuture<>();
        DuplexWebSocketContainer client = DuplexWebSocketContainer.create();
        try {
            Session session = client.connectToServer(new Endpoint() {
                @Override
                public void onOpen(Session session, EndpointConfig config) {
                    session.addMessageHandler(String.class, (MessageHandler.Whole<String>) outcome::complete);
                }

                @Override
                public void onClose(Session session, CloseReason reason) {
                    outcome.complete(String.valueOf(reason.getCloseCode().getCode()));
                }
            }, ClientEndpointConfig.Builder.create().build(), server.ws("/size"));
            send(session, kind, size, fragmented);
            assertEquals(expected, outcome.get(30, TimeUnit.SECONDS));
            if (expected.equals("1009")) {
                assertEquals(LIMIT + 1, size);
            }
            session.close();
        } finally {
            client.stop();
        }
    }

    private static void send(Session session, String kind, int size, boolean fragmented) throws Exception {
        byte[] bytes = new byte[size];
        java.util.Arrays.fill(bytes, (byte) 'a');
        if (!fragmented) {
            if (kind.equals("text")) {
                session.getBasicRemote().sendText(new String(bytes, java.nio.charset.StandardCharsets.US_ASCII));
            } else {
                session.getBasicRemote().sendBinary(ByteBuffer.wrap(bytes));
            }
            return;
        }
        int piece = (size + FRAGMENTS - 1) / FRAGMENTS;
        for (int at = 0; at < size; at += piece) {
            int length = Math.min(piece, size - at);
            boolean last = at + length == size;
            if (kind.equals("text")) {
                session.getBasicRemote().sendText(new String(bytes, at, length,
                        java.nio.charset.StandardCharsets.US_ASCII), last);
            } else {
                session.getBasicRemote().sendBinary(ByteBuffer.wrap(bytes, at, length), last);
            }
        }
    }
}
