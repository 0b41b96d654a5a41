package dev.duplex.endpoint.annotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Annotated methods along the superclass chain (Jakarta WebSocket 2.2 section 4.8, and the TCK's
 * spec/annotation/inheritance expectations): inherited unless overridden, an override counting only
 * when annotated itself, a second method with the same annotation being a duplicate.
 */
class ScannerInheritanceTest {

    /** A generic, unannotated base, as the TCK's client endpoints have. */
    public abstract static class GenericBase<T> {
        public void onOpen(Session session, EndpointConfig config) {
        }

        public void onMessage(T message) {
        }

        public void onClose(Session session, CloseReason reason) {
        }

        public void onError(Session session, Throwable error) {
        }
    }

    /** Not an endpoint itself: it only annotates its overrides (javac adds annotated bridges for them). */
    public static class AnnotatedMiddle extends GenericBase<String> {
        @Override
        @OnOpen
        public void onOpen(Session session, EndpointConfig config) {
        }

        @Override
        @OnMessage
        public void onMessage(String message) {
        }

        @Override
        @OnClose
        public void onClose(Session session, CloseReason reason) {
        }

        @Override
        @OnError
        public void onError(Session session, Throwable error) {
        }
    }

    @ClientEndpoint
    public static class InheritsEverything extends AnnotatedMiddle {
    }

    @Test
    void annotatedMethodsOfSuperclassesAreInherited() throws DeploymentException {
        EndpointModel model = AnnotatedEndpointScanner.scanClientEndpoint(InheritsEverything.class);

        assertEquals(AnnotatedMiddle.class, model.onOpen().orElseThrow().method().getDeclaringClass());
        assertEquals(AnnotatedMiddle.class, model.onClose().orElseThrow().method().getDeclaringClass());
        assertEquals(AnnotatedMiddle.class, model.onError().orElseThrow().method().getDeclaringClass());
        MessageMethod text = model.messageMethod(MessageKind.TEXT).orElseThrow();
        assertEquals(String.class, text.messageType(), "the bridge onMessage(Object) must not count");
        assertEquals(1, model.messageMethods().size());
    }

    @ClientEndpoint
    public static class OverridesWithAnnotations extends AnnotatedMiddle {
        @OnOpen
        @Override
        public void onOpen(Session session, EndpointConfig config) {
        }

        @OnMessage
        @Override
        public void onMessage(String message) {
        }

        @OnClose
        @Override
        public void onClose(Session session, CloseReason reason) {
        }

        @OnError
        @Override
        public void onError(Session session, Throwable error) {
        }
    }

    @Test
    void anAnnotatedOverrideReplacesTheInheritedMethod() throws DeploymentException {
        EndpointModel model = AnnotatedEndpointScanner.scanClientEndpoint(OverridesWithAnnotations.class);

        for (BoundMethod method : model.allMethods()) {
            assertEquals(OverridesWithAnnotations.class, method.method().getDeclaringClass(), method::toString);
        }
        assertEquals(4, model.allMethods().size());
    }

    @ClientEndpoint
    public static class OverridesWithoutAnnotations extends AnnotatedMiddle {
        @Override
        public void onMessage(String message) {
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
        }
    }

    @Test
    void anUnannotatedOverrideGetsNoCallback() throws DeploymentException {
        EndpointModel model = AnnotatedEndpointScanner.scanClientEndpoint(OverridesWithoutAnnotations.class);

        assertTrue(model.messageMethods().isEmpty(), model::toString);
        assertTrue(model.onClose().isEmpty(), model::toString);
        assertEquals(AnnotatedMiddle.class, model.onOpen().orElseThrow().method().getDeclaringClass());
    }

    @ClientEndpoint
    public static class SecondOnMessage extends AnnotatedMiddle {
        @OnMessage
        public void gotMessage(String message) {
        }
    }

    @ClientEndpoint
    public static class SecondOnOpen extends AnnotatedMiddle {
        @OnOpen
        public void open(Session session, EndpointConfig config) {
        }
    }

    @ClientEndpoint
    public static class SecondOnClose extends AnnotatedMiddle {
        @OnClose
        public void close(Session session, CloseReason reason) {
        }
    }

    @ClientEndpoint
    public static class SecondOnError extends AnnotatedMiddle {
        @OnError
        public void gotError(Session session, Throwable error) {
        }
    }

    private static String rejected(Class<?> endpoint) {
        return assertThrows(DeploymentException.class, () -> AnnotatedEndpointScanner.scanClientEndpoint(endpoint))
                .getMessage();
    }

    @Test
    void aSubclassMethodBesidesAnInheritedOneIsADuplicate() {
        String inherited = " inherited by ";
        String message = rejected(SecondOnMessage.class);
        assertTrue(message.contains(SecondOnMessage.class.getName() + ".gotMessage(String)"), message);
        assertTrue(message.contains(AnnotatedMiddle.class.getName() + ".onMessage(String)" + inherited
                + SecondOnMessage.class.getName()), message);

        message = rejected(SecondOnOpen.class);
        assertTrue(message.contains("second @OnOpen") && message.contains(".open(Session, EndpointConfig)"), message);
        message = rejected(SecondOnClose.class);
        assertTrue(message.contains("second @OnClose") && message.contains(".close(Session, CloseReason)"), message);
        message = rejected(SecondOnError.class);
        assertTrue(message.contains("second @OnError") && message.contains(".gotError(Session, Throwable)"), message);
    }

    /** Annotates a method whose parameter is a type variable: erased, it takes Object. */
    public abstract static class AnnotatedGenericBase<T> {
        @OnMessage
        public void onMessage(T message) {
        }
    }

    @ClientEndpoint
    public static class NarrowsWithAnnotation extends AnnotatedGenericBase<String> {
        @OnMessage
        @Override
        public void onMessage(String message) {
        }
    }

    @ClientEndpoint
    public static class NarrowsWithoutAnnotation extends AnnotatedGenericBase<String> {
        @Override
        public void onMessage(String message) {
        }
    }

    @Test
    void aGenericOverrideHidesTheErasedSuperclassMethod() throws DeploymentException {
        EndpointModel annotated = AnnotatedEndpointScanner.scanClientEndpoint(NarrowsWithAnnotation.class);
        assertEquals(List.of(String.class),
                annotated.messageMethods().stream().map(MessageMethod::messageType).toList());

        EndpointModel unannotated = AnnotatedEndpointScanner.scanClientEndpoint(NarrowsWithoutAnnotation.class);
        assertTrue(unannotated.messageMethods().isEmpty(), unannotated::toString);
    }

    /** Package-private: javac republishes its public methods in public subclasses through bridges. */
    abstract static class HiddenBase {
        @OnMessage
        public String echo(String message) {
            return message;
        }
    }

    @ClientEndpoint
    public static class PublicSubclassOfHiddenBase extends HiddenBase {
    }

    @Test
    void aMethodInheritedFromAPackagePrivateClassCountsOnce() throws DeploymentException {
        boolean bridged = false;
        for (Method method : PublicSubclassOfHiddenBase.class.getDeclaredMethods()) {
            bridged |= method.isBridge() && method.getName().equals("echo");
        }
        EndpointModel model = AnnotatedEndpointScanner.scanClientEndpoint(PublicSubclassOfHiddenBase.class);

        assertEquals(1, model.messageMethods().size(), model::toString);
        assertEquals(HiddenBase.class, model.messageMethods().get(0).method().method().getDeclaringClass(),
                "bridge present: " + bridged);
    }

    public interface AnnotatedInterface {
        @OnMessage
        default void fromInterface(String message) {
        }
    }

    @ClientEndpoint
    public static class ImplementsAnnotatedInterface implements AnnotatedInterface {
    }

    @Test
    void annotationsOnInterfacesAreNotInherited() throws DeploymentException {
        EndpointModel model = AnnotatedEndpointScanner.scanClientEndpoint(ImplementsAnnotatedInterface.class);

        assertTrue(model.messageMethods().isEmpty(), model::toString);
    }
}
