package dev.duplex.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.client.DuplexWebSocketContainer;
import dev.duplex.endpoint.server.DuplexServerContainer;
import dev.duplex.engine.Limits;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The settings of the server and the client container, which both take them from {@link AbstractWebSocketContainer}. */
class AbstractWebSocketContainerTest {

    /** The server container of an application, and a client container (its threads start only when it connects). */
    static Stream<AbstractWebSocketContainer> containers() {
        return Stream.of(new DuplexServerContainer(null, null), DuplexWebSocketContainer.create());
    }

    @ParameterizedTest
    @MethodSource("containers")
    void startWithNoTimeoutsTheirMessageLimitsAndPermessageDeflate(AbstractWebSocketContainer container) {
        assertEquals(0, container.getDefaultAsyncSendTimeout());
        assertEquals(0, container.getDefaultMaxSessionIdleTimeout());
        assertEquals(defaultMessageLimit(container), container.getDefaultMaxTextMessageBufferSize());
        assertEquals(defaultMessageLimit(container), container.getDefaultMaxBinaryMessageBufferSize());
        assertEquals(java.util.Set.of("permessage-deflate"), container.getInstalledExtensions().stream()
                .map(jakarta.websocket.Extension::getName).collect(java.util.stream.Collectors.toSet()));
    }

    @ParameterizedTest
    @MethodSource("containers")
    void keepWhatIsSetIncludingNonPositiveTimeouts(AbstractWebSocketContainer container) {
        container.setAsyncSendTimeout(-1);
        container.setDefaultMaxSessionIdleTimeout(2500);
        container.setDefaultMaxTextMessageBufferSize(10);
        container.setDefaultMaxBinaryMessageBufferSize(20);
        assertEquals(-1, container.getDefaultAsyncSendTimeout());
        assertEquals(2500, container.getDefaultMaxSessionIdleTimeout());
        assertEquals(10, container.getDefaultMaxTextMessageBufferSize());
        assertEquals(20, container.getDefaultMaxBinaryMessageBufferSize());
    }

    @ParameterizedTest
    @MethodSource("containers")
    void bufferSizesMustBePositive(AbstractWebSocketContainer container) {
        assertThrows(IllegalArgumentException.class, () -> container.setDefaultMaxTextMessageBufferSize(0));
        assertThrows(IllegalArgumentException.class, () -> container.setDefaultMaxBinaryMessageBufferSize(-1));
        assertEquals(defaultMessageLimit(container), container.getDefaultMaxTextMessageBufferSize());
    }

    /** A server keeps the engine's protective 64 KiB; a client takes what other clients take (16 MiB). */
    private static long defaultMessageLimit(AbstractWebSocketContainer container) {
        return container instanceof DuplexWebSocketContainer ? DuplexWebSocketContainer.DEFAULT_MAX_MESSAGE_BYTES
                : Limits.DEFAULT.maxTextMessageSize();
    }
}
