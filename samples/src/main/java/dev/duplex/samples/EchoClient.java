package dev.duplex.samples;

import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.CloseReason;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A command-line client for the echo sample, written against the standard Jakarta WebSocket client
 * API only: it sends each line of standard input as a text message and prints every reply.
 *
 * <pre>java dev.duplex.samples.EchoClient [ws://localhost:8080/echo]</pre>
 *
 * <p>It needs a Jakarta WebSocket client implementation on the class path, found through
 * {@link ContainerProvider#getWebSocketContainer()}. An empty line or the end of input closes the
 * session.
 */
@ClientEndpoint
public final class EchoClient {
    static final String DEFAULT_URI = "ws://localhost:8080/echo";

    private final CountDownLatch closed = new CountDownLatch(1);

    @OnMessage
    public void print(String reply) {
        System.out.println("< " + reply);
    }

    @OnError
    public void failed(Throwable cause) {
        System.err.println("error: " + cause);
    }

    @OnClose
    public void closed(CloseReason reason) {
        System.out.println("closed: " + reason.getCloseCode().getCode() + " " + reason.getReasonPhrase());
        closed.countDown();
    }

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args.length > 0 ? args[0] : DEFAULT_URI);
        WebSocketContainer container = ContainerProvider.getWebSocketContainer();
        EchoClient client = new EchoClient();
        try (Session session = container.connectToServer(client, uri)) {
            System.out.println("connected to " + uri + "; type lines to send, an empty line to quit");
            BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = input.readLine(); line != null && !line.isEmpty(); line = input.readLine()) {
                session.getBasicRemote().sendText(line);
            }
        }
        client.closed.await(10, TimeUnit.SECONDS);
    }
}
