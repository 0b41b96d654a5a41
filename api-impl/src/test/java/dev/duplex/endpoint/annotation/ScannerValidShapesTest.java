package dev.duplex.endpoint.annotation;

import static dev.duplex.endpoint.annotation.ArgumentKind.CLOSE_REASON;
import static dev.duplex.endpoint.annotation.ArgumentKind.ENDPOINT_CONFIG;
import static dev.duplex.endpoint.annotation.ArgumentKind.LAST;
import static dev.duplex.endpoint.annotation.ArgumentKind.MESSAGE;
import static dev.duplex.endpoint.annotation.ArgumentKind.SESSION;
import static dev.duplex.endpoint.annotation.ArgumentKind.THROWABLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.endpoint.annotation.TestCoders.Bean;
import dev.duplex.endpoint.annotation.TestCoders.BeanBinaryDecoder;
import dev.duplex.endpoint.annotation.TestCoders.BeanTextDecoder;
import dev.duplex.endpoint.annotation.TestCoders.Blob;
import dev.duplex.endpoint.annotation.TestCoders.BlobDecoder;
import dev.duplex.endpoint.annotation.TestCoders.Document;
import dev.duplex.endpoint.annotation.TestCoders.DocumentDecoder;
import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScannerValidShapesTest {

    @ServerEndpoint("/rooms/{room}/{seat}")
    public static class Lifecycle {
        @OnOpen
        public void open(@PathParam("seat") int seat, EndpointConfig config, Session session, @PathParam("room") String room) {
        }

        @OnClose
        public void close(CloseReason reason, Session session) {
        }

        @OnError
        public void error(Session session, @PathParam("room") String room, Throwable error) {
        }
    }

    @Test
    void lifecycleMethodsTakeTheirParametersInAnyOrder() throws DeploymentException {
        EndpointModel model = AnnotatedEndpointScanner.scanServerEndpoint(Lifecycle.class);

        assertEquals(List.of(Argument.pathParam("seat", int.class), Argument.of(ENDPOINT_CONFIG, EndpointConfig.class),
                Argument.of(SESSION, Session.class), Argument.pathParam("room", String.class)),
                model.onOpen().orElseThrow().arguments());
        assertEquals(List.of(Argument.of(CLOSE_REASON, CloseReason.class), Argument.of(SESSION, Session.class)),
                model.onClose().orElseThrow().arguments());
        assertEquals(List.of(Argument.of(SESSION, Session.class), Argument.pathParam("room", String.class),
                Argument.of(THROWABLE, Throwable.class)), model.onError().orElseThrow().arguments());
        assertEquals(Set.of("seat", "room"), model.pathParameterNames());
        assertEquals(EndpointRole.SERVER, model.role());
        assertTrue(model.messageMethods().isEmpty());
    }

    @ServerEndpoint("/bare")
    public static class NoParameters {
        @OnOpen
        public void open() {
        }

        @OnClose
        public void close() {
        }
    }

    @Test
    void lifecycleParametersAreAllOptional() throws DeploymentException {
        EndpointModel model = AnnotatedEndpointScanner.scanServerEndpoint(NoParameters.class);

        assertEquals(List.of(), model.onOpen().orElseThrow().arguments());
        assertEquals(List.of(), model.onClose().orElseThrow().arguments());
        assertTrue(model.onError().isEmpty());
    }

    @ServerEndpoint("/all")
    public static class AllThreeFormats {
        @OnMessage(maxMessageSize = 1024)
        public String text(Session session, String message) {
            return message;
        }

        @OnMessage(maxMessageSize = 2048)
        public void binary(ByteBuffer part, boolean last) {
        }

        @OnMessage
        public void pong(PongMessage pong, Session session) {
        }
    }

    @Test
    void oneMethodPerNativeFormatIsValid() throws DeploymentException {
        EndpointModel model = AnnotatedEndpointScanner.scanServerEndpoint(AllThreeFormats.class);

        MessageMethod text = model.messageMethod(MessageKind.TEXT).orElseThrow();
        assertEquals(String.class, text.messageType());
        assertEquals(Delivery.WHOLE, text.delivery());
        assertEquals(List.of(Argument.of(SESSION, Session.class), Argument.of(MESSAGE, String.class)),
                text.method().arguments());
        assertEquals(1024, text.maxMessageSize());
        assertTrue(text.limitsMessageSize());
        assertTrue(text.returnsValue());

        MessageMethod binary = model.messageMethod(MessageKind.BINARY).orElseThrow();
        assertEquals(Delivery.PARTIAL, binary.delivery());
        assertEquals(List.of(Argument.of(MESSAGE, ByteBuffer.class), Argument.of(LAST, boolean.class)),
                binary.method().arguments());
        assertEquals(2048, binary.maxMessageSize());
        assertFalse(binary.limitsMessageSize(), "maxMessageSize does not apply to parts");
        assertFalse(binary.returnsValue());

        MessageMethod pong = model.messageMethod(MessageKind.PONG).orElseThrow();
        assertEquals(PongMessage.class, pong.messageType());
        assertEquals(MessageMethod.UNLIMITED, pong.maxMessageSize());
        assertEquals(3, model.messageMethods().size());
    }

    /** Builds a one-method client endpoint model around a message method with the given decoders. */
    private static MessageMethod onlyMessageMethod(Class<?> endpoint) throws DeploymentException {
        EndpointModel model = AnnotatedEndpointScanner.scanClientEndpoint(endpoint);
        assertEquals(1, model.messageMethods().size(), model::toString);
        return model.messageMethods().get(0);
    }

    @ClientEndpoint
    public static class ReaderMessages {
        @OnMessage
        public void read(Reader reader) {
        }
    }

    @ClientEndpoint
    public static class InputStreamMessages {
        @OnMessage
        public void read(InputStream stream, Session session) {
        }
    }

    @ClientEndpoint
    public static class ByteArrayMessages {
        @OnMessage
        public byte[] read(byte[] data) {
            return data;
        }
    }

    @ClientEndpoint
    public static class PrimitiveMessages {
        @OnMessage
        public int read(int number) {
            return number;
        }
    }

    @ClientEndpoint
    public static class BoxMessages {
        @OnMessage
        public void read(Double number) {
        }
    }

    @ClientEndpoint
    public static class BooleanMessages {
        @OnMessage
        public void read(boolean flag) {
        }
    }

    @Test
    void streamsArriveWholeAsStreams() throws DeploymentException {
        MessageMethod reader = onlyMessageMethod(ReaderMessages.class);
        assertEquals(Set.of(MessageKind.TEXT), reader.kinds());
        assertEquals(Delivery.STREAM, reader.delivery());

        MessageMethod input = onlyMessageMethod(InputStreamMessages.class);
        assertEquals(Set.of(MessageKind.BINARY), input.kinds());
        assertEquals(Delivery.STREAM, input.delivery());
    }

    @Test
    void byteArraysArriveAsWholeBinaryMessages() throws DeploymentException {
        MessageMethod method = onlyMessageMethod(ByteArrayMessages.class);

        assertEquals(Set.of(MessageKind.BINARY), method.kinds());
        assertEquals(byte[].class, method.messageType());
        assertEquals(Delivery.WHOLE, method.delivery());
    }

    @Test
    void primitivesAndBoxesArriveAsWholeTextMessages() throws DeploymentException {
        for (Class<?> endpoint : List.of(PrimitiveMessages.class, BoxMessages.class, BooleanMessages.class)) {
            MessageMethod method = onlyMessageMethod(endpoint);
            assertEquals(Set.of(MessageKind.TEXT), method.kinds(), endpoint::getName);
            assertEquals(Delivery.WHOLE, method.delivery(), endpoint::getName);
        }
        assertEquals(int.class, onlyMessageMethod(PrimitiveMessages.class).messageType());
    }

    @ClientEndpoint
    public static class PartialTextLastFirst {
        @OnMessage
        public void read(Boolean last, Session session, String part) {
        }
    }

    @Test
    void theLastFlagMayComeFirstAndBeBoxed() throws DeploymentException {
        MessageMethod method = onlyMessageMethod(PartialTextLastFirst.class);

        assertEquals(Delivery.PARTIAL, method.delivery());
        assertEquals(Set.of(MessageKind.TEXT), method.kinds());
        assertEquals(List.of(Argument.of(LAST, Boolean.class), Argument.of(SESSION, Session.class),
                Argument.of(MESSAGE, String.class)), method.method().arguments());
    }

    @ClientEndpoint
    public static class PartialByteArrays {
        @OnMessage
        public void read(byte[] part, boolean last) {
        }
    }

    @Test
    void byteArraysMayArriveInParts() throws DeploymentException {
        MessageMethod method = onlyMessageMethod(PartialByteArrays.class);

        assertEquals(Delivery.PARTIAL, method.delivery());
        assertEquals(Set.of(MessageKind.BINARY), method.kinds());
    }

    @ClientEndpoint(decoders = {BeanTextDecoder.class, BlobDecoder.class, DocumentDecoder.class})
    public static class DecodedText {
        @OnMessage
        public void read(Bean bean) {
        }
    }

    @ClientEndpoint(decoders = {BeanTextDecoder.class, BlobDecoder.class})
    public static class DecodedBinary {
        @OnMessage
        public void read(Blob blob) {
        }
    }

    @ClientEndpoint(decoders = DocumentDecoder.class)
    public static class DecodedTextStream {
        @OnMessage
        public void read(Document document, Session session) {
        }
    }

    @Test
    void aDecodedTypeTakesTheFormatOfItsDecoder() throws DeploymentException {
        assertEquals(Set.of(MessageKind.TEXT), onlyMessageMethod(DecodedText.class).kinds());
        assertEquals(Set.of(MessageKind.BINARY), onlyMessageMethod(DecodedBinary.class).kinds());
        MessageMethod stream = onlyMessageMethod(DecodedTextStream.class);
        assertEquals(Set.of(MessageKind.TEXT), stream.kinds());
        assertEquals(Delivery.WHOLE, stream.delivery(), "a decoder reads the stream; the method gets the whole object");
    }

    @ClientEndpoint(decoders = BeanTextDecoder.class)
    public static class DecodedSupertype {
        @OnMessage
        public void read(CharSequence text) {
        }
    }

    @Test
    void aParameterMayBeASupertypeOfTheDecodedType() throws DeploymentException {
        MessageMethod method = onlyMessageMethod(DecodedSupertype.class);

        assertEquals(CharSequence.class, method.messageType());
        assertEquals(Set.of(MessageKind.TEXT), method.kinds());
    }

    @ClientEndpoint(decoders = {BeanTextDecoder.class, BeanBinaryDecoder.class})
    public static class DecodedFromBothFormats {
        @OnMessage
        public void read(Bean bean) {
        }
    }

    @Test
    void aTypeWithTextAndBinaryDecodersTakesBothFormats() throws DeploymentException {
        EndpointModel model = AnnotatedEndpointScanner.scanClientEndpoint(DecodedFromBothFormats.class);

        MessageMethod method = model.messageMethods().get(0);
        assertEquals(Set.of(MessageKind.TEXT, MessageKind.BINARY), method.kinds());
        assertEquals(method, model.messageMethod(MessageKind.BINARY).orElseThrow());
    }

    @ClientEndpoint
    public static class StaticMethods {
        @OnMessage
        public static void read(String text) {
        }
    }

    @Test
    void staticMethodsAreAccepted() throws DeploymentException {
        assertEquals(String.class, onlyMessageMethod(StaticMethods.class).messageType());
    }

    @ClientEndpoint
    static class PackagePrivateClient {
        @OnMessage
        public void read(String text) {
        }
    }

    @Test
    void aClientEndpointNeedNotBePublic() throws DeploymentException {
        assertEquals(String.class, onlyMessageMethod(PackagePrivateClient.class).messageType());
    }

    @ServerEndpoint("/users/{name}")
    public static class MixedPathParameters {
        @OnMessage
        public void read(String text, @PathParam("name") String name, @PathParam("age") Integer age,
                         @PathParam("id") long id) {
        }
    }

    @Test
    void pathParameterNamesAreCheckedAgainstTheTemplateOnlyForPrimitives() throws DeploymentException {
        EndpointModel model = AnnotatedEndpointScanner.scanServerEndpoint(MixedPathParameters.class);

        assertEquals(Set.of("name", "age", "id"), model.pathParameterNames());
        model.checkPathParameters(Set.of("name", "id"));
        DeploymentException e = assertThrows(DeploymentException.class, () -> model.checkPathParameters(Set.of("name")));
        assertTrue(e.getMessage().contains(MixedPathParameters.class.getName() + ".read(String, String, Integer, long)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("@PathParam(\"id\")"), e.getMessage());
    }

    @ServerEndpoint("/plain")
    public static class ProgrammaticallyConfigured {
        @OnMessage
        public void read(Bean bean) {
        }
    }

    @Test
    void theGeneralScanUsesTheDecodersItIsGiven() throws DeploymentException {
        EndpointModel model = AnnotatedEndpointScanner.scan(ProgrammaticallyConfigured.class, EndpointRole.SERVER,
                List.of(BeanTextDecoder.class));

        assertEquals(Set.of(MessageKind.TEXT), model.messageMethods().get(0).kinds());
        assertThrows(DeploymentException.class, () -> AnnotatedEndpointScanner.scan(ProgrammaticallyConfigured.class,
                EndpointRole.SERVER, List.of()));
    }
}
