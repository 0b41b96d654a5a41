package dev.duplex.endpoint.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.EncodeException;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.RemoteEndpoint;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BasicSendTest {
    private final SessionPair pair = new SessionPair();
    private final Received<String> atClient = new Received<>();

    @AfterEach
    void closePair() {
        pair.close();
    }

    /** Opens with a client that records every text part and binary part it receives, with their last flags. */
    private RemoteEndpoint.Basic open() {
        pair.open(new RecordingEndpoint(), new RecordingEndpoint(session -> {
            session.addMessageHandler(String.class,
                    (MessageHandler.Partial<String>) (part, last) -> atClient.add("text:" + part + (last ? "|" : "")));
            session.addMessageHandler(ByteBuffer.class, (MessageHandler.Partial<ByteBuffer>) (part, last) ->
                    atClient.add("binary:" + StandardCharsets.UTF_8.decode(part) + (last ? "|" : "")));
        }));
        return pair.server.getBasicRemote();
    }

    @Test
    void wholeMessagesArriveAndTheBinaryBufferIsConsumed() throws Exception {
        RemoteEndpoint.Basic remote = open();
        remote.sendText("hello");
        ByteBuffer data = ByteBuffer.wrap("bytes".getBytes(StandardCharsets.UTF_8));
        remote.sendBinary(data);
        assertEquals(data.limit(), data.position());
        assertEquals("text:hello|", atClient.next());
        assertEquals("binary:bytes|", atClient.next());
    }

    @Test
    void aWholeMessageDuringAPartialOneIsAnIllegalState() throws Exception {
        RemoteEndpoint.Basic remote = open();
        remote.sendText("part one ", false);
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> remote.sendText("whole"));
        assertTrue(refused.getMessage().contains("fragmented text message"), refused.getMessage());
        assertThrows(IllegalStateException.class, () -> remote.sendBinary(ByteBuffer.allocate(1)));
        assertThrows(IllegalStateException.class, () -> remote.sendBinary(ByteBuffer.allocate(1), true));
        assertThrows(IllegalStateException.class, remote::getSendStream);
        assertThrows(IllegalStateException.class, () -> pair.server.getAsyncRemote().sendText("async"));
        remote.sendText("part two", true);
        remote.sendText("whole now");
        assertEquals("text:part one ", atClient.next());
        assertEquals("text:part two|", atClient.next());
        assertEquals("text:whole now|", atClient.next());
    }

    @Test
    void aSurrogatePairSplitBetweenPartsIsSentWhole() throws Exception {
        RemoteEndpoint.Basic remote = open();
        String smiley = "\ud83d\ude00";
        remote.sendText("a" + smiley.charAt(0), false);
        remote.sendText(smiley.charAt(1) + "b", true);
        assertEquals("text:a", atClient.next());
        assertEquals("text:" + smiley + "b|", atClient.next());
    }

    @Test
    void theSendStreamSendsAFragmentEachTimeItsBufferFills() throws Exception {
        pair.sendFragmentSize(4);
        RemoteEndpoint.Basic remote = open();
        try (OutputStream out = remote.getSendStream()) {
            out.write("abcdefghij".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals("binary:abcd", atClient.next());
        assertEquals("binary:efgh", atClient.next());
        assertEquals("binary:ij|", atClient.next());
    }

    @Test
    void theSendStreamSendsNothingWithoutWritesAndAnEmptyMessageAfterAnEmptyWrite() throws Exception {
        RemoteEndpoint.Basic remote = open();
        remote.getSendStream().close();
        OutputStream empty = remote.getSendStream();
        empty.write(new byte[0]);
        empty.close();
        empty.close();
        assertThrows(IOException.class, () -> empty.write(1));
        assertEquals("binary:|", atClient.next());
        assertTrue(atClient.isEmpty());
    }

    @Test
    void theSendWriterFragmentsWithoutSplittingASurrogatePair() throws Exception {
        pair.sendFragmentSize(3);
        RemoteEndpoint.Basic remote = open();
        try (Writer writer = remote.getSendWriter()) {
            writer.write("ab\ud83d\ude00cd");
            writer.flush();
            writer.write("e");
        }
        // "ab" and the high surrogate fill the first buffer; the surrogate waits for its other half.
        assertEquals("text:ab", atClient.next());
        assertEquals("text:\ud83d\ude00cd", atClient.next());
        assertEquals("text:e|", atClient.next());
    }

    @Test
    void aStreamOwnsItsMessageUntilClosed() throws Exception {
        RemoteEndpoint.Basic remote = open();
        Writer writer = remote.getSendWriter();
        writer.write("streamed");
        writer.flush();
        assertThrows(IllegalStateException.class, () -> remote.sendText("whole"));
        assertThrows(IllegalStateException.class, () -> remote.sendText("part", false));
        writer.close();
        remote.sendText("whole");
        assertEquals("text:streamed", atClient.next());
        assertEquals("text:|", atClient.next());
        assertEquals("text:whole|", atClient.next());
    }

    @Test
    void sendObjectUsesTheConfiguredEncodersThenTheBuiltIns() throws Exception {
        pair.serverConfig(ClientEndpointConfig.Builder.create().encoders(List.of(TestCoders.BeanTextEncoder.class,
                TestCoders.IntBinaryEncoder.class, TestCoders.BuilderTextStreamEncoder.class)).build());
        RemoteEndpoint.Basic remote = open();
        remote.sendObject(new TestCoders.Bean("x"));
        remote.sendObject(new StringBuilder("sb"));
        remote.sendObject(3.5d);
        remote.sendObject("plain");
        assertEquals("text:bean(x)|", atClient.next());
        assertEquals("text:streamed:sb|", atClient.next());
        assertEquals("text:3.5|", atClient.next());
        assertEquals("text:plain|", atClient.next());
        remote.sendObject(0x41424344);
        assertEquals("binary:ABCD|", atClient.next());
    }

    @Test
    void anEncodeExceptionReachesTheCaller() {
        pair.serverConfig(ClientEndpointConfig.Builder.create().encoders(List.of(TestCoders.BeanTextEncoder.class)).build());
        RemoteEndpoint.Basic remote = open();
        assertThrows(EncodeException.class, () -> remote.sendObject(new TestCoders.Bean("fail")));
        assertThrows(EncodeException.class, () -> remote.sendObject(new Object()));
    }

    @Test
    void nullArgumentsAndOversizedControlPayloadsAreIllegalArguments() {
        RemoteEndpoint.Basic remote = open();
        assertThrows(IllegalArgumentException.class, () -> remote.sendText(null));
        assertThrows(IllegalArgumentException.class, () -> remote.sendText(null, true));
        assertThrows(IllegalArgumentException.class, () -> remote.sendBinary(null));
        assertThrows(IllegalArgumentException.class, () -> remote.sendBinary(null, false));
        assertThrows(IllegalArgumentException.class, () -> remote.sendObject(null));
        assertThrows(IllegalArgumentException.class, () -> remote.sendPing(null));
        assertThrows(IllegalArgumentException.class, () -> remote.sendPing(ByteBuffer.allocate(126)));
        assertThrows(IllegalArgumentException.class, () -> remote.sendPong(ByteBuffer.allocate(126)));
    }

    @Test
    void sendingAfterTheCloseIsAnIOException() throws Exception {
        RemoteEndpoint.Basic remote = open();
        pair.server.close();
        assertThrows(IOException.class, () -> remote.sendText("too late"));
        assertThrows(IOException.class, () -> remote.sendPing(ByteBuffer.allocate(1)));
    }

    @Test
    void batchedMessagesWaitForTheFlushAndKeepTheirOrder() throws Exception {
        RemoteEndpoint.Basic remote = open();
        remote.setBatchingAllowed(true);
        assertTrue(remote.getBatchingAllowed());
        remote.sendText("one");
        remote.sendText("two");
        assertEquals(0, pair.link.client().pendingBytes());
        assertTrue(atClient.isEmpty());
        remote.flushBatch();
        assertEquals("text:one|", atClient.next());
        assertEquals("text:two|", atClient.next());
        remote.sendText("three");
        pair.server.getAsyncRemote().sendText("unbatched, so the batch goes first").get(10, TimeUnit.SECONDS);
        assertEquals("text:three|", atClient.next());
        assertEquals("text:unbatched, so the batch goes first|", atClient.next());
        remote.sendText("four");
        remote.setBatchingAllowed(false);
        assertEquals("text:four|", atClient.next());
    }

    @Test
    void concurrentSendersAllHaveTheirMessagesDeliveredWholeAndInTheirOrder() throws Exception {
        int threads = 8;
        int perThread = 200;
        Received<String> received = new Received<>();
        pair.open(new RecordingEndpoint(), new RecordingEndpoint(session ->
                session.addMessageHandler(String.class, received::add)));
        RemoteEndpoint.Basic basic = pair.server.getBasicRemote();
        RemoteEndpoint.Async async = pair.server.getAsyncRemote();
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Void>> senders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            senders.add(CompletableFuture.runAsync(() -> {
                try {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        String message = thread + ":" + i + ":" + "x".repeat(i);
                        if (i % 2 == 0) {
                            basic.sendText(message);
                        } else {
                            async.sendText(message).get();
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, pair.executor));
        }
        start.countDown();
        CompletableFuture.allOf(senders.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        Map<Integer, Integer> nextIndex = new HashMap<>();
        for (int n = 0; n < threads * perThread; n++) {
            String[] fields = received.next().split(":", -1);
            int thread = Integer.parseInt(fields[0]);
            int index = Integer.parseInt(fields[1]);
            assertEquals(nextIndex.getOrDefault(thread, 0), index, "order of thread " + thread);
            assertEquals(index, fields[2].length());
            nextIndex.put(thread, index + 1);
        }
        assertTrue(received.isEmpty());
    }

    @Test
    void aPingIsAnsweredWithAPongCarryingTheSameData() throws Exception {
        Received<byte[]> pongs = new Received<>();
        pair.open(new RecordingEndpoint(session -> session.addMessageHandler(jakarta.websocket.PongMessage.class, pong -> {
            ByteBuffer data = pong.getApplicationData();
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            pongs.add(bytes);
        })), new RecordingEndpoint());
        pair.server.getBasicRemote().sendPing(ByteBuffer.wrap(new byte[125]));
        assertArrayEquals(new byte[125], pongs.next());
    }
}
