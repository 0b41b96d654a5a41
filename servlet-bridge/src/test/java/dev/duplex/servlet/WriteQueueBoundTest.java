package dev.duplex.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.servlet.ServerUnderTest.Container;
import dev.duplex.transport.WriteQueueFullException;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The bound on bytes queued for a slow reader ({@code dev.duplex.maxQueuedBytes}): a client stops
 * reading, the endpoint keeps sending asynchronously, and the sends past the bound fail at once with
 * {@link WriteQueueFullException} while those already accepted still arrive, whole and in order.
 */
class WriteQueueBoundTest {
    static final int BOUND = 256 * 1024;
    static final int CHUNK = 64 * 1024;
    /** 64 MiB at most: far more than loopback socket buffers hold, so the bound is reached. */
    static final int MAX_SENDS = 1024;

    /** What the flood did: how many sends were accepted, and why the first refused one was refused. */
    record Report(int accepted, Throwable refusal) {
    }

    @ServerEndpoint("/flood")
    public static class Flood {
        static volatile CompletableFuture<Report> report = new CompletableFuture<>();

        @OnMessage
        public void flood(Session session, String command) {
            List<CompletableFuture<Void>> accepted = new ArrayList<>();
            Throwable refusal = null;
            for (int i = 0; i < MAX_SENDS && refusal == null; i++) {
                ByteBuffer payload = ByteBuffer.allocate(CHUNK);
                payload.putInt(0, i);
                CompletableFuture<Void> sent = TestEndpoints.sendBinary(session, payload);
                if (sent.isCompletedExceptionally()) {
                    refusal = sent.handle((ok, failure) -> failure).join();
                } else {
                    accepted.add(sent);
                }
            }
            report.complete(new Report(accepted.size(), refusal));
            int count = accepted.size();
            CompletableFuture.allOf(accepted.toArray(CompletableFuture[]::new))
                    .thenRun(() -> session.getAsyncRemote().sendText("done:" + count));
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void sendsPastTheBoundFailWithWriteQueueFullExceptionAndAcceptedOnesArriveInOrder(Container container) throws Exception {
        Flood.report = new CompletableFuture<>();
        try (ServerUnderTest server = ServerUnderTest.start(container,
                context -> context.setInitParameter("dev.duplex.maxQueuedBytes", Integer.toString(BOUND)),
                deploy -> deploy.addEndpoint(Flood.class))) {
            JdkClient client = JdkClient.connect(server.ws("/flood"), false);
            client.send("go");

            Report report = Flood.report.get(JdkClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertNotNull(report.refusal(), "all " + MAX_SENDS + " sends were accepted; the bound was never reached");
            assertInstanceOf(WriteQueueFullException.class, report.refusal());
            assertTrue(report.accepted() < MAX_SENDS);

            client.readAll();
            for (int i = 0; i < report.accepted(); i++) {
                ByteBuffer message = client.nextBinary();
                assertEquals(CHUNK, message.remaining());
                assertEquals(i, message.getInt(0), "message " + i + " out of order");
            }
            assertEquals("done:" + report.accepted(), client.nextText());
            assertEquals(1000, client.closeNormally().code());
        }
    }

    /** A bound that is not a positive number is ignored with a warning; connections still open. */
    @ParameterizedTest
    @EnumSource(Container.class)
    void boundThatIsNotPositiveFallsBackToTheDefault(Container container) throws Exception {
        try (ServerUnderTest server = ServerUnderTest.start(container,
                context -> context.setInitParameter("dev.duplex.maxQueuedBytes", "0"),
                deploy -> deploy.addEndpoint(TestEndpoints.Echo.class))) {
            JdkClient client = JdkClient.connect(server.ws("/echo"));
            client.send("bounded");
            assertEquals("bounded", client.nextText());
            client.closeNormally();
        }
    }
}
