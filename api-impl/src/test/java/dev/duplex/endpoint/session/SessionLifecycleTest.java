package dev.duplex.endpoint.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.engine.ProtocolException;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.Session;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SessionLifecycleTest {
    private final SessionPair pair = new SessionPair();

    @AfterEach
    void closePair() {
        pair.close();
    }

    @Test
    void onOpenPrecedesMessagesAndOnCloseComesLastAndOnce() throws Exception {
        RecordingEndpoint recordingServer = new RecordingEndpoint();
        RecordingEndpoint serverEndpoint = new RecordingEndpoint(session -> session.addMessageHandler(String.class,
                text -> recordingServer.log.add("message " + text)));
        RecordingEndpoint client = new RecordingEndpoint(session -> {
            try {
                session.getBasicRemote().sendText("hello");
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        pair.open(serverEndpoint, client);
        client.opened.get(10, TimeUnit.SECONDS);
        pair.client.close();
        serverEndpoint.awaitClose();
        client.awaitClose();
        assertEquals(List.of("message hello"), recordingServer.log);
        assertEquals(List.of("open", "close 1000"), serverEndpoint.log);
        assertEquals(List.of("open", "close 1000"), client.log);
        assertEquals(1, serverEndpoint.closeCalls);
        assertEquals(1, client.closeCalls);
    }

    @Test
    void onCloseReportsThePeersCodeAndReasonAndTheClosersOwnReason() throws Exception {
        RecordingEndpoint server = new RecordingEndpoint();
        RecordingEndpoint client = new RecordingEndpoint();
        pair.open(server, client);
        client.opened.get(10, TimeUnit.SECONDS);
        CloseReason reason = new CloseReason(CloseCodes.getCloseCode(4001), "done for today");
        pair.client.close(reason);
        CloseReason atServer = server.awaitClose();
        assertEquals(4001, atServer.getCloseCode().getCode());
        assertEquals("done for today", atServer.getReasonPhrase());
        assertSame(reason, client.awaitClose());
    }

    @Test
    void closeWithoutReasonSendsNormalClosure() throws Exception {
        RecordingEndpoint server = new RecordingEndpoint();
        RecordingEndpoint client = new RecordingEndpoint();
        pair.open(server, client);
        pair.server.close();
        assertEquals(CloseCodes.NORMAL_CLOSURE, client.awaitClose().getCloseCode());
        assertEquals(CloseCodes.NORMAL_CLOSURE, server.awaitClose().getCloseCode());
    }

    @Test
    void aHandlerMayCloseItsSessionAndOnCloseFollowsAfterItReturns() throws Exception {
        RecordingEndpoint server = new RecordingEndpoint();
        server.log.clear();
        RecordingEndpoint serverEndpoint = new RecordingEndpoint(session ->
                session.addMessageHandler(String.class, text -> {
                    try {
                        session.close(new CloseReason(CloseCodes.GOING_AWAY, "asked to"));
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                    server.log.add("handler returns");
                }));
        RecordingEndpoint client = new RecordingEndpoint(session -> session.getAsyncRemote().sendText("close please"));
        pair.open(serverEndpoint, client);
        assertEquals(CloseCodes.GOING_AWAY, client.awaitClose().getCloseCode());
        assertEquals(CloseCodes.GOING_AWAY, serverEndpoint.awaitClose().getCloseCode());
        assertEquals(List.of("handler returns"), server.log);
        assertEquals(List.of("open", "close 1001"), serverEndpoint.log);
    }

    @Test
    void transportDropReportsTheFailureThenAbnormalClosure1006() throws Exception {
        RecordingEndpoint server = new RecordingEndpoint();
        RecordingEndpoint client = new RecordingEndpoint();
        pair.open(server, client);
        server.opened.get(10, TimeUnit.SECONDS);
        IOException cause = new IOException("network gone");
        pair.link.drop(cause);
        assertEquals(CloseCodes.CLOSED_ABNORMALLY, server.awaitClose().getCloseCode());
        assertEquals(CloseCodes.CLOSED_ABNORMALLY, client.awaitClose().getCloseCode());
        assertSame(cause, server.awaitError());
        assertEquals(List.of("open", "error IOException", "close 1006"), server.log);
    }

    @Test
    void aCloseFrameWithoutStatusIsReportedAs1005() throws Exception {
        RecordingEndpoint server = new RecordingEndpoint();
        RecordingEndpoint client = new RecordingEndpoint();
        pair.open(server, client);
        pair.client.close(new CloseReason(CloseCodes.NO_STATUS_CODE, null));
        assertEquals(CloseCodes.NO_STATUS_CODE, server.awaitClose().getCloseCode());
        assertEquals(CloseCodes.NO_STATUS_CODE, client.awaitClose().getCloseCode());
    }

    @Test
    void codesThatMayNotBeSentAreLeftOffTheWireButReportedLocally() throws Exception {
        RecordingEndpoint server = new RecordingEndpoint();
        RecordingEndpoint client = new RecordingEndpoint();
        pair.open(server, client);
        CloseReason abnormal = new CloseReason(CloseCodes.CLOSED_ABNORMALLY, "gave up");
        pair.server.close(abnormal);
        // The peer sees a close frame without a status code: 1006 never appears on the wire (RFC 6455 7.4.1).
        assertEquals(CloseCodes.NO_STATUS_CODE, client.awaitClose().getCloseCode());
        assertSame(abnormal, server.awaitClose());
    }

    @Test
    void closingWithACodeThatMayNotBeSentIsAnIllegalArgumentAndLeavesTheSessionOpen() throws Exception {
        RecordingEndpoint server = new RecordingEndpoint();
        pair.open(server, new RecordingEndpoint());
        assertThrows(IllegalArgumentException.class, () -> pair.server.close(new CloseReason(CloseCodes.RESERVED, "")));
        assertThrows(IllegalArgumentException.class, () -> pair.server.close(new CloseReason(() -> 2999, "")));
        assertThrows(IllegalArgumentException.class, () -> pair.server.close(null));
        assertTrue(pair.server.isOpen());
    }

    @Test
    void aPeerThatNeverAnswersTheCloseIsDroppedAfterTheCloseTimeout() throws Exception {
        pair.closeTimeout(Duration.ofMillis(50));
        RecordingEndpoint server = new RecordingEndpoint();
        RecordingEndpoint client = new RecordingEndpoint();
        pair.open(server, client);
        client.opened.get(10, TimeUnit.SECONDS);
        pair.link.client().suspendDelivery();
        CloseReason reason = new CloseReason(CloseCodes.NORMAL_CLOSURE, "bye");
        pair.server.close(reason);
        // No close frame was received: 1006 (RFC 6455 section 7.1.5), not the code this side sent.
        CloseReason reported = server.awaitClose();
        assertEquals(1006, reported.getCloseCode().getCode());
        assertEquals("the peer did not answer the close frame", reported.getReasonPhrase());
        assertFalse(client.closed.isDone());
        // The stalled close frame still reaches the client once its network recovers.
        pair.link.client().resumeDelivery();
        assertEquals("bye", client.awaitClose().getReasonPhrase());
    }

    @Test
    void closingTwiceHasNoEffect() throws Exception {
        RecordingEndpoint server = new RecordingEndpoint();
        RecordingEndpoint client = new RecordingEndpoint();
        pair.open(server, client);
        pair.server.close(new CloseReason(CloseCodes.getCloseCode(4000), "first"));
        pair.server.close(new CloseReason(CloseCodes.getCloseCode(4002), "second"));
        assertEquals("first", client.awaitClose().getReasonPhrase());
        server.awaitClose();
        pair.server.close();
        assertEquals(1, server.closeCalls);
    }

    @Test
    void aClosedSessionRefusesItsMethodsWithIllegalStateButGetIdIsOpenAndClose() throws Exception {
        RecordingEndpoint server = new RecordingEndpoint();
        pair.open(server, new RecordingEndpoint());
        pair.server.close();
        server.awaitClose();
        Session session = pair.server;
        awaitClosedState(session);
        assertFalse(session.isOpen());
        assertFalse(session.getId().isEmpty());
        session.close();
        List<Runnable> calls = List.of(session::getBasicRemote, session::getAsyncRemote, session::getUserProperties,
                session::getRequestURI, session::getQueryString, session::getPathParameters,
                session::getRequestParameterMap, session::getUserPrincipal, session::getOpenSessions,
                session::getMessageHandlers, session::getMaxIdleTimeout, () -> session.setMaxIdleTimeout(5),
                session::getMaxTextMessageBufferSize, () -> session.setMaxTextMessageBufferSize(5),
                session::getMaxBinaryMessageBufferSize, () -> session.setMaxBinaryMessageBufferSize(5),
                session::getProtocolVersion, session::getNegotiatedSubprotocol, session::getNegotiatedExtensions,
                session::isSecure, session::getContainer,
                () -> session.addMessageHandler(String.class, text -> { }));
        for (Runnable call : calls) {
            assertThrows(IllegalStateException.class, call::run);
        }
    }

    /** onClose has returned; the CLOSED state is set right after it, on the same thread. */
    private static void awaitClosedState(Session session) throws Exception {
        CompletableFuture<Void> closedState = CompletableFuture.runAsync(() -> {
            while (true) {
                try {
                    session.getId();
                    session.getUserProperties();
                    Thread.onSpinWait();
                } catch (IllegalStateException e) {
                    return;
                }
            }
        });
        closedState.get(10, TimeUnit.SECONDS);
    }

    @Test
    void onCloseMayStillReadTheSessionWhichIsAboutToBeClosedSoStillOpen() throws Exception {
        RecordingEndpoint server = new RecordingEndpoint(session -> session.getUserProperties().put("who", "alice"));
        CompletableFuture<String> seenInOnClose = new CompletableFuture<>();
        server.onCloseHook = (session, reason) -> seenInOnClose.complete(session.getUserProperties().get("who")
                + " " + session.getRequestURI().getPath() + " open=" + session.isOpen());
        pair.open(server, new RecordingEndpoint());
        pair.client.close();
        // Endpoint.onClose javadoc: called "immediately prior to the session ... being closed".
        assertEquals("alice /app/chat open=true", seenInOnClose.get(10, TimeUnit.SECONDS));
    }

    @Test
    void isOpenStaysTrueWhileThePeersCloseFrameIsAwaited() throws Exception {
        RecordingEndpoint server = new RecordingEndpoint();
        RecordingEndpoint client = new RecordingEndpoint();
        pair.open(server, client);
        client.opened.get(10, TimeUnit.SECONDS);
        pair.link.server().suspendDelivery(); // the server cannot see, so cannot answer, the close frame
        pair.client.close();
        // Session javadoc: isOpen is true iff the socket is open, and it is until the handshake completes.
        assertTrue(pair.client.isOpen());
        pair.link.server().resumeDelivery();
        client.awaitClose();
        SessionPair.awaitNotOpen(pair.client);
    }

    @Test
    void isOpenTurnsFalseOnlyAfterOnCloseReturned() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> inOnClose = new CompletableFuture<>();
        RecordingEndpoint client = new RecordingEndpoint();
        client.onCloseHook = (session, reason) -> {
            inOnClose.complete(null);
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            client.log.add("onClose done");
        };
        pair.open(new RecordingEndpoint(), client);
        client.opened.get(10, TimeUnit.SECONDS);
        pair.client.close();
        inOnClose.get(10, TimeUnit.SECONDS);
        assertTrue(pair.client.isOpen());
        release.countDown();
        SessionPair.awaitNotOpen(pair.client);
        // Whoever waits for isOpen to turn false after close() sees all that onClose did.
        assertEquals(List.of("open", "close 1000", "onClose done"), client.log);
    }

    @Test
    void anErrorThrownByOnCloseReachesOnErrorBeforeIsOpenTurnsFalse() throws Exception {
        RecordingEndpoint client = new RecordingEndpoint();
        client.onCloseHook = (session, reason) -> {
            throw new ArithmeticException("/ by zero");
        };
        pair.open(new RecordingEndpoint(), client);
        client.opened.get(10, TimeUnit.SECONDS);
        pair.client.close();
        SessionPair.awaitNotOpen(pair.client);
        assertEquals(List.of("open", "close 1000", "error ArithmeticException"), client.log);
    }

    @Test
    void afterOnCloseTheSessionLeavesOpenSessionsAndItsCodersAreDestroyed() throws Exception {
        CountingCoders.reset();
        RecordingEndpoint server = new RecordingEndpoint();
        pair.serverConfig(ClientEndpointConfig.Builder.create()
                .decoders(List.of(CountingCoders.CountingDecoder.class))
                .encoders(List.of(CountingCoders.CountingEncoder.class)).build());
        pair.open(server, new RecordingEndpoint());
        server.opened.get(10, TimeUnit.SECONDS);
        assertEquals(1, pair.serverSessions.size());
        assertEquals(1, CountingCoders.initialised.get());
        pair.client.close();
        server.awaitClose();
        awaitClosedState(pair.server);
        assertEquals(0, pair.serverSessions.size());
        assertEquals(2, CountingCoders.destroyed.get());
    }

    @Test
    void anExceptionFromOnOpenGoesToOnErrorAndTheSessionStaysOpen() throws Exception {
        RecordingEndpoint server = new RecordingEndpoint(session -> {
            throw new IllegalArgumentException("bad start");
        });
        pair.open(server, new RecordingEndpoint());
        assertEquals("bad start", server.awaitError().getMessage());
        assertTrue(pair.server.isOpen());
    }

    @Test
    void anExceptionFromOnCloseGoesToOnError() throws Exception {
        RecordingEndpoint server = new RecordingEndpoint();
        server.onCloseHook = (session, reason) -> {
            throw new IllegalStateException("cleanup failed");
        };
        pair.open(server, new RecordingEndpoint());
        pair.client.close();
        assertEquals("cleanup failed", server.awaitError().getMessage());
    }

    @Test
    void aProtocolViolationGoesToOnErrorThenCloses() throws Exception {
        RecordingEndpoint server = new RecordingEndpoint(session -> {
            session.setMaxTextMessageBufferSize(10);
            session.addMessageHandler(String.class, text -> { });
        });
        RecordingEndpoint client = new RecordingEndpoint();
        pair.open(server, client);
        server.opened.get(10, TimeUnit.SECONDS);
        pair.client.getAsyncRemote().sendText("this text is longer than ten bytes");
        assertEquals(CloseCodes.TOO_BIG, server.awaitClose().getCloseCode());
        assertEquals(CloseCodes.TOO_BIG, client.awaitClose().getCloseCode());
        assertInstanceOf(ProtocolException.class, server.awaitError());
        assertEquals(List.of("open", "error ProtocolException", "close 1009"), server.log);
    }
}
