package dev.duplex.endpoint.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.CloseReason.CloseCodes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StreamDeliveryTest {
    private static final int MIB = 1024 * 1024;

    private final SessionPair pair = new SessionPair();

    @AfterEach
    void closePair() {
        pair.close();
    }

    private static long crcOf(int length) {
        CRC32 crc = new CRC32();
        for (int i = 0; i < length; i++) {
            crc.update(i * 7);
        }
        return crc.getValue();
    }

    private static void writePattern(OutputStream out, int length) throws IOException {
        byte[] chunk = new byte[1000];
        for (int written = 0; written < length; ) {
            int count = Math.min(chunk.length, length - written);
            for (int i = 0; i < count; i++) {
                chunk[i] = (byte) ((written + i) * 7);
            }
            out.write(chunk, 0, count);
            written += count;
        }
    }

    private static long crcOfStream(InputStream in) throws IOException {
        CRC32 crc = new CRC32();
        byte[] chunk = new byte[8192];
        for (int n; (n = in.read(chunk)) >= 0; ) {
            crc.update(chunk, 0, n);
        }
        return crc.getValue();
    }

    /** Sends from a thread of its own, since streams block until written. */
    private static CompletableFuture<Void> sendInBackground(IoAction action) {
        return CompletableFuture.runAsync(() -> {
            try {
                action.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private interface IoAction {
        void run() throws IOException;
    }

    @Test
    void aMultiMegabyteBinaryMessageStreamsThroughASmallBufferWithoutBeingHeldWhole() throws Exception {
        int size = 4 * MIB;
        pair.container.setDefaultMaxBinaryMessageBufferSize(1024);
        pair.container.setDefaultMaxTextMessageBufferSize(1024);
        pair.sendFragmentSize(1024).writeBuffer(0);
        CompletableFuture<Long> crc = new CompletableFuture<>();
        CompletableFuture<Integer> backlogWhenPaused = new CompletableFuture<>();
        RecordingEndpoint server = new RecordingEndpoint(session -> session.addMessageHandler(InputStream.class, in -> {
            try {
                // Read nothing until backpressure reached the transport: the pipe is full.
                pair.link.server().whenReadingPaused().get(10, TimeUnit.SECONDS);
                backlogWhenPaused.complete(in.available());
                crc.complete(crcOfStream(in));
            } catch (Exception e) {
                crc.completeExceptionally(e);
            }
        }));
        pair.open(server, new RecordingEndpoint());
        CompletableFuture<Void> sent = sendPatternInBackground(size);
        int backlog = backlogWhenPaused.get(10, TimeUnit.SECONDS);
        assertTrue(backlog > StreamPipe.WINDOW / 2 && backlog <= StreamPipe.WINDOW + 1024,
                "held " + backlog + " bytes of a " + size + "-byte message");
        assertEquals(crcOf(size), crc.get(30, TimeUnit.SECONDS));
        sent.get(30, TimeUnit.SECONDS);
        assertTrue(pair.server.isOpen());
        assertTrue(server.errors.isEmpty());
    }

    /** Browsers send a whole message as one frame: one far over the buffer sizes must still stream, not close 1009. */
    @Test
    void aSingleFrameFarOverTheBufferSizesStreamsToAnInputStream() throws Exception {
        int size = MIB;
        pair.container.setDefaultMaxBinaryMessageBufferSize(1024);
        pair.container.setDefaultMaxTextMessageBufferSize(1024);
        pair.sendFragmentSize(2 * MIB); // the whole message in one frame
        CompletableFuture<Long> crc = new CompletableFuture<>();
        RecordingEndpoint server = streamCrcEndpoint(crc);
        pair.open(server, new RecordingEndpoint());
        CompletableFuture<Void> sent = sendPatternInBackground(size);
        assertEquals(crcOf(size), crc.get(30, TimeUnit.SECONDS));
        sent.get(30, TimeUnit.SECONDS);
        assertTrue(pair.server.isOpen());
        assertTrue(server.errors.isEmpty());
    }

    @Test
    void aMultiMegabyteTextMessageStreamsToAReader() throws Exception {
        int size = 3 * MIB;
        pair.container.setDefaultMaxBinaryMessageBufferSize(2048);
        pair.container.setDefaultMaxTextMessageBufferSize(2048);
        pair.sendFragmentSize(500); // up to 1500 UTF-8 bytes per fragment
        CompletableFuture<String> summary = new CompletableFuture<>();
        RecordingEndpoint server = new RecordingEndpoint(session -> session.addMessageHandler(Reader.class, reader -> {
            try {
                long chars = 0;
                long euros = 0;
                char[] chunk = new char[4096];
                for (int n; (n = reader.read(chunk)) >= 0; ) {
                    chars += n;
                    for (int i = 0; i < n; i++) {
                        euros += chunk[i] == '\u20ac' ? 1 : 0;
                    }
                }
                summary.complete(chars + " chars, " + euros + " euros");
            } catch (IOException e) {
                summary.completeExceptionally(e);
            }
        }));
        pair.open(server, new RecordingEndpoint());
        CompletableFuture<Void> sent = sendInBackground(() -> {
            try (Writer writer = pair.client.getBasicRemote().getSendWriter()) {
                String block = "price: 10\u20ac;".repeat(100); // 1100 chars, 100 of them three bytes in UTF-8
                for (int written = 0; written < size; written += block.length()) {
                    writer.write(block);
                }
            }
        });
        int blockLength = "price: 10\u20ac;".length() * 100;
        long blocks = (size + blockLength - 1) / blockLength;
        assertEquals(blocks * blockLength + " chars, " + blocks * 100 + " euros", summary.get(30, TimeUnit.SECONDS));
        sent.get(30, TimeUnit.SECONDS);
    }

    @Test
    void theNextMessageWaitsUntilTheStreamingHandlerReturned() throws Exception {
        CountDownLatch streamRead = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
        CompletableFuture<Void> textArrived = new CompletableFuture<>();
        RecordingEndpoint server = new RecordingEndpoint(session -> {
            session.addMessageHandler(InputStream.class, in -> {
                try {
                    crcOfStream(in);
                    order.add("stream read");
                    streamRead.countDown();
                    release.await(10, TimeUnit.SECONDS);
                    order.add("stream handler returns");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            session.addMessageHandler(String.class, text -> {
                order.add("text " + text);
                textArrived.complete(null);
            });
        });
        pair.open(server, new RecordingEndpoint());
        CompletableFuture<Void> paused = pair.link.server().whenReadingPaused();
        pair.client.getBasicRemote().sendBinary(ByteBuffer.wrap(new byte[100]));
        pair.client.getBasicRemote().sendText("after");
        assertTrue(streamRead.await(10, TimeUnit.SECONDS));
        // Reading paused at the end of the streamed message: the text waits in the transport.
        paused.get(10, TimeUnit.SECONDS);
        assertTrue(pair.link.server().pendingBytes() > 0);
        assertEquals(List.of("stream read"), order);
        release.countDown();
        textArrived.get(10, TimeUnit.SECONDS);
        assertEquals(List.of("stream read", "stream handler returns", "text after"), order);
    }

    @Test
    void aStreamingHandlerThatReturnsEarlyHasTheRestOfItsMessageDiscarded() throws Exception {
        Received<String> received = new Received<>();
        pair.container.setDefaultMaxBinaryMessageBufferSize(4096);
        pair.sendFragmentSize(4096);
        RecordingEndpoint server = new RecordingEndpoint(session -> {
            session.addMessageHandler(InputStream.class, in -> {
                try {
                    received.add("first byte " + in.read());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            session.addMessageHandler(String.class, text -> received.add("text " + text));
        });
        pair.open(server, new RecordingEndpoint());
        sendInBackground(() -> {
            try (OutputStream out = pair.client.getBasicRemote().getSendStream()) {
                out.write(5);
                writePattern(out, MIB);
            }
            pair.client.getBasicRemote().sendText("next");
        }).get(30, TimeUnit.SECONDS);
        assertEquals("first byte 5", received.next());
        assertEquals("text next", received.next());
    }

    @Test
    void aConnectionThatEndsMidStreamFailsTheReadAndOnCloseFollowsTheHandler() throws Exception {
        CompletableFuture<Throwable> readFailure = new CompletableFuture<>();
        CountDownLatch reading = new CountDownLatch(1);
        RecordingEndpoint server = new RecordingEndpoint(session -> session.addMessageHandler(InputStream.class, in -> {
            try {
                in.read();
                reading.countDown();
                crcOfStream(in);
                readFailure.complete(null);
            } catch (IOException e) {
                readFailure.complete(e);
            }
        }));
        pair.open(server, new RecordingEndpoint());
        pair.client.getBasicRemote().sendBinary(ByteBuffer.wrap(new byte[10]), false);
        assertTrue(reading.await(10, TimeUnit.SECONDS));
        pair.link.drop(new IOException("gone mid-message"));
        assertInstanceOf(IOException.class, readFailure.get(10, TimeUnit.SECONDS));
        assertEquals(CloseCodes.CLOSED_ABNORMALLY, server.awaitClose().getCloseCode());
        assertEquals("close 1006", server.log.get(server.log.size() - 1));
    }

    @Test
    void streamedMessagesAreNotLimitedByTheWholeMessageBufferSize() throws Exception {
        pair.container.setDefaultMaxBinaryMessageBufferSize(200);
        pair.sendFragmentSize(100);
        CompletableFuture<Long> crc = new CompletableFuture<>();
        RecordingEndpoint server = streamCrcEndpoint(crc);
        pair.open(server, new RecordingEndpoint());
        sendPatternInBackground(50_000).get(30, TimeUnit.SECONDS);
        assertEquals(crcOf(50_000), crc.get(10, TimeUnit.SECONDS));
        assertTrue(pair.server.isOpen());
    }

    /** A server endpoint whose InputStream handler reads each binary message to its end and completes its CRC. */
    private static RecordingEndpoint streamCrcEndpoint(CompletableFuture<Long> crc) {
        return new RecordingEndpoint(session -> session.addMessageHandler(InputStream.class, in -> {
            try {
                crc.complete(crcOfStream(in));
            } catch (IOException e) {
                crc.completeExceptionally(e);
            }
        }));
    }

    /** The client sends {@code size} bytes of the test pattern as one binary message through its send stream. */
    private CompletableFuture<Void> sendPatternInBackground(int size) {
        return sendInBackground(() -> {
            try (OutputStream out = pair.client.getBasicRemote().getSendStream()) {
                writePattern(out, size);
            }
        });
    }
}
