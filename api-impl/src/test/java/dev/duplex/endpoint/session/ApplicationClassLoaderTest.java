package dev.duplex.endpoint.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The session's callbacks run on shared threads that belong to no application, yet application
 * code expects its own class loader as the thread's context class loader (the Jakarta EE Platform
 * rule for application components; a WAR's {@code ServiceLoader} lookups depend on it). The
 * runtime's application class loader is the context class loader of every callback.
 */
class ApplicationClassLoaderTest {
    private final ClassLoader application = new ClassLoader(null) { };
    private final SessionPair pair = new SessionPair().applicationClassLoader(application);
    private final Map<String, ClassLoader> seen = new ConcurrentHashMap<>();

    @AfterEach
    void closePair() {
        pair.close();
    }

    private void record(String callback) {
        seen.put(callback, Thread.currentThread().getContextClassLoader());
    }

    @Test
    void everyCallbackRunsWithTheApplicationsContextClassLoader() throws Exception {
        CompletableFuture<Void> streamRead = new CompletableFuture<>();
        RecordingEndpoint server = new RecordingEndpoint(session -> {
            record("onOpen");
            session.addMessageHandler(String.class, text -> record("onMessage"));
            session.addMessageHandler(InputStream.class, in -> { // runs on the runtime's executor
                try {
                    while (in.read() >= 0) {
                        // drain
                    }
                } catch (IOException e) {
                    streamRead.completeExceptionally(e);
                }
                record("onMessage(InputStream)");
                streamRead.complete(null);
            });
        });
        server.onCloseHook = (session, reason) -> record("onClose");
        pair.open(server, new RecordingEndpoint());
        server.opened.get(10, TimeUnit.SECONDS);
        pair.client.getBasicRemote().sendText("whole");
        pair.client.getBasicRemote().sendBinary(ByteBuffer.wrap(new byte[] {1, 2}), false);
        pair.client.getBasicRemote().sendBinary(ByteBuffer.wrap(new byte[] {3}), true);
        streamRead.get(10, TimeUnit.SECONDS);
        pair.client.close();
        server.awaitClose();
        for (String callback : List.of("onOpen", "onMessage", "onMessage(InputStream)", "onClose")) {
            assertSame(application, seen.get(callback), callback);
        }
        assertEquals(4, seen.size());
    }
}
