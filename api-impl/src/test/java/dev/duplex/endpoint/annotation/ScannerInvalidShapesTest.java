package dev.duplex.endpoint.annotation;

import static dev.duplex.endpoint.annotation.Rejections.rejected;
import static dev.duplex.endpoint.annotation.Rejections.rejectedClient;

import dev.duplex.endpoint.annotation.TestCoders.Bean;
import dev.duplex.endpoint.annotation.TestCoders.BeanTextDecoder;
import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.CloseReason;
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
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Each method shape the spec rejects, one rule a test; every message must name the class and the method. */
class ScannerInvalidShapesTest {

    // ---- one @OnMessage method per native format (section 4.7, WSC-4.7-4)

    @ServerEndpoint("/invalid")
    public static class TwoTextMethods {
        @OnMessage
        public String echo(Reader reader) {
            return "";
        }

        @OnMessage
        public String echo(String text, boolean last) {
            return text;
        }
    }

    @Test
    void twoTextMessageMethodsAreRejected() {
        rejected(TwoTextMethods.class, TwoTextMethods.class.getName() + ".echo(String, boolean)",
                TwoTextMethods.class.getName() + ".echo(Reader)", "second @OnMessage method for text", "section 4.7");
    }

    @ServerEndpoint("/invalid")
    public static class TwoBinaryMethods {
        @OnMessage
        public void stream(InputStream stream) {
        }

        @OnMessage
        public void parts(byte[] data, boolean last) {
        }
    }

    @Test
    void twoBinaryMessageMethodsAreRejected() {
        rejected(TwoBinaryMethods.class, TwoBinaryMethods.class.getName() + ".stream(InputStream)",
                ".parts(byte[], boolean)", "for binary messages");
    }

    @ServerEndpoint("/invalid")
    public static class TwoPongMethods {
        @OnMessage
        public void pong(PongMessage pong) {
        }

        @OnMessage
        public void pong(PongMessage pong, Session session) {
        }
    }

    @Test
    void twoPongMessageMethodsAreRejected() {
        rejected(TwoPongMethods.class, TwoPongMethods.class.getName() + ".pong(PongMessage, Session)",
                "for pong messages");
    }

    @ClientEndpoint(decoders = BeanTextDecoder.class)
    public static class DecodedTextBesidesString {
        @OnMessage
        public void text(String text) {
        }

        @OnMessage
        public void bean(Bean bean) {
        }
    }

    @Test
    void aDecodedTypeCountsForTheFormatOfItsDecoder() {
        rejectedClient(DecodedTextBesidesString.class, DecodedTextBesidesString.class.getName() + ".text(String)",
                "for text messages");
    }

    // ---- one method per lifecycle annotation (sections 4.4-4.6)

    @ServerEndpoint("/invalid")
    public static class TwoOnOpen {
        @OnOpen
        public void open(Session session) {
        }

        @OnOpen
        public void open(EndpointConfig config) {
        }
    }

    @Test
    void twoOnOpenMethodsAreRejected() {
        rejected(TwoOnOpen.class, TwoOnOpen.class.getName() + ".open(Session)",
                TwoOnOpen.class.getName() + ".open(EndpointConfig)", "second @OnOpen", "section 4.4");
    }

    @ServerEndpoint("/invalid")
    public static class TwoOnClose {
        @OnClose
        public void close(Session session) {
        }

        @OnClose
        public void closed(Session session, CloseReason reason) {
        }
    }

    @Test
    void twoOnCloseMethodsAreRejected() {
        rejected(TwoOnClose.class, TwoOnClose.class.getName() + ".closed(Session, CloseReason)", "second @OnClose",
                "section 4.5");
    }

    @ClientEndpoint
    public static class TwoOnError {
        @OnError
        public void error(Throwable error) {
        }

        @OnError
        public void error2(Session session, Throwable error) {
        }
    }

    @Test
    void twoOnErrorMethodsAreRejected() {
        rejectedClient(TwoOnError.class, TwoOnError.class.getName() + ".error2(Session, Throwable)", "second @OnError",
                "section 4.6");
    }

    // ---- parameters the lifecycle annotations do not allow

    @ServerEndpoint("/invalid")
    public static class OnOpenWithString {
        @OnOpen
        public void open(Session session, String thisShouldNotBeHere) {
        }
    }

    @Test
    void onOpenRejectsAParameterItDoesNotKnow() {
        rejected(OnOpenWithString.class, OnOpenWithString.class.getName() + ".open(Session, String)",
                "java.lang.String (parameter 2)", "section 4.4");
    }

    @ServerEndpoint("/invalid")
    public static class OnCloseWithException {
        @OnClose
        public void close(Session session, Exception thisShouldNotBeHere) {
        }
    }

    @Test
    void onCloseRejectsAParameterItDoesNotKnow() {
        rejected(OnCloseWithException.class, OnCloseWithException.class.getName() + ".close(Session, Exception)",
                "java.lang.Exception", "section 4.5");
    }

    @ServerEndpoint("/invalid")
    public static class OnErrorWithCloseReason {
        @OnError
        public void error(Session session, Throwable error, CloseReason reason) {
        }
    }

    @Test
    void onErrorRejectsAParameterItDoesNotKnow() {
        rejected(OnErrorWithCloseReason.class,
                OnErrorWithCloseReason.class.getName() + ".error(Session, Throwable, CloseReason)",
                "jakarta.websocket.CloseReason", "section 4.6");
    }

    @ServerEndpoint("/invalid")
    public static class OnErrorWithoutThrowable {
        @OnError
        public void error(Session session) {
        }
    }

    @Test
    void onErrorWithoutThrowableIsRejected() {
        rejected(OnErrorWithoutThrowable.class, OnErrorWithoutThrowable.class.getName() + ".error(Session)",
                "no Throwable parameter", "section 4.6");
    }

    @ServerEndpoint("/invalid")
    public static class OnOpenWithTwoSessions {
        @OnOpen
        public void open(Session one, Session two) {
        }
    }

    @Test
    void aLifecycleMethodTakesOneSessionAtMost() {
        rejected(OnOpenWithTwoSessions.class, OnOpenWithTwoSessions.class.getName() + ".open(Session, Session)",
                "more than one Session");
    }

    // ---- @OnMessage parameters (section 4.7, javadoc of OnMessage)

    @ServerEndpoint("/invalid")
    public static class NoMessageParameter {
        @OnMessage
        public void read(Session session) {
        }
    }

    @Test
    void onMessageWithoutAMessageParameterIsRejected() {
        rejected(NoMessageParameter.class, NoMessageParameter.class.getName() + ".read(Session)",
                "no message parameter");
    }

    @ServerEndpoint("/invalid")
    public static class StringAndInt {
        @OnMessage
        public String echo(String text, int i) {
            return text;
        }
    }

    @Test
    void onMessageWithTwoMessageParametersIsRejected() {
        rejected(StringAndInt.class, StringAndInt.class.getName() + ".echo(String, int)", "two message parameters");
    }

    @ServerEndpoint("/invalid")
    public static class TwoBooleans {
        @OnMessage
        public void read(boolean a, boolean b) {
        }
    }

    @Test
    void twoBooleansAreTwoMessageParameters() {
        rejected(TwoBooleans.class, TwoBooleans.class.getName() + ".read(boolean, boolean)", "two message parameters");
    }

    @ServerEndpoint("/invalid")
    public static class ThreeMessageParameters {
        @OnMessage
        public void read(String text, ByteBuffer data, boolean last) {
        }
    }

    @Test
    void onMessageWithSurplusParametersIsRejected() {
        rejected(ThreeMessageParameters.class,
                ThreeMessageParameters.class.getName() + ".read(String, ByteBuffer, boolean)",
                "3 parameters that are neither Session nor @PathParam");
    }

    @ServerEndpoint("/invalid")
    public static class WithoutDecoder {
        @OnMessage
        public String echo(BigDecimal number) {
            return number.toString();
        }
    }

    @Test
    void aMessageTypeWithoutDecoderIsRejected() {
        rejected(WithoutDecoder.class, WithoutDecoder.class.getName() + ".echo(BigDecimal)", "java.math.BigDecimal",
                "the endpoint has no decoders");
    }

    @ServerEndpoint(value = "/invalid", decoders = BeanTextDecoder.class)
    public static class DecoderOfASubtypeOnly {
        @OnMessage
        public void read(TestCoders.Blob blob) {
        }
    }

    @Test
    void aDecoderOfAnotherTypeDoesNotCount() {
        rejected(DecoderOfASubtypeOnly.class, DecoderOfASubtypeOnly.class.getName() + ".read(Blob)",
                "[BeanTextDecoder]");
    }

    @ServerEndpoint("/invalid")
    public static class ReaderWithLast {
        @OnMessage
        public void read(Reader reader, boolean last) {
        }
    }

    @Test
    void aReaderTakesNoLastFlag() {
        rejected(ReaderWithLast.class, ReaderWithLast.class.getName() + ".read(Reader, boolean)",
                "the Reader receives the whole message as a stream");
    }

    @ClientEndpoint
    public static class InputStreamWithLast {
        @OnMessage
        public void read(InputStream stream, boolean last) {
        }
    }

    @Test
    void anInputStreamTakesNoLastFlag() {
        rejectedClient(InputStreamWithLast.class, InputStreamWithLast.class.getName() + ".read(InputStream, boolean)",
                "the InputStream receives the whole message as a stream");
    }

    @ServerEndpoint("/invalid")
    public static class PongWithLast {
        @OnMessage
        public void pong(PongMessage pong, boolean last) {
        }
    }

    @Test
    void aPongMessageTakesNoLastFlag() {
        rejected(PongWithLast.class, PongWithLast.class.getName() + ".pong(PongMessage, boolean)",
                "PongMessage is always whole");
    }

    @ServerEndpoint(value = "/invalid", decoders = BeanTextDecoder.class)
    public static class DecodedWithLast {
        @OnMessage
        public void read(Bean bean, boolean last) {
        }
    }

    @Test
    void onlyStringsAndBuffersArriveInParts() {
        rejected(DecodedWithLast.class, DecodedWithLast.class.getName() + ".read(Bean, boolean)",
                "only String, ByteBuffer and byte[] messages can be received in parts");
    }

    @ServerEndpoint("/invalid")
    public static class TwoSessionsOnMessage {
        @OnMessage
        public void read(Session one, String text, Session two) {
        }
    }

    @Test
    void onMessageTakesOneSessionAtMost() {
        rejected(TwoSessionsOnMessage.class, TwoSessionsOnMessage.class.getName() + ".read(Session, String, Session)",
                "more than one Session");
    }

    @ServerEndpoint("/invalid")
    public static class MaxMessageSizeTooLarge {
        @OnMessage(maxMessageSize = Integer.MAX_VALUE + 1L)
        public void read(String text) {
        }
    }

    @Test
    void maxMessageSizeBeyondIntegerMaxValueIsRejected() {
        rejected(MaxMessageSizeTooLarge.class, MaxMessageSizeTooLarge.class.getName() + ".read(String)",
                "larger than Integer.MAX_VALUE", "section 4.7.1");
    }

    @ServerEndpoint("/invalid")
    public static class MaxMessageSizeNegative {
        @OnMessage(maxMessageSize = -2)
        public void read(String text) {
        }
    }

    @Test
    void maxMessageSizeBelowMinusOneIsRejected() {
        rejected(MaxMessageSizeNegative.class, MaxMessageSizeNegative.class.getName() + ".read(String)",
                "maxMessageSize -2 is negative");
    }

    // ---- @PathParam (section 4.3)

    @ServerEndpoint("/invalid/{arg}")
    public static class PathParamOnOpenOfWrongType {
        @OnOpen
        public void open(Session session, @PathParam("arg") StringBuilder arg) {
        }
    }

    @ServerEndpoint("/invalid/{arg}")
    public static class PathParamOnMessageOfWrongType {
        @OnMessage
        public String echo(String text, @PathParam("arg") Bean arg) {
            return text;
        }
    }

    @ServerEndpoint("/invalid/{arg}")
    public static class PathParamOnCloseOfWrongType {
        @OnClose
        public void close(Session session, @PathParam("arg") Object arg) {
        }
    }

    @ServerEndpoint("/invalid/{arg}")
    public static class PathParamOnErrorOfWrongType {
        @OnError
        public void error(Session session, Throwable error, @PathParam("arg") CharSequence arg) {
        }
    }

    @Test
    void pathParametersOtherThanStringsAndPrimitivesAreRejectedOnEveryAnnotation() {
        rejected(PathParamOnOpenOfWrongType.class, PathParamOnOpenOfWrongType.class.getName()
                + ".open(Session, StringBuilder)", "@OnOpen method has @PathParam(\"arg\") on a parameter of type"
                + " java.lang.StringBuilder", "section 4.3");
        rejected(PathParamOnMessageOfWrongType.class, PathParamOnMessageOfWrongType.class.getName()
                + ".echo(String, Bean)", "@OnMessage method has @PathParam(\"arg\")");
        rejected(PathParamOnCloseOfWrongType.class, PathParamOnCloseOfWrongType.class.getName()
                + ".close(Session, Object)", "@OnClose method has @PathParam(\"arg\")");
        rejected(PathParamOnErrorOfWrongType.class, PathParamOnErrorOfWrongType.class.getName()
                + ".error(Session, Throwable, CharSequence)", "@OnError method has @PathParam(\"arg\")");
    }

    @ServerEndpoint("/invalid/{arg}")
    public static class PathParamWithoutName {
        @OnOpen
        public void open(@PathParam("") String arg) {
        }
    }

    @Test
    void aPathParamNeedsAName() {
        rejected(PathParamWithoutName.class, PathParamWithoutName.class.getName() + ".open(String)",
                "@PathParam with an empty name");
    }

    @ClientEndpoint
    public static class ClientWithPrimitivePathParam {
        @OnMessage
        public void read(String text, @PathParam("id") int id) {
        }
    }

    @Test
    void aClientEndpointCannotHaveAPrimitivePathParam() {
        rejectedClient(ClientWithPrimitivePathParam.class,
                ClientWithPrimitivePathParam.class.getName() + ".read(String, int)", "@PathParam(\"id\") names no"
                        + " variable of the path template", "section 4.3");
    }

    // ---- methods

    @ServerEndpoint("/invalid")
    public static class NonPublicMethod {
        @OnMessage
        void read(String text) {
        }
    }

    @Test
    void nonPublicAnnotatedMethodsAreRejected() {
        rejected(NonPublicMethod.class, NonPublicMethod.class.getName() + ".read(String)", "is not public");
    }
}
