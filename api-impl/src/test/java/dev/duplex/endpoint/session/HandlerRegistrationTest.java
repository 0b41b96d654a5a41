package dev.duplex.endpoint.session;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HandlerRegistrationTest {
    private final SessionPair pair = new SessionPair();
    private Session session;

    @AfterEach
    void closePair() {
        pair.close();
    }

    private void open() {
        pair.open(new RecordingEndpoint(), new RecordingEndpoint());
        session = pair.server;
    }

    private void openWithDecoders(List<Class<? extends jakarta.websocket.Decoder>> decoders) {
        pair.serverConfig(ClientEndpointConfig.Builder.create().decoders(decoders).build());
        open();
    }

    @Test
    void aSecondHandlerForTheSameNativeTypeIsAnIllegalState() {
        open();
        session.addMessageHandler(String.class, text -> { });
        IllegalStateException text = assertThrows(IllegalStateException.class,
                () -> session.addMessageHandler(Reader.class, reader -> { }));
        assertTrue(text.getMessage().contains("one handler per native message type"), text.getMessage());
        assertThrows(IllegalStateException.class,
                () -> session.addMessageHandler(String.class, (MessageHandler.Partial<String>) (part, last) -> { }));
        assertThrows(IllegalStateException.class, () -> session.addMessageHandler(Integer.class, number -> { }));

        session.addMessageHandler(ByteBuffer.class, data -> { });
        assertThrows(IllegalStateException.class, () -> session.addMessageHandler(InputStream.class, in -> { }));
        assertThrows(IllegalStateException.class, () -> session.addMessageHandler(byte[].class, bytes -> { }));

        session.addMessageHandler(PongMessage.class, pong -> { });
        assertThrows(IllegalStateException.class, () -> session.addMessageHandler(PongMessage.class, pong -> { }));
        assertEquals(3, session.getMessageHandlers().size());
    }

    @Test
    void aLambdaNeedsTheClassTypedOverload() {
        open();
        MessageHandler.Whole<String> lambda = text -> { };
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> session.addMessageHandler(lambda));
        assertTrue(refused.getMessage().contains("addMessageHandler(Class<T>, MessageHandler.Whole<T>)"),
                refused.getMessage());
        assertDoesNotThrow(() -> session.addMessageHandler(String.class, lambda));
    }

    @Test
    void anAnonymousClassHasItsMessageTypeInferred() {
        open();
        session.addMessageHandler(new MessageHandler.Whole<ByteBuffer>() {
            @Override
            public void onMessage(ByteBuffer message) {
            }
        });
        session.addMessageHandler(new MessageHandler.Partial<String>() {
            @Override
            public void onMessage(String part, boolean last) {
            }
        });
        // Both native types are taken now: binary by the first, text by the second.
        assertThrows(IllegalStateException.class, () -> session.addMessageHandler(byte[].class, bytes -> { }));
        assertThrows(IllegalStateException.class, () -> session.addMessageHandler(String.class, text -> { }));
    }

    @Test
    void aHandlerThatIsNeitherWholeNorPartialIsRefused() {
        open();
        assertThrows(IllegalStateException.class, () -> session.addMessageHandler(new MessageHandler() { }));
        assertThrows(IllegalArgumentException.class, () -> session.addMessageHandler((MessageHandler) null));
        assertThrows(IllegalArgumentException.class,
                () -> session.addMessageHandler(null, (MessageHandler.Whole<Object>) message -> { }));
    }

    @Test
    void aTypeWithoutDecoderIsAnIllegalState() {
        open();
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> session.addMessageHandler(Thread.class, thread -> { }));
        assertTrue(refused.getMessage().contains("java.lang.Thread"), refused.getMessage());
    }

    @Test
    void partialHandlersTakeOnlyStringByteBufferAndByteArray() {
        open();
        assertThrows(IllegalStateException.class,
                () -> session.addMessageHandler(Reader.class, (MessageHandler.Partial<Reader>) (part, last) -> { }));
        assertThrows(IllegalStateException.class,
                () -> session.addMessageHandler(Integer.class, (MessageHandler.Partial<Integer>) (part, last) -> { }));
        assertDoesNotThrow(() -> session.addMessageHandler(byte[].class,
                (MessageHandler.Partial<byte[]>) (part, last) -> { }));
    }

    @Test
    void aDecoderMakesItsTypeATextOrBinaryHandlerByTheDecodersKind() {
        openWithDecoders(List.of(TestCoders.BeanBinaryDecoder.class));
        session.addMessageHandler(TestCoders.Bean.class, bean -> { });
        // The bean arrives as binary: the text slot is still free.
        assertDoesNotThrow(() -> session.addMessageHandler(String.class, text -> { }));
        assertThrows(IllegalStateException.class, () -> session.addMessageHandler(ByteBuffer.class, data -> { }));
    }

    @Test
    void removingAHandlerFreesItsNativeType() {
        open();
        MessageHandler.Whole<String> first = text -> { };
        session.addMessageHandler(String.class, first);
        session.removeMessageHandler(first);
        assertTrue(session.getMessageHandlers().isEmpty());
        assertDoesNotThrow(() -> session.addMessageHandler(Reader.class, reader -> { }));
        session.removeMessageHandler(first); // not registered: nothing happens
    }

    @Test
    void getMessageHandlersIsAnUnmodifiableCopy() {
        open();
        MessageHandler.Whole<String> handler = text -> { };
        session.addMessageHandler(String.class, handler);
        Set<MessageHandler> handlers = session.getMessageHandlers();
        assertEquals(Set.of(handler), handlers);
        assertThrows(UnsupportedOperationException.class, handlers::clear);
        session.removeMessageHandler(handler);
        assertEquals(Set.of(handler), handlers);
    }
}
