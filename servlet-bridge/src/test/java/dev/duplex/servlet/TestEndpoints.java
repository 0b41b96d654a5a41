package dev.duplex.servlet;

import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/** Endpoints and payloads the socket tests share. */
final class TestEndpoints {
    /** Big enough for {@link #BIG}. */
    static final int MAX_MESSAGE_SIZE = 8 * 1024 * 1024;
    /** The size of the large messages: several MiB, well past any single buffer on the way. */
    static final int BIG = 6 * 1024 * 1024;

    private TestEndpoints() {
    }

    /** Sends every message back as it came. */
    @ServerEndpoint("/echo")
    public static class Echo {
        @OnMessage(maxMessageSize = MAX_MESSAGE_SIZE)
        public String echo(String text) {
            return text;
        }

        @OnMessage(maxMessageSize = MAX_MESSAGE_SIZE)
        public ByteBuffer echo(ByteBuffer data) {
            return data;
        }
    }

    /** Offers two subprotocols and tells the client, in its first message, which one was agreed. */
    @ServerEndpoint(value = "/protocols", subprotocols = {"chat.v2", "chat.v1"})
    public static class Protocols {
        @OnOpen
        public void open(Session session) throws IOException {
            session.getBasicRemote().sendText("subprotocol=" + session.getNegotiatedSubprotocol());
        }
    }

    /**
     * Sends {@code data} with {@code RemoteEndpoint.Async}; the future completes as its {@code SendHandler} hears.
     * A send the write queue refuses has failed already when this returns.
     */
    static CompletableFuture<Void> sendBinary(Session session, ByteBuffer data) {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        session.getAsyncRemote().sendBinary(data, result -> {
            if (result.isOK()) {
                sent.complete(null);
            } else {
                sent.completeExceptionally(result.getException());
            }
        });
        return sent;
    }

    /** {@link #BIG} bytes of UTF-8 text with one-, two- and three-byte characters. */
    static String bigText() {
        String pattern = "héllo wörld – ";
        int patternBytes = pattern.getBytes(StandardCharsets.UTF_8).length;
        StringBuilder text = new StringBuilder(BIG);
        int bytes = 0;
        for (; bytes + patternBytes <= BIG; bytes += patternBytes) {
            text.append(pattern);
        }
        text.append("x".repeat(BIG - bytes));
        return text.toString();
    }

    /** {@link #BIG} pseudo-random bytes. */
    static ByteBuffer bigBinary() {
        byte[] bytes = new byte[BIG];
        new Random(6455).nextBytes(bytes);
        return ByteBuffer.wrap(bytes);
    }
}
