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
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A command-line client for the echo sample, written against the standard Jakarta WebSocket client
 * API only: it sends each line of standard input as a text message and prints every reply.
 *
 * <pre>java dev.duplex.samples.EchoClient [ws://localhost:8080/echo]</pre>
 *
 * <p>It needs a Jakarta WebSocket client implementation on the class path, found through
 * {@link ContainerProvider#getWebSocketContainer()}. An empty line or the end of input closes the
 * session, once the replies to the lines sent have come (at most 10 s): a reply that arrives after this side's
 * close frame is not delivered, so piped input would otherwise lose its last replies.
 */
@ClientEndpoint
public final class EchoClient {
    static final String DEFAULT_URI = "ws://localhost:8080/echo";

    private final CountDownLatch closed = new CountDownLatch(1);
    private final Semaphore replies = new Semaphore(0);

    @OnMessage
    public void print(String reply) {
        System.out.println("< " + reply);
        replies.release();
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
            int sent = 0;
            for (String line = input.readLine(); line != null && !line.isEmpty(); line = input.readLine()) {
                session.getBasicRemote().sendText(line);
                sent++;
            }
            if (!client.replies.tryAcquire(sent, 10, TimeUnit.SECONDS)) {
                System.err.println("closing without all replies: " + client.replies.availablePermits() + " of " + sent);
            }
        }
        client.closed.await(10, TimeUnit.SECONDS);
    }
}
