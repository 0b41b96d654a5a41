package dev.duplex.servlet.war.app;

import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;

/**
 * Part of a test WAR (UndeployTest): on any text, keeps the session's write queue full of 16 KiB messages, so that
 * a peer that does not read has sends in flight whenever the application stops. Its record is of JDK types only, so that a test
 * can read it reflectively from the copy the application's class loader made.
 */
@ServerEndpoint("/war-flood")
public class WarFloodEndpoint {
    /** Every send the session accepted, completed with its outcome when that comes. */
    public static final Queue<CompletableFuture<Void>> ACCEPTED = new ConcurrentLinkedQueue<>();
    /** Why the first send each session refused was refused. */
    public static final Queue<Throwable> REFUSALS = new ConcurrentLinkedQueue<>();
    /** One permit per session whose queue refused a send: the first time it was full. */
    public static final Semaphore FULL = new Semaphore(0);
    /** The close codes {@code onClose} heard, per session id. */
    public static final Map<String, List<Integer>> CLOSES = new ConcurrentHashMap<>();

    private static final Set<String> REFUSED = ConcurrentHashMap.newKeySet();

    @OnMessage
    public void start(Session session, String command) {
        CompletableFuture.runAsync(() -> flood(session));
    }

    /**
     * Sends until the queue refuses one; each send that completes later runs this again, so the queue stays full for
     * as long as the session is open, whatever the container and the kernel buffers in between. It runs off the
     * container's threads, as an application pushing to its peers does: a send made in a handler on a thread the
     * container must get back first completes once queued (ServletTransport, "When writes may start").
     */
    private static void flood(Session session) {
        while (true) {
            CompletableFuture<Void> sent = new CompletableFuture<>();
            session.getAsyncRemote().sendBinary(ByteBuffer.allocate(16 * 1024), result -> {
                if (result.isOK()) {
                    sent.complete(null);
                    CompletableFuture.runAsync(() -> flood(session));
                } else {
                    sent.completeExceptionally(result.getException());
                }
            });
            if (sent.isCompletedExceptionally()) { // refused at once
                if (REFUSED.add(session.getId())) {
                    REFUSALS.add(sent.handle((ok, failure) -> failure).join());
                    FULL.release();
                }
                return;
            }
            ACCEPTED.add(sent);
        }
    }

    @OnClose
    public void closed(Session session, CloseReason reason) {
        CLOSES.computeIfAbsent(session.getId(), id -> new CopyOnWriteArrayList<>()).add(reason.getCloseCode().getCode());
    }
}
