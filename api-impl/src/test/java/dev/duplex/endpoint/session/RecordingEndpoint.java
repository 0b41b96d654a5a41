package dev.duplex.endpoint.session;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * An endpoint that records its lifecycle: what onOpen does is given as a lambda; errors and the
 * close reason are kept; {@link #log} collects lines from any callback, in order, for ordering checks.
 */
class RecordingEndpoint extends Endpoint {
    static final long WAIT_SECONDS = 10;

    final List<String> log = new CopyOnWriteArrayList<>();
    final BlockingQueue<Throwable> errors = new LinkedBlockingQueue<>();
    final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    final CompletableFuture<Session> opened = new CompletableFuture<>();
    private final Consumer<Session> onOpen;
    volatile BiConsumer<Session, CloseReason> onCloseHook = (session, reason) -> { };
    volatile int closeCalls;

    RecordingEndpoint() {
        this(session -> { });
    }

    RecordingEndpoint(Consumer<Session> onOpen) {
        this.onOpen = onOpen;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        log.add("open");
        onOpen.accept(session);
        opened.complete(session);
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        closeCalls++;
        log.add("close " + closeReason.getCloseCode().getCode());
        onCloseHook.accept(session, closeReason);
        closed.complete(closeReason);
    }

    @Override
    public void onError(Session session, Throwable thr) {
        log.add("error " + thr.getClass().getSimpleName());
        errors.add(thr);
    }

    CloseReason awaitClose() throws Exception {
        return closed.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    Throwable awaitError() throws InterruptedException {
        Throwable error = errors.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (error == null) {
            throw new AssertionError("no error reported within " + WAIT_SECONDS + " s");
        }
        return error;
    }
}
