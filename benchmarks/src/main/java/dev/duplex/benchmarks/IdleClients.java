package dev.duplex.benchmarks;

import dev.duplex.client.DuplexWebSocketContainer;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Extension;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Holds many idle connections open to an echo endpoint, for measuring what the server spends on each
 * ({@code benchmarks/idle-memory.sh}): connects {@code N} sessions, each offering permessage-deflate
 * or not, has each echo one 1 KiB JSON-like text (so that a compressing connection has compressed
 * both ways once), prints {@code READY N} and waits until its standard input closes; then closes them.
 *
 * <p>Arguments: URL, N, {@code deflate} or {@code plain}.
 */
public final class IdleClients {
    private IdleClients() {
    }

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        int count = Integer.parseInt(args[1]);
        boolean deflate = args.length > 2 && args[2].equals("deflate");
        DuplexWebSocketContainer container = DuplexWebSocketContainer.onSharedConnector();
        List<Extension> offer = deflate ? List.copyOf(container.getInstalledExtensions()) : List.of();
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create().extensions(offer).build();
        String message = new String(DeflateBenchmark.json(1024), StandardCharsets.UTF_8);
        List<Session> sessions = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            CompletableFuture<String> echo = new CompletableFuture<>();
            Session session = container.connectToServer(new Endpoint() {
                @Override
                public void onOpen(Session opened, EndpointConfig endpointConfig) {
                    opened.addMessageHandler(String.class, (MessageHandler.Whole<String>) echo::complete);
                }
            }, config, uri);
            if (deflate && session.getNegotiatedExtensions().isEmpty()) {
                throw new IllegalStateException("the server did not accept permessage-deflate");
            }
            session.getBasicRemote().sendText(message);
            if (!message.equals(echo.get(30, TimeUnit.SECONDS))) {
                throw new IllegalStateException("wrong echo on connection " + i);
            }
            sessions.add(session);
        }
        System.out.println("READY " + sessions.size() + (deflate ? " with permessage-deflate" : " without extensions"));
        System.out.flush();
        while (System.in.read() >= 0) {
            // hold until the caller closes our standard input
        }
        for (Session session : sessions) {
            session.close();
        }
        System.exit(0);
    }
}
