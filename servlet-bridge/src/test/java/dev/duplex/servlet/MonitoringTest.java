package dev.duplex.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.client.DuplexWebSocketContainer;
import dev.duplex.endpoint.server.DuplexServerContainer;
import dev.duplex.monitoring.StatisticsSnapshot;
import dev.duplex.servlet.ServerUnderTest.Container;
import jakarta.servlet.ServletContext;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpoint;
import java.lang.management.ManagementFactory;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An application's WebSocket statistics, read as its MXBeans through the platform MBean server while real clients
 * use it, and gone once it stops (servlet-bridge README, "Monitoring").
 */
class MonitoringTest {
    private static final MBeanServer MBEANS = ManagementFactory.getPlatformMBeanServer();
    private static final long TIMEOUT_SECONDS = JdkClient.TIMEOUT_SECONDS;

    /** Echoes text and binary messages, fails on the text "fail", and reports its errors and closes. */
    @ServerEndpoint("/monitored/{room}")
    public static class Monitored {
        static final BlockingQueue<Throwable> ERRORS = new LinkedBlockingQueue<>();
        static final BlockingQueue<CloseReason> CLOSES = new LinkedBlockingQueue<>();

        @OnMessage
        public String echo(String text) {
            if (text.equals("fail")) {
                throw new IllegalStateException("asked to fail");
            }
            return text;
        }

        @OnMessage
        public ByteBuffer echo(ByteBuffer data) {
            return data;
        }

        @OnError
        public void error(Throwable error) {
            ERRORS.add(error);
        }

        @OnClose
        public void close(CloseReason reason) {
            CLOSES.add(reason);
        }

        static CloseReason nextClose() throws InterruptedException {
            CloseReason reason = CLOSES.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertNotNull(reason, "the endpoint's onClose was not called within " + TIMEOUT_SECONDS + " s");
            return reason;
        }
    }

    private static ObjectName name(String name) throws Exception {
        return new ObjectName(name);
    }

    private static Object attribute(ObjectName name, String attribute) throws Exception {
        return MBEANS.getAttribute(name, attribute);
    }

    /** The CloseCodes attribute, a table of (key, value) rows in JMX, as a map. */
    private static Map<Integer, Long> closeCodes(ObjectName name) throws Exception {
        Map<Integer, Long> codes = new TreeMap<>();
        for (Object row : ((TabularData) attribute(name, "CloseCodes")).values()) {
            CompositeData entry = (CompositeData) row;
            codes.put((Integer) entry.get("key"), (Long) entry.get("value"));
        }
        return codes;
    }

    /** Every attribute of the MBean, as a line: what the README's sample reading shows. */
    private static String reading(ObjectName name) throws Exception {
        StringBuilder line = new StringBuilder(name.toString());
        for (MBeanAttributeInfo info : MBEANS.getMBeanInfo(name).getAttributes()) {
            Object value = info.getName().equals("CloseCodes") ? closeCodes(name) : attribute(name, info.getName());
            line.append("\n    ").append(info.getName()).append(" = ")
                    .append(value instanceof String[] array ? List.of(array) : value);
        }
        return line.toString();
    }

    private static Set<ObjectName> duplexNames() throws Exception {
        return new TreeSet<>(MBEANS.queryNames(name("dev.duplex:*"), null));
    }

    @ParameterizedTest
    @EnumSource(value = Container.class, names = {"JETTY", "TOMCAT"})
    void theFiguresOfEachEndpointAndTheirSumAreMXBeansThatGoWhenTheApplicationStops(Container container)
            throws Exception {
        Monitored.ERRORS.clear();
        Monitored.CLOSES.clear();
        ObjectName containerName = name("dev.duplex:type=Container,context=\"ROOT\"");
        ObjectName monitoredName = name("dev.duplex:type=Endpoint,context=\"ROOT\",path=\"/monitored/{room}\"");
        ObjectName echoName = name("dev.duplex:type=Endpoint,context=\"ROOT\",path=\"/echo\"");
        ObjectName clientName = name("dev.duplex:type=Client,context=\"ROOT\"");
        assertEquals(Set.of(), duplexNames(), "MBeans left by an earlier application");
        try (ServerUnderTest server = ServerUnderTest.start(container, deploy -> {
            deploy.addEndpoint(Monitored.class);
            deploy.addEndpoint(TestEndpoints.Echo.class);
        })) {
            assertEquals(new TreeSet<>(Set.of(containerName, monitoredName, echoName, clientName)), duplexNames());
            assertEquals(List.of("/monitored/{room}", "/echo"), List.of((String[]) attribute(containerName, "EndpointPaths")));
            assertEquals("", attribute(containerName, "ContextPath"));
            assertEquals("/monitored/{room}", attribute(monitoredName, "Path"));

            JdkClient lobby = JdkClient.connect(server.ws("/monitored/lobby"));
            JdkClient kitchen = JdkClient.connect(server.ws("/monitored/kitchen"));
            lobby.send("hello");
            assertEquals("hello", lobby.nextText());
            lobby.send("héllo"); // 6 bytes of UTF-8
            assertEquals("héllo", lobby.nextText());
            lobby.send(ByteBuffer.wrap(new byte[] {1, 2, 3}));
            assertEquals(ByteBuffer.wrap(new byte[] {1, 2, 3}), lobby.nextBinary());
            kitchen.send("fail");
            assertNotNull(Monitored.ERRORS.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS), "onError was not called");
            assertEquals(2L, attribute(monitoredName, "OpenSessions"));
            // Not QueuedBytes here: the server counts a frame off its queue a moment after the network took it, so
            // the client may already hold an echo whose bytes still count (5 of them seen on Tomcat). The test
            // of QueuedBytes waits for a known state instead.

            lobby.socket.sendClose(4001, "moving out").get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertEquals(4001, Monitored.nextClose().getCloseCode().getCode());
            kitchen.closeNormally();
            assertEquals(1000, Monitored.nextClose().getCloseCode().getCode());

            Map<String, Object> expected = new TreeMap<>(Map.ofEntries(
                    Map.entry("OpenSessions", 0L), Map.entry("SessionsOpened", 2L), Map.entry("SessionsClosed", 2L),
                    Map.entry("MessagesReceived", 4L), Map.entry("TextMessagesReceived", 3L),
                    Map.entry("BinaryMessagesReceived", 1L), Map.entry("MessagesSent", 3L),
                    Map.entry("TextMessagesSent", 2L), Map.entry("BinaryMessagesSent", 1L),
                    Map.entry("BytesReceived", 5L + 6 + 3 + 4), Map.entry("BytesSent", 5L + 6 + 3),
                    Map.entry("Errors", 1L), Map.entry("QueuedBytes", 0L)));
            for (ObjectName name : List.of(monitoredName, containerName)) {
                Map<String, Object> read = new TreeMap<>();
                for (String attribute : expected.keySet()) {
                    read.put(attribute, attribute(name, attribute));
                }
                assertEquals(expected, read, name.toString());
                assertEquals(Map.of(1000, 1L, 4001, 1L), closeCodes(name), name.toString());
            }
            assertEquals(0L, attribute(echoName, "SessionsOpened"));
            assertEquals(Map.of(), closeCodes(echoName));
            assertEquals(0L, attribute(clientName, "SessionsOpened"));
            System.out.println("MonitoringTest on " + container + ":\n" + reading(containerName) + "\n"
                    + reading(monitoredName));

            server.stopApplication();
            assertEquals(Set.of(), duplexNames(), "MBeans left after the application stopped");
        }
    }

    /** Sends 64 KiB messages until the write queue refuses one; says when all it accepted are written. */
    @ServerEndpoint("/flood")
    public static class Flood {
        static final int CHUNK = 64 * 1024;
        static volatile CompletableFuture<Integer> refused = new CompletableFuture<>();
        static volatile CompletableFuture<Void> drained = new CompletableFuture<>();

        @OnMessage
        public void flood(Session session, String command) {
            List<CompletableFuture<Void>> accepted = new ArrayList<>();
            while (true) {
                CompletableFuture<Void> sent = TestEndpoints.sendBinary(session, ByteBuffer.allocate(CHUNK));
                if (sent.isCompletedExceptionally()) {
                    CompletableFuture.allOf(accepted.toArray(CompletableFuture[]::new))
                            .whenComplete((done, failure) -> drained.complete(null));
                    refused.complete(accepted.size());
                    return;
                }
                accepted.add(sent);
            }
        }
    }

    @Test
    void queuedBytesAreWhatAPeerThatStopsReadingLeavesWaiting() throws Exception {
        Flood.refused = new CompletableFuture<>();
        Flood.drained = new CompletableFuture<>();
        int bound = 256 * 1024;
        ObjectName flood = name("dev.duplex:type=Endpoint,context=\"ROOT\",path=\"/flood\"");
        try (ServerUnderTest server = ServerUnderTest.start(Container.JETTY,
                context -> context.setInitParameter("dev.duplex.maxQueuedBytes", Integer.toString(bound)),
                deploy -> deploy.addEndpoint(Flood.class))) {
            JdkClient client = JdkClient.connect(server.ws("/flood"), false);
            client.send("go");
            int accepted = Flood.refused.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

            // The refused message would have taken the queue past the bound, so the queue holds more than the bound
            // less one message; the peer, not reading, takes none of it.
            long queued = (Long) attribute(flood, "QueuedBytes");
            int frame = Flood.CHUNK + 4; // a 64 KiB binary frame's header is 4 bytes (RFC 6455 section 5.2)
            assertTrue(queued > bound - frame && queued <= bound, "queued " + queued);
            // Counted as they were handed to the connection, the refused one too (SessionStatistics javadoc).
            assertEquals(accepted + 1L, attribute(flood, "MessagesSent"));

            client.readAll();
            Flood.drained.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertEquals(0L, attribute(flood, "QueuedBytes"));
            client.closeNormally();
        }
    }

    @Test
    void withJmxOffThereAreNoMBeansButTheStatisticsAreKept() throws Exception {
        AtomicReference<ServletContext> application = new AtomicReference<>();
        try (ServerUnderTest server = ServerUnderTest.start(Container.JETTY, context -> {
            context.setInitParameter("dev.duplex.jmx", "false");
            application.set(context);
        }, deploy -> deploy.addEndpoint(TestEndpoints.Echo.class))) {
            JdkClient client = JdkClient.connect(server.ws("/echo"));
            client.send("hello");
            assertEquals("hello", client.nextText());

            assertEquals(Set.of(), duplexNames());
            DuplexServerContainer container = (DuplexServerContainer) application.get()
                    .getAttribute(ServerContainer.class.getName());
            StatisticsSnapshot echo = container.statistics().endpoints().get(0).snapshot();
            assertEquals("/echo", echo.name());
            assertEquals(1, echo.messagesReceived());
            assertEquals(1, echo.messagesSent());
            client.closeNormally();
        }
    }

    @Test
    void twoApplicationsAtOneContextPathHaveNamesOfTheirOwn() throws Exception {
        try (ServerUnderTest first = ServerUnderTest.start(Container.JETTY,
                deploy -> deploy.addEndpoint(TestEndpoints.Echo.class));
                ServerUnderTest second = ServerUnderTest.start(Container.TOMCAT,
                        deploy -> deploy.addEndpoint(TestEndpoints.Echo.class))) {
            assertEquals(new TreeSet<>(Set.of(
                    name("dev.duplex:type=Container,context=\"ROOT\""),
                    name("dev.duplex:type=Endpoint,context=\"ROOT\",path=\"/echo\""),
                    name("dev.duplex:type=Client,context=\"ROOT\""),
                    name("dev.duplex:type=Container,context=\"ROOT\",id=2"),
                    name("dev.duplex:type=Endpoint,context=\"ROOT\",id=2,path=\"/echo\""),
                    name("dev.duplex:type=Client,context=\"ROOT\",id=2"))), duplexNames());
            JdkClient client = JdkClient.connect(second.ws("/echo"));
            client.send("to the second");
            assertEquals("to the second", client.nextText());
            assertEquals(1L, attribute(name("dev.duplex:type=Container,context=\"ROOT\",id=2"), "MessagesReceived"));
            assertEquals(0L, attribute(name("dev.duplex:type=Container,context=\"ROOT\""), "MessagesReceived"));
            client.closeNormally();

            first.stopApplication();
            assertEquals(3, duplexNames().size());
            assertTrue(MBEANS.isRegistered(name("dev.duplex:type=Container,context=\"ROOT\",id=2")));
        }
        assertEquals(Set.of(), duplexNames());
    }

    /** A client container counts its own sessions, whatever their endpoint class. */
    @Test
    void aClientContainerCountsItsSessions() throws Exception {
        try (ServerUnderTest server = ServerUnderTest.start(Container.JETTY,
                deploy -> deploy.addEndpoint(TestEndpoints.Echo.class));
                DuplexWebSocketContainer client = DuplexWebSocketContainer.create()) {
            BlockingQueue<String> echoes = new LinkedBlockingQueue<>();
            CompletableFuture<CloseReason> closed = new CompletableFuture<>();
            Session session = client.connectToServer(new Endpoint() {
                @Override
                public void onOpen(Session session, EndpointConfig config) {
                    session.addMessageHandler(String.class, (MessageHandler.Whole<String>) echoes::add);
                }

                @Override
                public void onClose(Session session, CloseReason closeReason) {
                    closed.complete(closeReason);
                }
            }, ClientEndpointConfig.Builder.create().build(), server.ws("/echo"));
            session.getBasicRemote().sendText("one");
            session.getBasicRemote().sendText("two");
            assertEquals("one", echoes.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            assertEquals("two", echoes.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            session.close();
            assertEquals(1000, closed.get(TIMEOUT_SECONDS, TimeUnit.SECONDS).getCloseCode().getCode());

            assertEquals(new StatisticsSnapshot("client", 0, 1, 1, 2, 0, 2, 0, 6, 6, 0,
                    new TreeMap<>(Map.of(1000, 1L)), 0), client.statistics().snapshot());
        }
    }
}
