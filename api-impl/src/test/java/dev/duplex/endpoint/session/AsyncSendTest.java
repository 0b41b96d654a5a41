package dev.duplex.endpoint.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.EncodeException;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AsyncSendTest {
    private final SessionPair pair = new SessionPair();
    private final Received<String> atClient = new Received<>();

    @AfterEach
    void closePair() {
        pair.close();
    }

    private RemoteEndpoint.Async open() {
        pair.open(new RecordingEndpoint(), new RecordingEndpoint(session -> {
            session.addMessageHandler(String.class, atClient::add);
            session.addMessageHandler(ByteBuffer.class, data -> atClient.add("binary " + data.remaining()));
        }));
        return pair.server.getAsyncRemote();
    }

    private static SendResult await(CompletableFuture<SendResult> result) throws Exception {
        return result.get(10, TimeUnit.SECONDS);
    }

    @Test
    void theFutureCompletesWithNullOnceTheMessageIsSent() throws Exception {
        RemoteEndpoint.Async remote = open();
        assertNull(remote.sendText("future").get(10, TimeUnit.SECONDS));
        ByteBuffer data = ByteBuffer.allocate(3);
        assertNull(remote.sendBinary(data).get(10, TimeUnit.SECONDS));
        assertEquals(data.limit(), data.position());
        assertEquals("future", atClient.next());
        assertEquals("binary 3", atClient.next());
    }

    @Test
    void theSendHandlerHearsOfSuccessWithTheSession() throws Exception {
        RemoteEndpoint.Async remote = open();
        CompletableFuture<SendResult> text = new CompletableFuture<>();
        CompletableFuture<SendResult> binary = new CompletableFuture<>();
        remote.sendText("handled", text::complete);
        remote.sendBinary(ByteBuffer.allocate(2), binary::complete);
        assertTrue(await(text).isOK());
        assertSame(pair.server, await(text).getSession());
        assertTrue(await(binary).isOK());
        assertEquals("handled", atClient.next());
    }

    @Test
    void sendObjectEncodesAndReportsEncodingFailuresThroughTheHandlerOrFuture() throws Exception {
        pair.serverConfig(ClientEndpointConfig.Builder.create().encoders(List.of(TestCoders.BeanTextEncoder.class)).build());
        RemoteEndpoint.Async remote = open();
        assertNull(remote.sendObject(new TestCoders.Bean("ok")).get(10, TimeUnit.SECONDS));
        assertEquals("bean(ok)", atClient.next());
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> remote.sendObject(new TestCoders.Bean("fail")).get(10, TimeUnit.SECONDS));
        assertInstanceOf(EncodeException.class, failed.getCause());
        CompletableFuture<SendResult> result = new CompletableFuture<>();
        remote.sendObject(new Object(), result::complete);
        assertInstanceOf(EncodeException.class, await(result).getException());
        remote.sendObject(12, result2 -> { });
        assertEquals("12", atClient.next());
    }

    @Test
    void nullArgumentsAreIllegalArguments() {
        RemoteEndpoint.Async remote = open();
        SendHandler ignore = result -> { };
        assertThrows(IllegalArgumentException.class, () -> remote.sendText(null));
        assertThrows(IllegalArgumentException.class, () -> remote.sendText(null, ignore));
        assertThrows(IllegalArgumentException.class, () -> remote.sendText("x", null));
        assertThrows(IllegalArgumentException.class, () -> remote.sendBinary(null));
        assertThrows(IllegalArgumentException.class, () -> remote.sendBinary(null, ignore));
        assertThrows(IllegalArgumentException.class, () -> remote.sendBinary(ByteBuffer.allocate(1), null));
        assertThrows(IllegalArgumentException.class, () -> remote.sendObject(null));
        assertThrows(IllegalArgumentException.class, () -> remote.sendObject(null, ignore));
        assertThrows(IllegalArgumentException.class, () -> remote.sendObject("x", null));
    }

    @Test
    void sendsAfterTheCloseFailWithAnIOException() throws Exception {
        RemoteEndpoint.Async remote = open();
        pair.server.close();
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> remote.sendText("late").get(10, TimeUnit.SECONDS));
        assertInstanceOf(IOException.class, failed.getCause());
        CompletableFuture<SendResult> result = new CompletableFuture<>();
        remote.sendText("late", result::complete);
        assertFalse(await(result).isOK());
        assertInstanceOf(IOException.class, await(result).getException());
    }

    @Test
    void aSendThatOutlastsTheSendTimeoutFailsAndClosesTheSession() throws Exception {
        pair.writeBuffer(0).closeTimeout(java.time.Duration.ofMillis(50));
        RecordingEndpoint server = new RecordingEndpoint();
        pair.open(server, new RecordingEndpoint());
        RemoteEndpoint.Async remote = pair.server.getAsyncRemote();
        remote.setSendTimeout(50);
        pair.link.client().suspendDelivery(); // the client stops reading: the write never completes
        Future<Void> stalled = remote.sendText("stuck in the network");
        ExecutionException failed = assertThrows(ExecutionException.class, () -> stalled.get(10, TimeUnit.SECONDS));
        assertInstanceOf(SocketTimeoutException.class, failed.getCause());
        assertEquals(CloseCodes.CLOSED_ABNORMALLY, server.awaitClose().getCloseCode());
    }

    @Test
    void aSendHandlerHearsOfTheTimeoutToo() throws Exception {
        pair.writeBuffer(0);
        pair.open(new RecordingEndpoint(), new RecordingEndpoint());
        RemoteEndpoint.Async remote = pair.server.getAsyncRemote();
        remote.setSendTimeout(50);
        pair.link.client().suspendDelivery();
        CompletableFuture<SendResult> result = new CompletableFuture<>();
        remote.sendText("stuck", result::complete);
        assertInstanceOf(SocketTimeoutException.class, await(result).getException());
    }

    @Test
    void batchedAsyncSendsCompleteAtOnceAndGoOutOnFlush() throws Exception {
        RemoteEndpoint.Async remote = open();
        remote.setBatchingAllowed(true);
        assertNull(remote.sendText("batched").get(10, TimeUnit.SECONDS));
        assertEquals(0, pair.link.client().pendingBytes());
        assertTrue(atClient.isEmpty());
        remote.flushBatch();
        assertEquals("batched", atClient.next());
        remote.setBatchingAllowed(false);
        assertFalse(remote.getBatchingAllowed());
    }

    @Test
    void thePingsOfTheAsyncEndpointWork() throws Exception {
        Received<Integer> pongs = new Received<>();
        pair.open(new RecordingEndpoint(session -> session.addMessageHandler(jakarta.websocket.PongMessage.class,
                pong -> pongs.add(pong.getApplicationData().remaining()))), new RecordingEndpoint());
        pair.server.getAsyncRemote().sendPing(ByteBuffer.allocate(7));
        assertEquals(7, pongs.next());
        assertThrows(IllegalArgumentException.class, () -> pair.server.getAsyncRemote().sendPong(ByteBuffer.allocate(200)));
    }
}
