package dev.duplex.endpoint.annotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.endpoint.annotation.TestCoders.Bean;
import dev.duplex.endpoint.annotation.TestCoders.BeanTextDecoder;
import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DecodeException;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.EncodeException;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The adapter driven through a fake Session: registration, calls, return values, error routing. */
class AnnotatedEndpointTest {
    private static final EndpointConfig CONFIG = ClientEndpointConfig.Builder.create().build();
    private static final CloseReason NORMAL = new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "bye");

    @ServerEndpoint("/rooms/{room}/{seat}")
    public static class Room {
        final List<String> calls = new ArrayList<>();
        final List<Throwable> errors = new ArrayList<>();
        Session openedWith;
        EndpointConfig configuredWith;
        Session erroredIn;
        RuntimeException failOnOpen;
        RuntimeException failOnClose;

        @OnOpen
        public void open(Session session, EndpointConfig config, @PathParam("seat") int seat,
                         @PathParam("room") String room) {
            openedWith = session;
            configuredWith = config;
            calls.add("open " + room + " " + seat);
            if (failOnOpen != null) {
                throw failOnOpen;
            }
        }

        @OnMessage(maxMessageSize = 100)
        public String text(String message, Session session, @PathParam("seat") Integer seat) throws IOException {
            calls.add("text " + message);
            if (message.equals("runtime")) {
                throw new IllegalStateException("runtime failure");
            }
            if (message.equals("checked")) {
                throw new IOException("checked failure");
            }
            return message.equals("quiet") ? null : "echo " + message + " at " + seat;
        }

        @OnMessage(maxMessageSize = 200)
        public void binary(ByteBuffer part, boolean last) {
            calls.add("binary " + part.remaining() + " last=" + last);
        }

        @OnMessage
        public void pong(PongMessage pong) {
            calls.add("pong " + pong.getApplicationData().remaining());
        }

        @OnClose
        public void close(CloseReason reason, Session session) {
            calls.add("close " + reason.getCloseCode().getCode());
            if (failOnClose != null) {
                throw failOnClose;
            }
        }

        @OnError
        public void error(Throwable error, Session session) {
            erroredIn = session;
            errors.add(error);
        }
    }

    private FakeSession session;
    private Room room;
    private AnnotatedEndpoint endpoint;

    @BeforeEach
    void openRoom() throws DeploymentException {
        session = new FakeSession().pathParameter("room", "lobby").pathParameter("seat", "7");
        room = new Room();
        endpoint = new AnnotatedEndpoint(room, AnnotatedEndpointScanner.scanServerEndpoint(Room.class));
    }

    @Test
    void onOpenRegistersOneHandlerPerMessageMethodUnderItsMessageType() {
        endpoint.onOpen(session, CONFIG);

        assertEquals(Set.of(String.class, ByteBuffer.class, PongMessage.class),
                session.registrations.stream().map(FakeSession.Registration::type).collect(Collectors.toSet()));
        assertEquals(3, session.registrations.size());
        assertInstanceOf(MessageHandler.Whole.class, session.whole(String.class));
        assertInstanceOf(MessageHandler.Partial.class, session.partial(ByteBuffer.class));
        assertInstanceOf(MessageHandler.Whole.class, session.whole(PongMessage.class));
    }

    @Test
    void onOpenAppliesMaxMessageSizeToWholeMessagesOnly() {
        endpoint.onOpen(session, CONFIG);

        assertEquals(100, session.maxTextMessageBufferSize);
        assertEquals(8192, session.maxBinaryMessageBufferSize, "a partial method's maxMessageSize does not apply");
    }

    @Test
    void onOpenIsCalledWithSessionConfigAndConvertedPathParameters() {
        endpoint.onOpen(session, CONFIG);

        assertEquals(List.of("open lobby 7"), room.calls);
        assertSame(session, room.openedWith);
        assertSame(CONFIG, room.configuredWith);
    }

    @Test
    void aWholeMessageReachesItsMethodAndTheReturnValueIsSentBack() {
        endpoint.onOpen(session, CONFIG);

        session.whole(String.class).onMessage("hi");

        assertEquals("text hi", room.calls.get(1));
        assertEquals(List.of("echo hi at 7"), session.basicRemote.sentObjects);
    }

    @Test
    void aNullReturnValueIsNotSent() {
        endpoint.onOpen(session, CONFIG);

        session.whole(String.class).onMessage("quiet");

        assertEquals(List.of(), session.basicRemote.sentObjects);
    }

    @Test
    void partsArriveWithTheirLastFlag() {
        endpoint.onOpen(session, CONFIG);
        MessageHandler.Partial<ByteBuffer> handler = session.partial(ByteBuffer.class);

        handler.onMessage(ByteBuffer.allocate(3), false);
        handler.onMessage(ByteBuffer.allocate(2), true);

        assertEquals(List.of("binary 3 last=false", "binary 2 last=true"), room.calls.subList(1, 3));
    }

    @Test
    void aPongReachesThePongMethod() {
        endpoint.onOpen(session, CONFIG);

        session.whole(PongMessage.class).onMessage(() -> ByteBuffer.allocate(4));

        assertEquals("pong 4", room.calls.get(1));
    }

    @Test
    void aRuntimeExceptionFromOnMessageGoesToOnErrorAsThrown() {
        endpoint.onOpen(session, CONFIG);

        session.whole(String.class).onMessage("runtime");

        assertEquals(1, room.errors.size());
        assertInstanceOf(IllegalStateException.class, room.errors.get(0));
        assertEquals("runtime failure", room.errors.get(0).getMessage());
        assertSame(session, room.erroredIn);
        assertEquals(List.of(), session.basicRemote.sentObjects);
    }

    @Test
    void aCheckedExceptionFromOnMessageGoesToOnErrorAsThrown() {
        endpoint.onOpen(session, CONFIG);

        session.whole(String.class).onMessage("checked");

        assertInstanceOf(IOException.class, room.errors.get(0));
        assertEquals("checked failure", room.errors.get(0).getMessage());
    }

    @Test
    void aFailedSendOfTheReturnValueGoesToOnError() {
        endpoint.onOpen(session, CONFIG);
        EncodeException failure = new EncodeException("x", "cannot encode");
        session.basicRemote.failure = failure;

        session.whole(String.class).onMessage("hi");

        assertEquals(List.of(failure), room.errors);
    }

    @Test
    void anExceptionFromOnOpenGoesToOnError() {
        room.failOnOpen = new IllegalArgumentException("bad open");

        endpoint.onOpen(session, CONFIG);

        assertEquals(List.of(room.failOnOpen), room.errors);
    }

    @Test
    void anExceptionFromOnCloseGoesToOnError() {
        endpoint.onOpen(session, CONFIG);
        room.failOnClose = new IllegalStateException("bad close");

        endpoint.onClose(session, NORMAL);

        assertEquals("close 1000", room.calls.get(1));
        assertEquals(List.of(room.failOnClose), room.errors);
    }

    @Test
    void aPathSegmentOfTheWrongTypeGoesToOnErrorAsDecodeException() {
        session.pathParameter("seat", "window");

        endpoint.onOpen(session, CONFIG);

        assertEquals(List.of(), room.calls, "the method is not called without its arguments");
        DecodeException error = assertInstanceOf(DecodeException.class, room.errors.get(0));
        assertEquals("window", error.getText());
        assertTrue(error.getMessage().contains("@PathParam(\"seat\")"), error.getMessage());
    }

    @Test
    void onErrorCallsTheOnErrorMethodWithTheSession() {
        IOException failure = new IOException("connection reset");

        endpoint.onError(session, failure);

        assertEquals(List.of(failure), room.errors);
        assertSame(session, room.erroredIn);
    }

    @Test
    void theInstanceMustBeOfTheModelsClass() throws DeploymentException {
        EndpointModel model = AnnotatedEndpointScanner.scanServerEndpoint(Room.class);

        assertThrows(IllegalArgumentException.class, () -> new AnnotatedEndpoint("not a room", model));
    }

    @ClientEndpoint(decoders = BeanTextDecoder.class)
    public static class Typed {
        final List<Object> received = new ArrayList<>();

        @OnMessage
        public int twice(int number, @PathParam("absent") String absent) {
            received.add(absent);
            return number * 2;
        }

        @OnMessage
        public void stream(Session session, java.io.InputStream stream) {
            received.add(stream);
        }
    }

    @Test
    void aPrimitiveMethodIsRegisteredUnderTheBoxAndItsResultSent() throws DeploymentException {
        Typed typed = new Typed();
        new AnnotatedEndpoint(typed, AnnotatedEndpointScanner.scanClientEndpoint(Typed.class)).onOpen(session, CONFIG);

        session.whole(Integer.class).onMessage(21);

        assertEquals(List.of(42), session.basicRemote.sentObjects);
        assertInstanceOf(MessageHandler.Whole.class, session.whole(java.io.InputStream.class));
    }

    @Test
    void aPathParameterTheRequestLacksIsNull() throws DeploymentException {
        Typed typed = new Typed();
        new AnnotatedEndpoint(typed, AnnotatedEndpointScanner.scanClientEndpoint(Typed.class)).onOpen(session, CONFIG);

        session.whole(Integer.class).onMessage(1);

        List<Object> expected = new ArrayList<>();
        expected.add(null);
        assertEquals(expected, typed.received);
    }

    @ServerEndpoint("/flags/{flag}")
    public static class Flags {
        @OnMessage
        public String echo(@PathParam("{flag}") Boolean unmatchedBox, Boolean message,
                           @PathParam("absent") boolean absentPrimitive, @PathParam("absent") Integer absentNumber,
                           @PathParam("flag") boolean flag) {
            return message + " " + unmatchedBox + " " + absentPrimitive + " " + absentNumber + " " + flag;
        }
    }

    @Test
    void aBooleanPathParameterTheTemplateLacksIsFalseLikeNewBooleanOfNullOtherBoxesNull()
            throws DeploymentException {
        session.pathParameter("flag", "true");
        new AnnotatedEndpoint(new Flags(), AnnotatedEndpointScanner.scanServerEndpoint(Flags.class))
                .onOpen(session, CONFIG);

        session.whole(Boolean.class).onMessage(true);

        assertEquals(List.of("true false false null true"), session.basicRemote.sentObjects);
    }

    @ServerEndpoint("/counts/{count}")
    public static class Counts {
        final List<Throwable> errors = new ArrayList<>();

        @OnMessage
        public String echo(String message, @PathParam("absent") int absent) {
            return message + absent;
        }

        @OnError
        public void error(Throwable error) {
            errors.add(error);
        }
    }

    @Test
    void aNumericPrimitivePathParameterTheTemplateLacksIsADecodeException() throws DeploymentException {
        Counts counts = new Counts();
        new AnnotatedEndpoint(counts, AnnotatedEndpointScanner.scanServerEndpoint(Counts.class)).onOpen(session, CONFIG);

        session.whole(String.class).onMessage("n");

        assertEquals(List.of(), session.basicRemote.sentObjects);
        DecodeException error = assertInstanceOf(DecodeException.class, counts.errors.get(0));
        assertTrue(error.getMessage().contains("@PathParam(\"absent\")"), error.getMessage());
    }

    @ClientEndpoint(decoders = BeanTextDecoder.class)
    public static class Decoded {
        final List<Object> received = new ArrayList<>();

        @OnMessage
        public void bean(Bean bean) {
            received.add(bean);
        }

        @OnMessage
        public void pong(PongMessage pong) {
        }
    }

    @Test
    void aDecodedTypeIsRegisteredUnderItsOwnClass() throws DeploymentException {
        Decoded decoded = new Decoded();
        new AnnotatedEndpoint(decoded, AnnotatedEndpointScanner.scanClientEndpoint(Decoded.class))
                .onOpen(session, CONFIG);
        Bean bean = new Bean("b");

        session.whole(Bean.class).onMessage(bean);

        assertEquals(List.of(bean), decoded.received);
    }

    @ClientEndpoint
    public static class StaticReader {
        static final AtomicInteger CALLS = new AtomicInteger();

        @OnMessage
        public static void read(Reader reader) {
            CALLS.incrementAndGet();
        }
    }

    @Test
    void aStaticMethodIsCalled() throws DeploymentException {
        new AnnotatedEndpoint(new StaticReader(), AnnotatedEndpointScanner.scanClientEndpoint(StaticReader.class))
                .onOpen(session, CONFIG);
        int before = StaticReader.CALLS.get();

        session.whole(Reader.class).onMessage(new StringReader("text"));

        assertEquals(before + 1, StaticReader.CALLS.get());
    }

    @ClientEndpoint
    static class PackagePrivateClient {
        final List<String> received = new ArrayList<>();

        @OnMessage
        public void read(String text) {
            received.add(text);
        }
    }

    @Test
    void aPackagePrivateClientEndpointIsCalled() throws DeploymentException {
        PackagePrivateClient client = new PackagePrivateClient();
        new AnnotatedEndpoint(client, AnnotatedEndpointScanner.scanClientEndpoint(PackagePrivateClient.class))
                .onOpen(session, CONFIG);

        session.whole(String.class).onMessage("reached");

        assertEquals(List.of("reached"), client.received);
    }

    @ClientEndpoint
    public static class Fatal {
        @OnMessage
        public void read(String text) {
            throw new StackOverflowError("fatal");
        }
    }

    @Test
    void theJvmsOwnErrorsAreNotRoutedToOnError() throws DeploymentException {
        new AnnotatedEndpoint(new Fatal(), AnnotatedEndpointScanner.scanClientEndpoint(Fatal.class))
                .onOpen(session, CONFIG);

        assertThrows(StackOverflowError.class, () -> session.whole(String.class).onMessage("x"));
    }

    // ---- logging (Jakarta WebSocket 2.2 section 5.2.2)

    private final List<LogRecord> logged = new ArrayList<>();
    private final Logger julLogger = Logger.getLogger(AnnotatedEndpoint.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLog() {
        julLogger.addHandler(capture);
        julLogger.setUseParentHandlers(false);
    }

    @AfterEach
    void releaseLog() {
        julLogger.removeHandler(capture);
        julLogger.setUseParentHandlers(true);
    }

    @ClientEndpoint
    public static class WithoutOnError {
        @OnMessage
        public void read(String text) {
            throw new IllegalStateException("unhandled");
        }
    }

    @Test
    void withoutOnErrorTheErrorIsLoggedAsAWarning() throws DeploymentException {
        new AnnotatedEndpoint(new WithoutOnError(), AnnotatedEndpointScanner.scanClientEndpoint(WithoutOnError.class))
                .onOpen(session, CONFIG);

        session.whole(String.class).onMessage("x");

        assertEquals(1, logged.size());
        assertEquals(Level.WARNING, logged.get(0).getLevel());
        assertEquals("unhandled", logged.get(0).getThrown().getMessage());
        assertTrue(logged.get(0).getMessage().contains(WithoutOnError.class.getName()), logged.get(0).getMessage());
    }

    @ClientEndpoint
    public static class FailingOnError {
        @OnMessage
        public void read(String text) {
            throw new IllegalStateException("first");
        }

        @OnError
        public void error(Throwable error) {
            throw new IllegalArgumentException("second");
        }
    }

    @Test
    void anErrorThrownByOnErrorIsLoggedAndGoesNoFurther() throws DeploymentException {
        new AnnotatedEndpoint(new FailingOnError(), AnnotatedEndpointScanner.scanClientEndpoint(FailingOnError.class))
                .onOpen(session, CONFIG);

        session.whole(String.class).onMessage("x");

        assertEquals(1, logged.size());
        assertEquals(Level.SEVERE, logged.get(0).getLevel());
        Throwable thrown = logged.get(0).getThrown();
        assertEquals("second", thrown.getMessage());
        assertEquals("first", thrown.getSuppressed()[0].getMessage());
    }

    @Test
    void theAdapterItselfNeverLogsWhenOnErrorHandlesTheError() {
        endpoint.onOpen(session, CONFIG);

        session.whole(String.class).onMessage("runtime");

        assertEquals(List.of(), logged);
        assertNull(session.basicRemote.failure);
    }
}
