package dev.duplex.endpoint.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.duplex.endpoint.annotation.EndpointModels;
import dev.duplex.endpoint.annotation.EndpointRole;
import dev.duplex.monitoring.StatisticsSnapshot;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a session's {@link SessionCounters} count: whole messages, application payload bytes, errors, close codes. */
class SessionCountersTest {
    private final SessionPair pair = new SessionPair();

    @AfterEach
    void closePair() {
        pair.close();
    }

    /** The server echoes every whole message through its basic remote. */
    private static RecordingEndpoint echoServer() {
        return new RecordingEndpoint(session -> {
            session.addMessageHandler(String.class, text -> send(() -> session.getBasicRemote().sendText(text)));
            session.addMessageHandler(ByteBuffer.class, data -> send(() -> session.getBasicRemote().sendBinary(data)));
        });
    }

    private interface Send {
        void run() throws IOException;
    }

    private static void send(Send send) {
        try {
            send.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void wholeMessagesAndTheirPayloadBytesCountOnBothSidesWhateverTheFrames() throws Exception {
        BlockingQueue<Object> echoes = new LinkedBlockingQueue<>();
        RecordingEndpoint server = echoServer();
        RecordingEndpoint client = new RecordingEndpoint(session -> {
            session.addMessageHandler(String.class, echoes::add);
            session.addMessageHandler(ByteBuffer.class, echoes::add);
        });
        pair.open(server, client);
        Session session = client.opened.get(10, TimeUnit.SECONDS);
        session.getBasicRemote().sendText("héllo"); // 6 bytes of UTF-8
        session.getBasicRemote().sendText("one ", false); // one message of three frames, 12 bytes
        session.getBasicRemote().sendText("two ", false);
        session.getBasicRemote().sendText("six.", true);
        session.getBasicRemote().sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        assertEquals("héllo", echoes.poll(10, TimeUnit.SECONDS));
        assertEquals("one two six.", echoes.poll(10, TimeUnit.SECONDS));
        assertEquals(ByteBuffer.wrap(new byte[] {1, 2, 3}), echoes.poll(10, TimeUnit.SECONDS));
        session.close(new CloseReason(CloseCodes.getCloseCode(4001), "done"));
        server.awaitClose();
        client.awaitClose();

        StatisticsSnapshot atServer = pair.serverSessions.counters().snapshot();
        assertEquals(new StatisticsSnapshot("/app/chat", 0, 1, 1, 2, 1, 2, 1, 21, 21, 0,
                new TreeMap<>(Map.of(4001, 1L)), 0), atServer);
        StatisticsSnapshot atClient = pair.clientSessions.counters().snapshot();
        assertEquals(new StatisticsSnapshot("client", 0, 1, 1, 2, 1, 2, 1, 21, 21, 0,
                new TreeMap<>(Map.of(4001, 1L)), 0), atClient);
        assertEquals("héllo".getBytes(StandardCharsets.UTF_8).length + "one two six.".length() + 3,
                atServer.bytesReceived());
    }

    @Test
    void anOpenSessionCountsAsOpenUntilItsCloseIsReportedToOnClose() throws Exception {
        RecordingEndpoint server = new RecordingEndpoint();
        RecordingEndpoint client = new RecordingEndpoint();
        SessionCounters counters = pair.serverSessions.counters();
        server.onCloseHook = (session, reason) -> assertEquals(0, counters.openSessions(), "open during onClose");
        pair.open(server, client);
        server.opened.get(10, TimeUnit.SECONDS);
        assertEquals(1, counters.openSessions());
        assertEquals(1, counters.sessionsOpened());
        assertEquals(0, counters.sessionsClosed());
        pair.server.close();
        server.awaitClose();
        assertEquals(List.of("open", "close 1000"), server.log);
        assertEquals(0, counters.openSessions());
        assertEquals(1, counters.closes(1000));
    }

    @Test
    void everyOnErrorCallCountsAndADroppedConnectionCloses1006() throws Exception {
        RecordingEndpoint server = new RecordingEndpoint(session -> session.addMessageHandler(String.class,
                (MessageHandler.Whole<String>) text -> {
                    throw new IllegalStateException("the handler fails: " + text);
                }));
        RecordingEndpoint client = new RecordingEndpoint(session -> session.getAsyncRemote().sendText("boom"));
        pair.open(server, client);
        server.awaitError();
        SessionCounters counters = pair.serverSessions.counters();
        assertEquals(1, counters.errors());
        pair.link.drop(new IOException("network gone"));
        assertEquals(CloseCodes.CLOSED_ABNORMALLY, server.awaitClose().getCloseCode());
        assertEquals(2, counters.errors());
        assertEquals(Map.of(1006, 1L), counters.closeCodes());
        assertEquals(1, counters.textMessagesReceived());
    }

    /** Fails on every message; its @OnError method reports what it hears. */
    @ServerEndpoint("/failing")
    public static class Failing {
        static final BlockingQueue<Throwable> ERRORS = new LinkedBlockingQueue<>();

        @OnMessage
        public void fail(String text) {
            throw new IllegalStateException("the method fails: " + text);
        }

        @OnError
        public void error(Throwable error) {
            ERRORS.add(error);
        }
    }

    @Test
    void whatTheMethodsOfAnAnnotatedEndpointThrowCountsToo() throws Exception {
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(Failing.class, "/failing").build();
        pair.serverConfig(config).open(
                EndpointModels.endpointFor(new Failing(), Failing.class, EndpointRole.SERVER, config),
                new RecordingEndpoint(session -> session.getAsyncRemote().sendText("boom")));
        Throwable error = Failing.ERRORS.poll(10, TimeUnit.SECONDS);
        assertEquals("the method fails: boom", error.getMessage());
        assertEquals(1, pair.serverSessions.counters().errors());
    }

    @Test
    void sendsAfterTheCloseFrameAreNotCounted() throws Exception {
        RecordingEndpoint server = new RecordingEndpoint();
        RecordingEndpoint client = new RecordingEndpoint();
        server.onCloseHook = (session, reason) -> session.getAsyncRemote().sendText("too late");
        pair.open(server, client);
        server.opened.get(10, TimeUnit.SECONDS);
        pair.server.close();
        server.awaitClose();
        assertEquals(0, pair.serverSessions.counters().messagesSent());
        assertEquals(0, pair.serverSessions.counters().bytesSent());
    }

    @Test
    void closeCodesCountEachCodeTheDefinedOnesAndOthers() {
        SessionCounters counters = new SessionCounters("/codes");
        for (int code : new int[] {1000, 1000, 1001, 1015, 1016, 3000, 4999, 4999, 4999}) {
            counters.sessionOpened();
            counters.sessionClosed(code);
        }
        counters.sessionOpened();
        assertEquals(Map.of(1000, 2L, 1001, 1L, 1015, 1L, 1016, 1L, 3000, 1L, 4999, 3L), counters.closeCodes());
        assertEquals(List.of(1000, 1001, 1015, 1016, 3000, 4999), List.copyOf(counters.closeCodes().keySet()));
        assertEquals(3, counters.closes(4999));
        assertEquals(0, counters.closes(1002));
        assertEquals(0, counters.closes(4000));
        StatisticsSnapshot snapshot = counters.snapshot();
        assertEquals(1, snapshot.openSessions());
        assertEquals(10, snapshot.sessionsOpened());
        assertEquals(9, snapshot.sessionsClosed());
        assertEquals(counters.closeCodes(), snapshot.closeCodes());
        assertEquals(2, snapshot.closes(1000));
    }
}
