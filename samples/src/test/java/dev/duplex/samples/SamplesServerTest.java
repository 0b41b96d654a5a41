package dev.duplex.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The samples server as a visitor meets it: the chat page and the three endpoints, over real sockets. */
class SamplesServerTest {
    private static final long TIMEOUT_SECONDS = 20;

    private static Server server;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        server = SamplesServer.start("127.0.0.1", 0);
        port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    /** A JDK WebSocket client that queues whole messages (String or ByteBuffer). */
    private static final class Client implements WebSocket.Listener {
        final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
        WebSocket socket;

        static Client connect(String path) throws Exception {
            Client client = new Client();
            client.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + path), client)
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return client;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                messages.add(text.toString());
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            binary.writeBytes(bytes);
            if (last) {
                messages.add(ByteBuffer.wrap(binary.toByteArray()));
                binary.reset();
            }
            webSocket.request(1);
            return null;
        }

        Object next() throws InterruptedException {
            Object message = messages.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertNotNull(message, "no message within " + TIMEOUT_SECONDS + " s");
            return message;
        }

        void send(String message) throws Exception {
            socket.sendText(message, true).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }

        void close() throws Exception {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }

    @Test
    void rootServesTheChatPage() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<title>Duplex chat</title>"), page.body());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
    }

    @Test
    void echoReturnsTextAndBinary() throws Exception {
        Client client = Client.connect("/echo");
        client.send("héllo");
        assertEquals("héllo", client.next());
        byte[] bytes = new byte[3 * 1024 * 1024];
        new Random(8080).nextBytes(bytes);
        client.socket.sendBinary(ByteBuffer.wrap(bytes), true).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertEquals(ByteBuffer.wrap(bytes), client.next());
        client.close();
    }

    @Test
    void reverseAnswersEachTextReversed() throws Exception {
        Client client = Client.connect("/reverse");
        client.send("stressed");
        assertEquals("desserts", client.next());
        client.close();
    }

    @Test
    void chatRoomBroadcastsToEveryoneInTheRoomAndNoOneElse() throws Exception {
        Client alice = Client.connect("/chat/lobby");
        String aliceJoined = (String) alice.next();
        assertTrue(aliceJoined.matches("\\* guest-\\d+ joined #lobby"), aliceJoined);
        String aliceName = aliceJoined.substring(2, aliceJoined.indexOf(' ', 2));

        Client bob = Client.connect("/chat/lobby");
        String bobJoined = (String) bob.next();
        assertEquals(bobJoined, alice.next(), "alice hears bob join");
        Client elsewhere = Client.connect("/chat/kitchen");
        assertTrue(((String) elsewhere.next()).endsWith("joined #kitchen"));

        alice.send("hi all");
        assertEquals(aliceName + ": hi all", alice.next());
        assertEquals(aliceName + ": hi all", bob.next());

        bob.send("/nick bob");
        String renamed = (String) bob.next();
        assertTrue(renamed.endsWith(" is now bob"), renamed);
        assertEquals(renamed, alice.next());

        elsewhere.send("anyone?");
        assertTrue(((String) elsewhere.next()).endsWith(": anyone?"));
        bob.send("bye");
        assertEquals("bob: bye", alice.next());
        assertEquals("bob: bye", bob.next());
        assertTrue(elsewhere.messages.isEmpty(), "the kitchen heard the lobby: " + elsewhere.messages);

        alice.close();
        bob.close();
        elsewhere.close();
    }

    /** The figures of one endpoint's MBean that a test can predict, by attribute. */
    private static Map<String, Long> figures(MBeanServer mbeans, ObjectName endpoint) throws Exception {
        Map<String, Long> figures = new TreeMap<>();
        for (String attribute : new String[] {"SessionsOpened", "MessagesReceived", "MessagesSent", "BytesReceived",
                "BytesSent", "Errors"}) {
            figures.put(attribute, (Long) mbeans.getAttribute(endpoint, attribute));
        }
        return figures;
    }

    @Test
    void eachEndpointIsAnMBeanOfThePlatformMBeanServerCountingItsSessions() throws Exception {
        MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
        Set<String> paths = mbeans.queryNames(new ObjectName("dev.duplex:type=Endpoint,*"), null).stream()
                .map(name -> ObjectName.unquote(name.getKeyProperty("path")))
                .collect(Collectors.toSet());
        assertEquals(Set.of("/echo", "/chat/{room}", "/reverse"), paths);
        Set<ObjectName> found = mbeans.queryNames(
                new ObjectName("dev.duplex:type=Endpoint,path=" + ObjectName.quote("/reverse") + ",*"), null);
        assertEquals(1, found.size(), found.toString());
        ObjectName reverse = found.iterator().next();
        Map<String, Long> before = figures(mbeans, reverse);

        Client client = Client.connect("/reverse");
        client.send("stressed");
        assertEquals("desserts", client.next());

        Map<String, Long> expected = new TreeMap<>(before);
        expected.merge("SessionsOpened", 1L, Long::sum);
        expected.merge("MessagesReceived", 1L, Long::sum);
        expected.merge("MessagesSent", 1L, Long::sum);
        expected.merge("BytesReceived", 8L, Long::sum);
        expected.merge("BytesSent", 8L, Long::sum);
        assertEquals(expected, figures(mbeans, reverse));
        client.close();
    }
}
