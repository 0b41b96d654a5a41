package dev.duplex.cdi;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A client session that sends text and takes the replies in order; closing waits for the close handshake. */
final class TextClient implements AutoCloseable {
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    private final CompletableFuture<Map<String, List<String>>> responseHeaders = new CompletableFuture<>();
    private final Session session;

    TextClient(WebSocketContainer container, URI uri) throws Exception {
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void afterResponse(HandshakeResponse response) {
                        responseHeaders.complete(response.getHeaders());
                    }
                }).build();
        this.session = container.connectToServer(new Endpoint() {
            @Override
            public void onOpen(Session session, EndpointConfig endpointConfig) {
                session.addMessageHandler(String.class, (MessageHandler.Whole<String>) replies::add);
            }

            @Override
            public void onClose(Session session, CloseReason closeReason) {
                closed.complete(closeReason);
            }
        }, config, uri);
    }

    /** Sends {@code text} and waits up to 10 s for the next reply. */
    String ask(String text) throws Exception {
        session.getBasicRemote().sendText(text);
        String reply = replies.poll(10, TimeUnit.SECONDS);
        if (reply == null) {
            throw new AssertionError("no reply to " + text);
        }
        return reply;
    }

    /** The first value of a handshake response header. */
    String responseHeader(String name) throws Exception {
        for (Map.Entry<String, List<String>> header : responseHeaders.get(10, TimeUnit.SECONDS).entrySet()) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue().get(0);
            }
        }
        return null;
    }

    @Override
    public void close() throws Exception {
        session.close();
        closed.get(10, TimeUnit.SECONDS);
    }
}
