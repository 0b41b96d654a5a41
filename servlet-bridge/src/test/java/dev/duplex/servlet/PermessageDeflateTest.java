package dev.duplex.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.servlet.jetty.DuplexJetty;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.jetty.websocket.api.ExtensionConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * permessage-deflate (RFC 7692) between the Duplex server on Jetty and a client that offers it:
 * Jetty's own client (a foreign implementation on the other side) and Duplex's. Messages of every size
 * on either side of the compression threshold come back whole.
 */
class PermessageDeflateTest {
    private static TestServer server;
    private static TestServer withoutDeflate;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(context -> DuplexJetty.enable(context,
                container -> container.addEndpoint(TestEndpoints.Echo.class)));
        withoutDeflate = TestServer.start(context -> {
            context.setInitParameter(DuplexWebSocketApplication.PERMESSAGE_DEFLATE_PARAMETER, "false");
            DuplexJetty.enable(context, container -> container.addEndpoint(TestEndpoints.Echo.class));
        });
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        withoutDeflate.close();
    }

    /** Repetitive JSON-like text of about {@code bytes} bytes. */
    private static String json(int bytes) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < bytes; i++) {
            text.append("{\"id\":").append(i).append(",\"user\":\"héllo\",\"text\":\"message number ").append(i)
                    .append("\"},");
        }
        return text.substring(0, bytes);
    }

    @Test
    void jettysClientNegotiatesItAndEveryMessageComesBack() throws Exception {
        try (JettyClient client = JettyClient.connectOffering(server.ws("/echo"), "permessage-deflate")) {
            List<ExtensionConfig> agreed = client.session.getUpgradeResponse().getExtensions();
            assertEquals(List.of("permessage-deflate"), agreed.stream().map(ExtensionConfig::getName).toList());
            assertTrue(agreed.get(0).getParameters().containsKey("server_no_context_takeover"), agreed.toString());
            for (int size : new int[] {0, 10, 63, 64, 1000, 100_000, TestEndpoints.BIG}) {
                String text = json(size);
                JettyClient.await(callback -> client.session.sendText(text, callback));
                assertEquals(text, client.nextText(), "text of " + size);
            }
            ByteBuffer binary = TestEndpoints.bigBinary();
            JettyClient.await(callback -> client.session.sendBinary(binary.duplicate(), callback));
            assertEquals(binary, client.nextBinary());
        }
    }

    /** The spec's way: the configuration names the extension, here from the container's installed ones. */
    @Test
    void duplexsClientOffersItWhenTheConfigurationNamesIt() throws Exception {
        WebSocketContainer container = ContainerProvider.getWebSocketContainer();
        container.setDefaultMaxTextMessageBufferSize(TestEndpoints.MAX_MESSAGE_SIZE);
        BlockingQueue<String> replies = new LinkedBlockingQueue<>();
        Session session = container.connectToServer(new Endpoint() {
            @Override
            public void onOpen(Session opened, EndpointConfig config) {
                opened.addMessageHandler(String.class, (MessageHandler.Whole<String>) replies::add);
            }
        }, ClientEndpointConfig.Builder.create().extensions(List.copyOf(container.getInstalledExtensions())).build(),
                server.ws("/echo"));
        try {
            assertEquals("permessage-deflate; server_no_context_takeover",
                    session.getNegotiatedExtensions().stream()
                            .map(e -> e.getName() + e.getParameters().stream().map(p -> "; " + p.getName())
                                    .collect(Collectors.joining()))
                            .collect(Collectors.joining(", ")));
            for (int size : new int[] {5, 100, 5000, 2_000_000}) {
                String text = json(size);
                session.getBasicRemote().sendText(text);
                assertEquals(text, replies.poll(JettyClient.TIMEOUT_SECONDS, TimeUnit.SECONDS), "text of " + size);
            }
        } finally {
            session.close();
        }
    }

    /** Browser-like: the container offers it to a configuration that names no extension. */
    @Test
    void aClientContainerCanOfferItByDefault() throws Exception {
        try (dev.duplex.client.DuplexWebSocketContainer container = dev.duplex.client.DuplexWebSocketContainer.create()) {
            container.setOfferingDeflateByDefault(true);
            BlockingQueue<String> replies = new LinkedBlockingQueue<>();
            Session session = container.connectToServer(new Endpoint() {
                @Override
                public void onOpen(Session opened, EndpointConfig config) {
                    opened.addMessageHandler(String.class, (MessageHandler.Whole<String>) replies::add);
                }
            }, ClientEndpointConfig.Builder.create().build(), server.ws("/echo"));
            assertEquals(List.of("permessage-deflate"),
                    session.getNegotiatedExtensions().stream().map(jakarta.websocket.Extension::getName).toList());
            session.getBasicRemote().sendText(json(3000));
            assertEquals(json(3000), replies.poll(JettyClient.TIMEOUT_SECONDS, TimeUnit.SECONDS));
            session.close();
        }
    }

    @Test
    void theContextParameterTurnsItOff() throws Exception {
        try (JettyClient client = JettyClient.connectOffering(withoutDeflate.ws("/echo"), "permessage-deflate")) {
            assertEquals(List.of(), client.session.getUpgradeResponse().getExtensions());
            JettyClient.await(callback -> client.session.sendText(json(1000), callback));
            assertEquals(json(1000), client.nextText());
        }
    }
}
