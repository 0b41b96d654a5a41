package dev.duplex.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.endpoint.HeaderExtension;
import dev.duplex.engine.handshake.ExtensionOffer;
import dev.duplex.engine.handshake.ExtensionParameter;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Extension;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The negotiation of subprotocols and extensions against a server whose answers the test writes
 * byte for byte, including answers no real server library would give.
 */
@Timeout(60)
class HandshakeNegotiationTest {
    private final DuplexWebSocketContainer container = DuplexWebSocketContainer.create();
    private final CompletableFuture<String> requestHead = new CompletableFuture<>();
    /** Completes with true once the client closed its end of the connection. */
    private final CompletableFuture<Boolean> clientClosed = new CompletableFuture<>();
    private ServerSocket listener;
    private Thread conversation;

    @AfterEach
    void stop() throws Exception {
        container.stop();
        if (listener != null) {
            listener.close();
            conversation.join(10_000);
        }
    }

    /** Serves one connection: reads the request head, writes what {@code answer} makes of it, waits for the client. */
    private URI serve(Function<String, String> answer) throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        conversation = new Thread(() -> {
            try (Socket socket = listener.accept()) {
                String head = readHead(socket.getInputStream());
                requestHead.complete(head);
                socket.getOutputStream().write(answer.apply(head).getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
                // The client's first byte (a close frame) or its end of stream ends the conversation.
                clientClosed.complete(socket.getInputStream().read() < 0);
            } catch (IOException e) {
                clientClosed.completeExceptionally(e);
            }
        }, "test-raw-server");
        conversation.setDaemon(true);
        conversation.start();
        return URI.create("ws://127.0.0.1:" + listener.getLocalPort() + "/raw");
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the request head ended early: " + head);
            }
            head.append((char) b);
        }
        return head.toString();
    }

    private static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                return line.substring(colon + 1).strip();
            }
        }
        return null;
    }

    private static String accept(String head) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest((header(head, "Sec-WebSocket-Key")
                    + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String switching(String head, String... extraLines) {
        StringBuilder response = new StringBuilder("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Accept: " + accept(head) + "\r\n");
        for (String line : extraLines) {
            response.append(line).append("\r\n");
        }
        return response.append("\r\n").toString();
    }

    private static Extension extension(String name, ExtensionParameter... parameters) {
        return HeaderExtension.of(ExtensionOffer.of(name, parameters));
    }

    private ClientEndpointConfig offering(List<String> subprotocols, List<Extension> extensions) {
        return ClientEndpointConfig.Builder.create().preferredSubprotocols(subprotocols).extensions(extensions).build();
    }

    @Test
    void offeredSubprotocolsAndExtensionsAreSentAndTheAgreementReachesTheSession() throws Exception {
        URI uri = serve(head -> switching(head, "Sec-WebSocket-Protocol: v2",
                "Sec-WebSocket-Extensions: x-b; mode=fast"));
        RecordingClient client = new RecordingClient();
        Session session = container.connectToServer(client, offering(List.of("v1", "v2"),
                List.of(extension("x-a"), extension("x-b", ExtensionParameter.of("mode", "fast")))), uri);

        String head = requestHead.get(10, TimeUnit.SECONDS);
        assertEquals("v1, v2", header(head, "Sec-WebSocket-Protocol"));
        assertEquals("x-a, x-b; mode=fast", header(head, "Sec-WebSocket-Extensions"));
        assertEquals("v2", session.getNegotiatedSubprotocol());
        List<Extension> negotiated = session.getNegotiatedExtensions();
        assertEquals(1, negotiated.size());
        assertEquals("x-b", negotiated.get(0).getName());
        assertEquals("mode", negotiated.get(0).getParameters().get(0).getName());
        assertEquals("fast", negotiated.get(0).getParameters().get(0).getValue());
        session.close();
        assertFalse(clientClosed.get(10, TimeUnit.SECONDS), "the server read the client's close frame");
    }

    private void assertRefused(String expectedInMessage, ClientEndpointConfig config, URI uri) throws Exception {
        RecordingClient client = new RecordingClient();
        DeploymentException refused = assertThrows(DeploymentException.class,
                () -> container.connectToServer(client, config, uri));
        assertTrue(refused.getMessage().contains(expectedInMessage), refused.getMessage());
        assertFalse(client.opened.isDone(), "onOpen must not run for a refused handshake");
        assertTrue(clientClosed.get(10, TimeUnit.SECONDS), "the client closed the connection");
        assertEquals(0, container.liveConnections());
    }

    @Test
    void wrongAcceptValueIsRefused() throws Exception {
        URI uri = serve(head -> "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: AAAAAAAAAAAAAAAAAAAAAAAAAAA=\r\n\r\n");
        assertRefused("Sec-WebSocket-Accept", offering(List.of(), List.of()), uri);
    }

    @Test
    void subprotocolThatWasNotOfferedIsRefused() throws Exception {
        URI uri = serve(head -> switching(head, "Sec-WebSocket-Protocol: never-offered"));
        assertRefused("never-offered", offering(List.of("v1"), List.of()), uri);
    }

    @Test
    void extensionThatWasNotOfferedIsRefused() throws Exception {
        URI uri = serve(head -> switching(head, "Sec-WebSocket-Extensions: permessage-deflate"));
        assertRefused("permessage-deflate", offering(List.of(), List.of(extension("x-a"))), uri);
    }

    @Test
    void statusOtherThan101IsRefusedWithTheStatusInTheMessage() throws Exception {
        URI uri = serve(head -> "HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n");
        assertRefused("401 Unauthorized", offering(List.of(), List.of()), uri);
    }
}
