package dev.duplex.endpoint.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DecoderDeliveryTest {
    private final SessionPair pair = new SessionPair();

    @AfterEach
    void closePair() {
        pair.close();
    }

    private void decoders(List<Class<? extends Decoder>> decoders) {
        pair.serverConfig(ClientEndpointConfig.Builder.create().decoders(decoders).build());
    }

    @Test
    void textDecodersAreAskedInTheirConfiguredOrderThroughWillDecode() throws Exception {
        decoders(List.of(TestCoders.PrefixADecoder.class, TestCoders.PrefixBDecoder.class));
        Received<TestCoders.Bean> received = new Received<>();
        pair.open(new RecordingEndpoint(session -> session.addMessageHandler(TestCoders.Bean.class, received::add)),
                new RecordingEndpoint());
        pair.client.getBasicRemote().sendText("b:second");
        pair.client.getBasicRemote().sendText("a:first");
        assertEquals(new TestCoders.Bean("Bsecond"), received.next());
        assertEquals(new TestCoders.Bean("Afirst"), received.next());
    }

    @Test
    void aDecodeExceptionGoesToOnErrorAndTheSessionStaysUsable() throws Exception {
        decoders(List.of(TestCoders.PrefixADecoder.class, TestCoders.PrefixBDecoder.class));
        Received<TestCoders.Bean> received = new Received<>();
        RecordingEndpoint server = new RecordingEndpoint(session ->
                session.addMessageHandler(TestCoders.Bean.class, received::add));
        pair.open(server, new RecordingEndpoint());
        pair.client.getBasicRemote().sendText("b:fail");
        DecodeException failure = assertInstanceOf(DecodeException.class, server.awaitError());
        assertEquals("b:fail", failure.getText());
        pair.client.getBasicRemote().sendText("c:nobody");
        assertInstanceOf(DecodeException.class, server.awaitError());
        pair.client.getBasicRemote().sendText("a:still open");
        assertEquals(new TestCoders.Bean("Astill open"), received.next());
        assertTrue(pair.server.isOpen());
    }

    @Test
    void aTextStreamDecoderReadsTheMessageAsItArrives() throws Exception {
        decoders(List.of(TestCoders.BeanTextStreamDecoder.class));
        pair.container.setDefaultMaxTextMessageBufferSize(256);
        pair.container.setDefaultMaxBinaryMessageBufferSize(256);
        pair.sendFragmentSize(200);
        Received<TestCoders.Bean> received = new Received<>();
        pair.open(new RecordingEndpoint(session -> session.addMessageHandler(TestCoders.Bean.class, received::add)),
                new RecordingEndpoint());
        CompletableFuture.runAsync(() -> {
            try (Writer writer = pair.client.getBasicRemote().getSendWriter()) {
                for (int i = 0; i < 1000; i++) {
                    writer.write("0123456789");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).get(10, TimeUnit.SECONDS);
        assertEquals(new TestCoders.Bean("stream:10000:01234567"), received.next());
        assertTrue(pair.server.isOpen());
    }

    @Test
    void binaryAndBinaryStreamDecodersMakeBinaryHandlers() throws Exception {
        decoders(List.of(TestCoders.BeanBinaryDecoder.class));
        Received<TestCoders.Bean> received = new Received<>();
        pair.open(new RecordingEndpoint(session -> session.addMessageHandler(TestCoders.Bean.class, received::add)),
                new RecordingEndpoint());
        pair.client.getBasicRemote().sendBinary(ByteBuffer.wrap("raw".getBytes(StandardCharsets.UTF_8)));
        assertEquals(new TestCoders.Bean("bin:raw"), received.next());
    }

    @Test
    void aBinaryDecoderGetsABufferWhoseBackingArrayIsExactlyTheMessage() throws Exception {
        decoders(List.of(TestCoders.BackingArrayDecoder.class));
        Received<TestCoders.Bean> received = new Received<>();
        pair.open(new RecordingEndpoint(session -> session.addMessageHandler(TestCoders.Bean.class, received::add)),
                new RecordingEndpoint());
        pair.client.getBasicRemote().sendBinary(ByteBuffer.wrap("one frame".getBytes(StandardCharsets.UTF_8)));
        pair.client.getBasicRemote().sendBinary(ByteBuffer.wrap("two ".getBytes(StandardCharsets.UTF_8)), false);
        pair.client.getBasicRemote().sendBinary(ByteBuffer.wrap("frames".getBytes(StandardCharsets.UTF_8)), true);
        assertEquals(new TestCoders.Bean("array:one frame"), received.next());
        assertEquals(new TestCoders.Bean("array:two frames"), received.next());
    }

    @Test
    void aBinaryStreamDecoderReadsAStreamedMessage() throws Exception {
        decoders(List.of(TestCoders.BeanBinaryStreamDecoder.class));
        pair.container.setDefaultMaxBinaryMessageBufferSize(512);
        pair.container.setDefaultMaxTextMessageBufferSize(512);
        pair.sendFragmentSize(512);
        Received<TestCoders.Bean> received = new Received<>();
        pair.open(new RecordingEndpoint(session -> session.addMessageHandler(TestCoders.Bean.class, received::add)),
                new RecordingEndpoint());
        CompletableFuture.runAsync(() -> {
            try (OutputStream out = pair.client.getBasicRemote().getSendStream()) {
                out.write(new byte[300_000]);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).get(10, TimeUnit.SECONDS);
        assertEquals(new TestCoders.Bean("bytes:300000"), received.next());
    }

    @Test
    void aConfiguredDecoderOverridesTheBuiltInReaderDelivery() throws Exception {
        decoders(List.of(TestCoders.ReaderDecoder.class));
        Received<String> received = new Received<>();
        pair.open(new RecordingEndpoint(session -> session.addMessageHandler(Reader.class, reader -> {
            try {
                char[] chars = new char[64];
                received.add(new String(chars, 0, reader.read(chars)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        })), new RecordingEndpoint());
        pair.client.getBasicRemote().sendText("hello");
        assertEquals("decoded:hello", received.next());
    }
}
