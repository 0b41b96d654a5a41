package dev.duplex.samples.autobahn;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Drives the Duplex client through the Autobahn|Testsuite's fuzzingserver ({@code wstest -m
 * fuzzingserver}): asks for the number of cases, runs each case as an echo client (every text and
 * binary message sent back as it came), then asks the server to write its reports. Uses only the
 * standard Jakarta client API, which Duplex's client answers.
 *
 * <p>Arguments: the fuzzingserver's URL (default {@code ws://127.0.0.1:9001}) and the agent name
 * (default {@code Duplex}). See {@code autobahn/README.md}.
 */
public final class AutobahnClient {
    private static final int MAX_MESSAGE = 64 * 1024 * 1024;
    private static final long CASE_TIMEOUT_SECONDS = 120;

    private AutobahnClient() {
    }

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "ws://127.0.0.1:9001";
        String agent = args.length > 1 ? args[1] : "Duplex";
        WebSocketContainer container = ContainerProvider.getWebSocketContainer();
        container.setDefaultMaxTextMessageBufferSize(MAX_MESSAGE);
        container.setDefaultMaxBinaryMessageBufferSize(MAX_MESSAGE);

        CompletableFuture<String> count = new CompletableFuture<>();
        run(container, URI.create(base + "/getCaseCount"), new Endpoint() {
            @Override
            public void onOpen(Session session, EndpointConfig config) {
                session.addMessageHandler(String.class, count::complete);
            }
        });
        int cases = Integer.parseInt(count.get(CASE_TIMEOUT_SECONDS, TimeUnit.SECONDS).trim());
        System.out.println("autobahn client: " + cases + " cases");
        for (int i = 1; i <= cases; i++) {
            run(container, URI.create(base + "/runCase?case=" + i + "&agent=" + agent), new EchoEndpoint());
        }
        run(container, URI.create(base + "/updateReports?agent=" + agent), new Endpoint() {
            @Override
            public void onOpen(Session session, EndpointConfig config) {
            }
        });
        System.out.println("autobahn client: done");
        System.exit(0);
    }

    /** Connects, and waits until the server closes the session (or it fails to open). */
    private static void run(WebSocketContainer container, URI uri, Endpoint endpoint) throws Exception {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        Endpoint watched = new Endpoint() {
            @Override
            public void onOpen(Session session, EndpointConfig config) {
                endpoint.onOpen(session, config);
            }

            @Override
            public void onClose(Session session, CloseReason closeReason) {
                closed.complete(null);
            }

            @Override
            public void onError(Session session, Throwable thr) {
                // The suite provokes failures on purpose; the close follows.
            }
        };
        try {
            // Offers permessage-deflate, which Duplex's client offers only when a configuration names it.
            container.connectToServer(watched, ClientEndpointConfig.Builder.create()
                    .extensions(java.util.List.copyOf(container.getInstalledExtensions())).build(), uri);
        } catch (IOException | jakarta.websocket.DeploymentException e) {
            System.out.println("autobahn client: " + uri + " did not connect: " + e.getMessage());
            return;
        }
        closed.get(CASE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Sends every message back as it came. */
    private static final class EchoEndpoint extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
                try {
                    session.getBasicRemote().sendText(text);
                } catch (IOException | IllegalStateException e) {
                    // The suite may close while the echo is on its way.
                }
            });
            session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) data -> {
                try {
                    session.getBasicRemote().sendBinary(data);
                } catch (IOException | IllegalStateException e) {
                    // As above.
                }
            });
        }
    }
}
