package dev.duplex.endpoint.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.MessageHandler;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BinaryDeliveryTest {
    private final SessionPair pair = new SessionPair();

    @AfterEach
    void closePair() {
        pair.close();
    }

    private static byte[] bytes(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + seed);
        }
        return bytes;
    }

    private static byte[] toArray(ByteBuffer data) {
        byte[] bytes = new byte[data.remaining()];
        data.duplicate().get(bytes);
        return bytes;
    }

    @Test
    void aWholeByteBufferMessageIsAssembledFromItsFragments() throws Exception {
        Received<byte[]> received = new Received<>();
        pair.open(new RecordingEndpoint(session -> session.addMessageHandler(ByteBuffer.class,
                data -> received.add(toArray(data)))), new RecordingEndpoint());
        byte[] first = bytes(1000, 1);
        byte[] second = bytes(3000, 2);
        pair.client.getBasicRemote().sendBinary(ByteBuffer.wrap(first), false);
        pair.client.getBasicRemote().sendBinary(ByteBuffer.wrap(second), true);
        pair.client.getBasicRemote().sendBinary(ByteBuffer.wrap(first));
        byte[] joined = new byte[4000];
        System.arraycopy(first, 0, joined, 0, 1000);
        System.arraycopy(second, 0, joined, 1000, 3000);
        assertArrayEquals(joined, received.next());
        assertArrayEquals(first, received.next());
    }

    @Test
    void aByteArrayHandlerGetsTheMessageAsAnArray() throws Exception {
        Received<byte[]> received = new Received<>();
        pair.open(new RecordingEndpoint(session -> session.addMessageHandler(byte[].class, received::add)),
                new RecordingEndpoint());
        byte[] payload = bytes(77, 3);
        pair.client.getBasicRemote().sendBinary(ByteBuffer.wrap(payload));
        assertArrayEquals(payload, received.next());
    }

    @Test
    void partialByteBufferAndByteArrayHandlersGetEachFragmentWithItsLastFlag() throws Exception {
        Received<String> parts = new Received<>();
        pair.open(new RecordingEndpoint(session -> session.addMessageHandler(byte[].class,
                (MessageHandler.Partial<byte[]>) (part, last) -> parts.add(part.length + ":" + last))),
                new RecordingEndpoint(session -> session.addMessageHandler(ByteBuffer.class,
                        (MessageHandler.Partial<ByteBuffer>) (part, last) -> parts.add("client " + part.remaining() + ":" + last))));
        pair.client.getBasicRemote().sendBinary(ByteBuffer.wrap(bytes(10, 0)), false);
        pair.client.getBasicRemote().sendBinary(ByteBuffer.wrap(bytes(20, 0)), false);
        pair.client.getBasicRemote().sendBinary(ByteBuffer.wrap(bytes(5, 0)), true);
        assertEquals("10:false", parts.next());
        assertEquals("20:false", parts.next());
        assertEquals("5:true", parts.next());
        pair.server.getBasicRemote().sendBinary(ByteBuffer.wrap(bytes(9, 0)));
        assertEquals("client 9:true", parts.next());
    }

    @Test
    void aWholeBinaryMessageOverTheBufferSizeClosesWith1009() throws Exception {
        RecordingEndpoint server = new RecordingEndpoint(session -> {
            session.setMaxBinaryMessageBufferSize(1024);
            session.addMessageHandler(ByteBuffer.class, data -> { });
        });
        RecordingEndpoint client = new RecordingEndpoint();
        pair.container.setDefaultMaxTextMessageBufferSize(1024);
        pair.open(server, client);
        pair.client.getBasicRemote().sendBinary(ByteBuffer.wrap(bytes(1000, 0)), false);
        pair.client.getBasicRemote().sendBinary(ByteBuffer.wrap(bytes(1000, 0)), true);
        assertEquals(CloseCodes.TOO_BIG, client.awaitClose().getCloseCode());
        assertEquals(CloseCodes.TOO_BIG, server.awaitClose().getCloseCode());
    }

    /**
     * A partial handler holds nothing, so a frame longer than both buffer sizes is no reason to close: the engine
     * hands it over in pieces as its bytes arrive (or whole, if it arrived whole), as Tomcat does.
     */
    @Test
    void aFrameLargerThanBothBufferSizesReachesAPartialHandlerInsteadOfClosingWith1009() throws Exception {
        pair.container.setDefaultMaxTextMessageBufferSize(512);
        pair.container.setDefaultMaxBinaryMessageBufferSize(512);
        Received<byte[]> parts = new Received<>();
        Received<Boolean> lasts = new Received<>();
        RecordingEndpoint server = new RecordingEndpoint(session -> session.addMessageHandler(ByteBuffer.class,
                (MessageHandler.Partial<ByteBuffer>) (part, last) -> {
                    parts.add(toArray(part));
                    lasts.add(last);
                }));
        RecordingEndpoint client = new RecordingEndpoint();
        pair.open(server, client);
        byte[] sent = bytes(600, 0);
        pair.client.getBasicRemote().sendBinary(ByteBuffer.wrap(sent), false);
        pair.client.getBasicRemote().sendBinary(ByteBuffer.wrap(bytes(10, 0)), true);

        java.io.ByteArrayOutputStream firstFrame = new java.io.ByteArrayOutputStream();
        while (firstFrame.size() < sent.length) {
            firstFrame.writeBytes(parts.next());
            assertEquals(false, lasts.next());
        }
        assertArrayEquals(sent, firstFrame.toByteArray());
        assertEquals(10, parts.next().length);
        assertEquals(true, lasts.next());
        assertTrue(pair.server.isOpen());
    }

    @Test
    void aPongArrivesAsAPongMessage() throws Exception {
        Received<byte[]> pongs = new Received<>();
        pair.open(new RecordingEndpoint(),
                new RecordingEndpoint(session -> session.addMessageHandler(jakarta.websocket.PongMessage.class,
                        pong -> pongs.add(toArray(pong.getApplicationData())))));
        ByteBuffer ping = ByteBuffer.wrap(new byte[] {9, 8, 7});
        pair.client.getBasicRemote().sendPing(ping);
        assertEquals(ping.limit(), ping.position());
        assertArrayEquals(new byte[] {9, 8, 7}, pongs.next());
        pair.server.getBasicRemote().sendPong(ByteBuffer.wrap(new byte[] {1}));
        assertArrayEquals(new byte[] {1}, pongs.next());
    }
}
