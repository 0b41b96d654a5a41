package dev.duplex.transport.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.engine.Callback;
import dev.duplex.engine.ClosePayload;
import dev.duplex.engine.CloseStatus;
import dev.duplex.engine.FrameWriter;
import dev.duplex.engine.Limits;
import dev.duplex.engine.WebSocketConnection;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MemoryTransportTest {
    private final ExecutorService executor = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "memory-link-test");
        thread.setDaemon(true);
        return thread;
    });
    private final RecordingListener clientListener = new RecordingListener();
    private final RecordingListener serverListener = new RecordingListener();
    private MemoryLink link;
    private WebSocketConnection client;
    private WebSocketConnection server;

    @AfterEach
    void stopExecutor() {
        executor.shutdownNow();
    }

    private void connect(long writeBuffer) {
        link = MemoryLink.open(executor, writeBuffer);
        client = new WebSocketConnection(FrameWriter.client(), Limits.DEFAULT, link.client(), clientListener);
        server = new WebSocketConnection(FrameWriter.server(), Limits.DEFAULT, link.server(), serverListener);
        clientListener.connection = client;
        serverListener.connection = server;
        link.client().start(client);
        link.server().start(server);
    }

    private static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    private static CompletableFuture<Void> send(WebSocketConnection connection, String text) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        connection.sendText(utf8(text), true, callback(done));
        return done;
    }

    private static Callback callback(CompletableFuture<Void> done) {
        return new Callback() {
            @Override
            public void succeeded() {
                done.complete(null);
            }

            @Override
            public void failed(Throwable cause) {
                done.completeExceptionally(cause);
            }
        };
    }

    @Test
    void writesArriveAtTheOtherEndInOrder() throws Exception {
        connect(MemoryLink.DEFAULT_WRITE_BUFFER);
        for (int i = 0; i < 200; i++) {
            send(client, "m" + i);
        }
        for (int i = 0; i < 200; i++) {
            assertEquals("text:m" + i, serverListener.next());
        }
        send(server, "back").get(10, TimeUnit.SECONDS);
        assertEquals("text:back", clientListener.next());
    }

    @Test
    void bytesWrittenBeforeStartAreHeldUntilStart() throws Exception {
        link = MemoryLink.open(executor);
        client = new WebSocketConnection(FrameWriter.client(), Limits.DEFAULT, link.client(), clientListener);
        server = new WebSocketConnection(FrameWriter.server(), Limits.DEFAULT, link.server(), serverListener);
        link.client().start(client);
        send(client, "early").get(10, TimeUnit.SECONDS);
        assertTrue(serverListener.events.isEmpty());
        link.server().start(server);
        assertEquals("text:early", serverListener.next());
    }

    @Test
    void closeHandshakeEndsBothEnds() throws Exception {
        connect(MemoryLink.DEFAULT_WRITE_BUFFER);
        server.close(new ClosePayload(CloseStatus.NORMAL_CLOSURE, "bye"), Callback.NOOP);
        ClosePayload atClient = clientListener.closed.get(10, TimeUnit.SECONDS);
        ClosePayload atServer = serverListener.closed.get(10, TimeUnit.SECONDS);
        assertEquals(new ClosePayload(CloseStatus.NORMAL_CLOSURE, "bye"), atClient);
        assertEquals(CloseStatus.NORMAL_CLOSURE, atServer.code());
        assertTrue(client.isClosed());
        assertTrue(server.isClosed());
    }

    @Test
    void dropReportsAbnormalClosureAndTheFailureAtBothEnds() throws Exception {
        connect(MemoryLink.DEFAULT_WRITE_BUFFER);
        IOException cause = new IOException("cable cut");
        link.drop(cause);
        assertEquals(CloseStatus.ABNORMAL_CLOSURE, clientListener.closed.get(10, TimeUnit.SECONDS).code());
        assertEquals(CloseStatus.ABNORMAL_CLOSURE, serverListener.closed.get(10, TimeUnit.SECONDS).code());
        assertEquals(cause, serverListener.failure.get(10, TimeUnit.SECONDS));
    }

    @Test
    void writesAfterTheEndIsClosedFailWithAnIOException() throws Exception {
        connect(MemoryLink.DEFAULT_WRITE_BUFFER);
        link.client().close();
        CompletableFuture<Void> done = new CompletableFuture<>();
        link.client().write(new ByteBuffer[] {utf8("late")}, callback(done));
        ExecutionException failure = assertThrows(ExecutionException.class, () -> done.get(10, TimeUnit.SECONDS));
        assertInstanceOf(IOException.class, failure.getCause());
        assertEquals(CloseStatus.ABNORMAL_CLOSURE, serverListener.closed.get(10, TimeUnit.SECONDS).code());
    }

    @Test
    void pausedReadingHoldsTheRestUntilResumed() throws Exception {
        connect(MemoryLink.DEFAULT_WRITE_BUFFER);
        serverListener.onEvent = event -> {
            if (event.equals("text:first")) {
                server.pauseReading();
            }
        };
        CompletableFuture<Void> paused = link.server().whenReadingPaused();
        send(client, "first");
        send(client, "second");
        assertEquals("text:first", serverListener.next());
        paused.get(10, TimeUnit.SECONDS);
        assertTrue(link.server().whenReadingPaused().isDone(), "asked while held up: completed at once");
        assertNull(serverListener.events.poll());
        assertTrue(link.server().pendingBytes() > 0);
        server.resumeReading();
        assertEquals("text:second", serverListener.next());
    }

    @Test
    void aWriteBeyondTheBufferCompletesOnlyWhenDelivered() throws Exception {
        connect(0);
        link.server().suspendDelivery();
        CompletableFuture<Void> written = send(client, "stalled");
        assertFalse(written.isDone());
        link.server().resumeDelivery();
        written.get(10, TimeUnit.SECONDS);
        assertEquals("text:stalled", serverListener.next());
    }

    @Test
    void closingFailsTheWritesStillWaitingForRoomButDeliversTheAcceptedOnes() throws Exception {
        connect(8);
        link.server().suspendDelivery();
        CompletableFuture<Void> accepted = send(client, "ok"); // 2-byte header + 2 bytes: fits in 8
        CompletableFuture<Void> waiting = send(client, "too long to fit");
        accepted.get(10, TimeUnit.SECONDS);
        assertFalse(waiting.isDone());
        link.client().close();
        ExecutionException lost = assertThrows(ExecutionException.class, () -> waiting.get(10, TimeUnit.SECONDS));
        assertInstanceOf(IOException.class, lost.getCause());
        link.server().resumeDelivery();
        assertEquals("text:ok", serverListener.next());
        assertEquals(CloseStatus.ABNORMAL_CLOSURE, serverListener.closed.get(10, TimeUnit.SECONDS).code());
    }

    @Test
    void startingTwiceIsRefused() {
        connect(MemoryLink.DEFAULT_WRITE_BUFFER);
        assertThrows(IllegalStateException.class, () -> link.server().start(server));
    }
}
