package dev.duplex.endpoint.annotation;

import static dev.duplex.endpoint.annotation.Rejections.rejected;
import static dev.duplex.endpoint.annotation.Rejections.rejectedClient;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.duplex.endpoint.annotation.TestCoders.ShapelessDecoder;
import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Each class-level shape the spec rejects (sections 4.1, 4.1.1, 4.1.3, 4.2), and how several problems are reported. */
class ScannerInvalidClassesTest {

    // ---- classes

    @ClientEndpoint
    public abstract static class AbstractClient {
        @OnMessage
        public void read(String text) {
        }
    }

    @Test
    void anAbstractEndpointClassIsRejected() {
        rejectedClient(AbstractClient.class, AbstractClient.class.getName(), "must be concrete", "section 4.1");
    }

    @ServerEndpoint("/invalid")
    static class NonPublicServer {
        @OnMessage
        public void read(String text) {
        }
    }

    @Test
    void aServerEndpointClassMustBePublic() {
        rejected(NonPublicServer.class, NonPublicServer.class.getName(), "is not public", "section 4.1");
    }

    @ServerEndpoint("/invalid")
    public static class ServerWithoutNoArgConstructor {
        public ServerWithoutNoArgConstructor(String required) {
        }

        @OnMessage
        public void read(String text) {
        }
    }

    @Test
    void aServerEndpointClassNeedsAPublicNoArgConstructor() {
        rejected(ServerWithoutNoArgConstructor.class, ServerWithoutNoArgConstructor.class.getName(),
                "has no public no-argument constructor");
    }

    @ServerEndpoint("/invalid")
    public class InnerServer {
        @OnMessage
        public void read(String text) {
        }
    }

    @Test
    void aServerEndpointClassCannotBeAnInnerClass() {
        rejected(InnerServer.class, InnerServer.class.getName(), "is an inner class");
    }

    public static class NotAnnotated {
        @OnMessage
        public void read(String text) {
        }
    }

    @Test
    void aServerEndpointNeedsItsAnnotation() {
        rejected(NotAnnotated.class, NotAnnotated.class.getName(), "is not annotated with @ServerEndpoint");
    }

    @Test
    void aClientEndpointNeedsItsAnnotation() {
        rejectedClient(NotAnnotated.class, NotAnnotated.class.getName(), "is not annotated with @ClientEndpoint");
    }

    @ServerEndpoint("")
    public static class EmptyPath {
        @OnMessage
        public void read(String text) {
        }
    }

    @Test
    void anEmptyPathIsRejected() {
        rejected(EmptyPath.class, EmptyPath.class.getName(), "empty path", "section 4.1.1");
    }

    @ServerEndpoint("relative/{x}")
    public static class RelativePath {
        @OnMessage
        public void read(String text) {
        }
    }

    @Test
    void aPathWithoutLeadingSlashIsRejected() {
        rejected(RelativePath.class, RelativePath.class.getName(), "\"relative/{x}\" does not begin with '/'");
    }

    @ServerEndpoint(value = "/invalid", decoders = ShapelessDecoder.class)
    public static class MalformedDecoder {
        @OnMessage
        public void read(String text) {
        }
    }

    @Test
    void aDecoderMustImplementADecoderKind() {
        rejected(MalformedDecoder.class, MalformedDecoder.class.getName(), ShapelessDecoder.class.getName(),
                "implements none of Decoder.Text");
    }

    // ---- reporting

    @ServerEndpoint("/invalid")
    public static class ManyProblems {
        @OnOpen
        public void open(String nope) {
        }

        @OnMessage
        public void read(BigDecimal number) {
        }

        @OnError
        public void error(Session session) {
        }
    }

    @Test
    void allProblemsOfAClassAreReportedTogether() {
        String message = rejected(ManyProblems.class, ManyProblems.class.getName() + " cannot be deployed, for 3 reasons",
                ".open(String)", ".read(BigDecimal)", ".error(Session)");
        assertEquals(4, message.lines().count(), message);
    }
}
