package dev.duplex.endpoint.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.engine.Callback;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.MessageHandler;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TextDeliveryTest {
    /** Two-, three- and four-byte UTF-8 characters, the last a surrogate pair in Java. */
    private static final String MIXED = "a\u00e9\u20ac\ud83d\ude00z";

    private final SessionPair pair = new SessionPair();

    @AfterEach
    void closePair() {
        pair.close();
    }

    /** Sends raw UTF-8 fragments from the client's engine connection, split exactly where asked. */
    private void sendFragments(byte[] utf8, int... splits) {
        int start = 0;
        for (int i = 0; i <= splits.length; i++) {
            int end = i < splits.length ? splits[i] : utf8.length;
            pair.client.connection().sendText(ByteBuffer.wrap(Arrays.copyOfRange(utf8, start, end)),
                    i == splits.length, Callback.NOOP);
            start = end;
        }
    }

    @Test
    void aWholeMessageIsAssembledFromItsFragments() throws Exception {
        Received<String> received = new Received<>();
        pair.open(new RecordingEndpoint(session -> session.addMessageHandler(String.class, received::add)),
                new RecordingEndpoint());
        pair.client.getBasicRemote().sendText("Hello, ", false);
        pair.client.getBasicRemote().sendText("fragmented ", false);
        pair.client.getBasicRemote().sendText("world", true);
        pair.client.getBasicRemote().sendText("single");
        assertEquals("Hello, fragmented world", received.next());
        assertEquals("single", received.next());
    }

    @Test
    void multiByteCharactersSplitAcrossFragmentsArriveWhole() throws Exception {
        Received<String> received = new Received<>();
        pair.open(new RecordingEndpoint(session -> session.addMessageHandler(String.class, received::add)),
                new RecordingEndpoint());
        byte[] utf8 = MIXED.getBytes(StandardCharsets.UTF_8);
        for (int split = 1; split < utf8.length; split++) {
            sendFragments(utf8, split);
        }
        sendFragments(utf8, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10); // one byte per fragment
        for (int split = 1; split < utf8.length; split++) {
            assertEquals(MIXED, received.next(), "split at byte " + split);
        }
        assertEquals(MIXED, received.next());
    }

    @Test
    void partialTextNeverCutsACharacter() throws Exception {
        Received<String> parts = new Received<>();
        pair.open(new RecordingEndpoint(session -> session.addMessageHandler(String.class,
                (MessageHandler.Partial<String>) (part, last) -> parts.add(part + (last ? "|last" : "")))),
                new RecordingEndpoint());
        byte[] utf8 = MIXED.getBytes(StandardCharsets.UTF_8);
        for (int split = 1; split < utf8.length; split++) {
            sendFragments(utf8, split);
            StringBuilder whole = new StringBuilder();
            String part;
            do {
                part = parts.next();
                assertFalse(part.contains("\ufffd"), "replacement char at split " + split);
                String text = part.endsWith("|last") ? part.substring(0, part.length() - 5) : part;
                assertFalse(!text.isEmpty() && Character.isHighSurrogate(text.charAt(text.length() - 1)),
                        "half a surrogate pair at split " + split);
                whole.append(text);
            } while (!part.endsWith("|last"));
            assertEquals(MIXED, whole.toString(), "split at byte " + split);
        }
    }

    @Test
    void partialTextKeepsTheSendersFragments() throws Exception {
        Received<String> parts = new Received<>();
        pair.open(new RecordingEndpoint(session -> session.addMessageHandler(String.class,
                (MessageHandler.Partial<String>) (part, last) -> parts.add(part + ":" + last))),
                new RecordingEndpoint());
        pair.client.getBasicRemote().sendText("one ", false);
        pair.client.getBasicRemote().sendText("two", true);
        pair.client.getBasicRemote().sendText("whole");
        assertEquals("one :false", parts.next());
        assertEquals("two:true", parts.next());
        assertEquals("whole:true", parts.next());
    }

    @Test
    void primitiveHandlersParseTheText() throws Exception {
        Received<Object> received = new Received<>();
        pair.open(new RecordingEndpoint(session -> session.addMessageHandler(Integer.class, received::add)),
                new RecordingEndpoint());
        pair.client.getBasicRemote().sendText("42");
        assertEquals(42, received.next());
    }

    @Test
    void aCharHandlerReceivesTheFirstCharacterOfALongerText() throws Exception {
        Received<Object> received = new Received<>();
        RecordingEndpoint server = new RecordingEndpoint(session -> session.addMessageHandler(char.class, received::add));
        pair.open(server, new RecordingEndpoint());
        pair.client.getBasicRemote().sendText("E");
        pair.client.getBasicRemote().sendText("Echar");
        assertEquals('E', received.next());
        assertEquals('E', received.next());
        pair.client.getBasicRemote().sendText("");
        assertEquals("DecodeException", server.awaitError().getClass().getSimpleName());
    }

    @Test
    void aTextThatIsNotThePrimitiveGoesToOnErrorAndTheSessionStaysUsable() throws Exception {
        Received<Object> received = new Received<>();
        RecordingEndpoint server = new RecordingEndpoint(session -> session.addMessageHandler(long.class, received::add));
        pair.open(server, new RecordingEndpoint());
        pair.client.getBasicRemote().sendText("not a number");
        assertEquals("DecodeException", server.awaitError().getClass().getSimpleName());
        pair.client.getBasicRemote().sendText("7");
        assertEquals(7L, received.next());
        assertTrue(pair.server.isOpen());
    }

    @Test
    void aWholeMessageOverTheBufferSizeClosesWith1009() throws Exception {
        RecordingEndpoint server = new RecordingEndpoint(session -> {
            session.setMaxTextMessageBufferSize(16);
            session.addMessageHandler(String.class, text -> { });
        });
        RecordingEndpoint client = new RecordingEndpoint();
        pair.open(server, client);
        pair.client.getBasicRemote().sendText("0123456789", false);
        pair.client.getBasicRemote().sendText("0123456789", true);
        assertEquals(CloseCodes.TOO_BIG, client.awaitClose().getCloseCode());
        assertEquals(CloseCodes.TOO_BIG, server.awaitClose().getCloseCode());
    }

    @Test
    void partialDeliveryIsNotLimitedByTheWholeMessageBufferSize() throws Exception {
        Received<Integer> lengths = new Received<>();
        int[] total = new int[1];
        RecordingEndpoint server = new RecordingEndpoint(session -> {
            session.setMaxTextMessageBufferSize(200);
            session.addMessageHandler(String.class, (MessageHandler.Partial<String>) (part, last) -> {
                total[0] += part.length();
                if (last) {
                    lengths.add(total[0]);
                }
            });
        });
        pair.open(server, new RecordingEndpoint());
        String chunk = "x".repeat(150);
        for (int i = 0; i < 20; i++) {
            pair.client.getBasicRemote().sendText(chunk, i == 19);
        }
        assertEquals(3000, lengths.next());
        assertTrue(pair.server.isOpen());
    }

    @Test
    void aTextMessageWithoutAHandlerIsDropped() throws Exception {
        Received<ByteBuffer> binary = new Received<>();
        RecordingEndpoint server = new RecordingEndpoint(session -> session.addMessageHandler(ByteBuffer.class, binary::add));
        pair.open(server, new RecordingEndpoint());
        pair.client.getBasicRemote().sendText("nobody listens");
        pair.client.getBasicRemote().sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        assertEquals(3, binary.next().remaining());
        assertTrue(pair.server.isOpen());
        assertTrue(server.errors.isEmpty());
    }

    @Test
    void theHandlerChosenAtTheFirstFragmentGetsTheWholeMessage() throws Exception {
        Received<String> first = new Received<>();
        Received<String> second = new Received<>();
        MessageHandler.Partial<String> firstHandler = (part, last) -> first.add(part);
        RecordingEndpoint server = new RecordingEndpoint(session -> session.addMessageHandler(String.class, firstHandler));
        pair.open(server, new RecordingEndpoint());
        pair.client.getBasicRemote().sendText("start ", false);
        assertEquals("start ", first.next());
        pair.server.removeMessageHandler(firstHandler);
        pair.server.addMessageHandler(String.class, (MessageHandler.Partial<String>) (part, last) -> second.add(part));
        pair.client.getBasicRemote().sendText("end", true);
        pair.client.getBasicRemote().sendText("next");
        assertEquals("end", first.next());
        assertEquals("next", second.next());
        assertTrue(second.isEmpty());
    }

    @Test
    void anExceptionFromAHandlerGoesToOnErrorAndTheSessionStaysOpen() throws Exception {
        Received<String> received = new Received<>();
        RecordingEndpoint server = new RecordingEndpoint(session -> session.addMessageHandler(String.class, text -> {
            if (text.equals("boom")) {
                throw new IllegalStateException("handler failed");
            }
            received.add(text);
        }));
        pair.open(server, new RecordingEndpoint());
        pair.client.getBasicRemote().sendText("boom");
        assertEquals("handler failed", server.awaitError().getMessage());
        pair.client.getBasicRemote().sendText("after");
        assertEquals("after", received.next());
        assertTrue(pair.server.isOpen());
        server.opened.get(1, TimeUnit.SECONDS);
    }
}
