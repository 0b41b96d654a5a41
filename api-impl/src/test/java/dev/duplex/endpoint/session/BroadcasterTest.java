package dev.duplex.endpoint.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link Broadcaster} over the in-memory transport: one message, many sessions, groups. */
class BroadcasterTest {
    private static final int SESSIONS = 40;

    private final List<SessionPair> pairs = new ArrayList<>();

    /** A client that records the text and binary messages it receives. */
    static final class Listener extends Endpoint {
        final List<String> received = new CopyOnWriteArrayList<>();
        volatile CountDownLatch expected = new CountDownLatch(1);

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
                received.add(text);
                expected.countDown();
            });
            session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) data -> {
                received.add("binary " + data.remaining());
                expected.countDown();
            });
        }
    }

    private SessionPair open(Listener client) {
        SessionPair pair = new SessionPair().open(new RecordingEndpoint(), client);
        pairs.add(pair);
        return pair;
    }

    private static void awaitReceived(Listener client, String... messages) throws InterruptedException {
        assertTrue(client.expected.await(10, TimeUnit.SECONDS));
        assertEquals(List.of(messages), client.received);
    }

    @AfterEach
    void closePairs() {
        pairs.forEach(SessionPair::close);
    }

    @Test
    void broadcastDeliversOnceToEachOpenSessionAndSkipsClosedOnes() throws Exception {
        List<Listener> clients = new ArrayList<>();
        List<Session> servers = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
            Listener client = new Listener();
            clients.add(client);
            servers.add(open(client).server);
        }
        for (int i = 0; i < 5; i++) {
            servers.get(i).close();
            SessionPair.awaitNotOpen(servers.get(i));
        }
        BroadcastResult result = Broadcaster.create().sendText(servers, "hello all").get(10, TimeUnit.SECONDS);

        assertEquals(SESSIONS - 5, result.delivered().size(), result::toString);
        assertEquals(Set.copyOf(servers.subList(0, 5)), result.skipped());
        assertTrue(result.failed().isEmpty(), result::toString);
        for (int i = 5; i < SESSIONS; i++) {
            assertTrue(clients.get(i).expected.await(10, TimeUnit.SECONDS));
            assertEquals(List.of("hello all"), clients.get(i).received);
        }
        for (int i = 0; i < 5; i++) {
            assertEquals(List.of(), clients.get(i).received);
        }
    }

    @Test
    void binaryBroadcastSharesThePayloadWithoutMovingTheCallersBuffer() throws Exception {
        Listener a = new Listener();
        Listener b = new Listener();
        List<Session> servers = List.of(open(a).server, open(b).server);
        ByteBuffer data = ByteBuffer.wrap(new byte[300]);

        BroadcastResult result = Broadcaster.create().sendBinary(servers, data).get(10, TimeUnit.SECONDS);

        assertEquals(2, result.delivered().size());
        assertEquals(300, data.remaining());
        awaitReceived(a, "binary 300");
        awaitReceived(b, "binary 300");
    }

    @Test
    void sessionsLeaveTheirGroupsWhenTheyClose() throws Exception {
        Broadcaster broadcaster = Broadcaster.create();
        Listener a = new Listener();
        Listener b = new Listener();
        DuplexSession first = open(a).server;
        DuplexSession second = open(b).server;
        broadcaster.join(first, "room:42");
        broadcaster.join(second, "room:42");
        broadcaster.join(second, "room:7");
        broadcaster.leave(second, "room:7");
        broadcaster.join(second, "room:7"); // joins again after leaving: still leaves on close
        assertEquals(Set.of(first, second), broadcaster.members("room:42"));

        second.close();
        SessionPair.awaitNotOpen(second);

        assertEquals(Set.of(first), broadcaster.members("room:42"));
        assertEquals(Set.of("room:42"), broadcaster.groups());
        BroadcastResult result = broadcaster.sendTextToGroup("room:42", "only you").get(10, TimeUnit.SECONDS);
        assertEquals(Set.of(first), result.delivered());
        assertTrue(a.expected.await(10, TimeUnit.SECONDS));
        assertEquals(List.of("only you"), a.received);

        broadcaster.leave(first, "room:42");
        assertEquals(Set.of(), broadcaster.groups());
        broadcaster.join(second, "room:1"); // closed: no effect
        assertEquals(Set.of(), broadcaster.members("room:1"));
    }

    @Test
    void objectsAreEncodedOnceWithTheFirstOpenSessionsEncoders() throws Exception {
        Listener a = new Listener();
        Listener b = new Listener();
        List<Session> servers = List.of(open(a).server, open(b).server);

        BroadcastResult result = Broadcaster.create().sendObject(servers, 42).get(10, TimeUnit.SECONDS);

        assertEquals(2, result.delivered().size());
        awaitReceived(a, "42");
        awaitReceived(b, "42");
    }

    @Test
    void aSessionSendingAFragmentedMessageFailsWithoutDelayingTheOthers() throws Exception {
        Listener a = new Listener();
        Listener b = new Listener();
        DuplexSession busy = open(a).server;
        DuplexSession free = open(b).server;
        busy.getBasicRemote().sendText("part", false);

        BroadcastResult result = Broadcaster.create().sendText(List.of(busy, free), "news").get(10, TimeUnit.SECONDS);

        assertEquals(Set.of(free), result.delivered());
        assertInstanceOf(IllegalStateException.class, result.failed().get(busy));
        assertTrue(b.expected.await(10, TimeUnit.SECONDS));
        busy.getBasicRemote().sendText(" end", true);
        assertTrue(a.expected.await(10, TimeUnit.SECONDS));
        assertEquals(List.of("part end"), a.received); // nothing went between the parts
    }

    @Test
    void aSlowReaderDoesNotDelayTheOthers() throws Exception {
        Listener slowClient = new Listener();
        SessionPair slow = new SessionPair().writeBuffer(0).open(new RecordingEndpoint(), slowClient);
        pairs.add(slow);
        slow.link.client().suspendDelivery(); // the slow client reads nothing
        List<Listener> clients = new ArrayList<>();
        List<Session> servers = new ArrayList<>(List.of(slow.server));
        for (int i = 0; i < 10; i++) {
            Listener client = new Listener();
            clients.add(client);
            servers.add(open(client).server);
        }

        var pending = Broadcaster.create().sendText(servers, "tick");

        for (Listener client : clients) {
            assertTrue(client.expected.await(10, TimeUnit.SECONDS));
            assertEquals(List.of("tick"), client.received);
        }
        assertFalse(pending.isDone()); // only the slow reader's write is outstanding
        slow.link.client().resumeDelivery();
        BroadcastResult result = pending.get(10, TimeUnit.SECONDS);
        assertEquals(11, result.delivered().size());
        assertTrue(slowClient.expected.await(10, TimeUnit.SECONDS));
    }
}
