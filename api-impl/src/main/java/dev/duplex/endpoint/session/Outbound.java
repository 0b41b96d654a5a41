package dev.duplex.endpoint.session;

import dev.duplex.engine.Callback;
import dev.duplex.engine.ClosePayload;
import dev.duplex.engine.WebSocketConnection;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The sending side of one session, shared by its basic and async remote endpoints: it keeps the
 * frames of concurrent senders in order, guards fragmented messages, and holds the batch.
 *
 * <p><b>Fragmented messages.</b> A message sent in parts (the basic endpoint's
 * {@code sendText/sendBinary(..., isLast)}, its send stream and send writer) belongs to its
 * sender until the last part. Meanwhile a whole message, or a part from another sender, is an
 * {@link IllegalStateException} (RemoteEndpoint.Basic javadoc; RFC 6455 section 5.4 forbids
 * interleaving data messages). Pings and pongs may go between the parts (section 5.5).
 *
 * <p><b>Concurrent senders.</b> Whole messages from several threads are not refused: each is
 * handed to the engine as a unit, in the order the calls took the lock, and each caller hears of
 * its own completion. The RemoteEndpoint.Basic javadoc allows, but does not require, an
 * IllegalStateException here; queueing keeps every message and spares applications a race.
 *
 * <p><b>Batching</b> (RemoteEndpoint javadoc, {@code setBatchingAllowed}): a message sent with
 * batching allowed is copied into the batch and completes at once; the batch goes out when it
 * passes {@link #BATCH_LIMIT} (the message that fills it completes when it is written), on
 * {@link #flushBatch}, before any message sent without batching (so order holds across the two
 * remote endpoints), before pings and pongs, and before the close frame.
 *
 * <p>Thread-safe. Sends never block here: callers that must wait block on their callback.
 */
final class Outbound {
    /** Batched bytes after which the batch is sent: 64 KiB. */
    static final int BATCH_LIMIT = 64 * 1024;
    private static final System.Logger LOG = System.getLogger(Outbound.class.getName());

    private record Pending(boolean text, ByteBuffer payload, boolean last) {
    }

    private final WebSocketConnection connection;
    private final Runnable activity;
    private final SessionCounters counters;

    private final Object lock = new Object();
    // Guarded by lock.
    private Object fragmentOwner;
    private boolean fragmentText;
    private List<Pending> batch = List.of(); // a list is made when something is batched
    private long batchBytes;

    /**
     * @param activity told of every send, for the idle timeout
     * @param counters counts the messages and bytes handed to the connection
     */
    Outbound(WebSocketConnection connection, Runnable activity, SessionCounters counters) {
        this.connection = connection;
        this.activity = activity;
        this.counters = counters;
    }

    /**
     * Sends a whole message.
     *
     * @throws IllegalStateException when a fragmented message is being sent
     */
    void sendMessage(boolean text, ByteBuffer payload, boolean batching, Callback callback) {
        synchronized (lock) {
            if (fragmentOwner != null) {
                throw new IllegalStateException("cannot send a whole " + kind(text) + " message while a fragmented "
                        + kind(fragmentText) + " message is being sent: send its last part first"
                        + " (RemoteEndpoint.Basic javadoc; RFC 6455 section 5.4)");
            }
            send(text, payload, true, batching, callback);
        }
    }

    /**
     * Sends one part of a fragmented message on behalf of {@code owner}.
     *
     * @throws IllegalStateException when another sender's fragmented message, or one of the other type, is in progress
     */
    void sendFragment(Object owner, boolean text, ByteBuffer payload, boolean last, boolean batching, Callback callback) {
        synchronized (lock) {
            if (fragmentOwner != null && (fragmentOwner != owner || fragmentText != text)) {
                throw new IllegalStateException("cannot send part of a " + kind(text) + " message while another"
                        + " fragmented " + kind(fragmentText) + " message is being sent: send its last part first"
                        + " (RemoteEndpoint.Basic javadoc; RFC 6455 section 5.4)");
            }
            fragmentOwner = last ? null : owner;
            fragmentText = text;
            send(text, payload, last, batching, callback);
        }
    }

    /** Throws the IllegalStateException {@link #sendMessage} would, before a stream or writer is opened. */
    void checkNoFragmentInProgress(String what) {
        synchronized (lock) {
            if (fragmentOwner != null) {
                throw new IllegalStateException("cannot open " + what + " while a fragmented " + kind(fragmentText)
                        + " message is being sent: send its last part first (RemoteEndpoint.Basic javadoc)");
            }
        }
    }

    /** Sends a ping; the batch goes first. The caller checked the 125-byte limit. */
    void sendPing(ByteBuffer payload, Callback callback) {
        synchronized (lock) {
            activity.run();
            flushLocked(CompletionCallbacks.logFailure(LOG, "sending the batch"));
            connection.sendPing(payload, callback);
        }
    }

    /** Sends an unsolicited pong; the batch goes first. The caller checked the 125-byte limit. */
    void sendPong(ByteBuffer payload, Callback callback) {
        synchronized (lock) {
            activity.run();
            flushLocked(CompletionCallbacks.logFailure(LOG, "sending the batch"));
            connection.sendPong(payload, callback);
        }
    }

    /** Sends the batch; {@code callback} hears when all of it is written, at once if it is empty. */
    void flushBatch(Callback callback) {
        synchronized (lock) {
            flushLocked(callback);
        }
    }

    /** Sends the batch, then the close frame (Session javadoc: unsent messages go before the close). */
    void close(ClosePayload close, Callback callback) {
        synchronized (lock) {
            flushLocked(CompletionCallbacks.logFailure(LOG, "sending the batch before closing"));
            connection.close(close, callback);
        }
    }

    /** The connection has ended: a batch left over cannot be sent any more. */
    void discardBatch() {
        synchronized (lock) {
            if (!batch.isEmpty()) {
                LOG.log(System.Logger.Level.DEBUG, "dropping {0} batched frames: the session closed without a flush",
                        batch.size());
            }
            batch = List.of();
            batchBytes = 0;
        }
    }

    private void send(boolean text, ByteBuffer payload, boolean last, boolean batching, Callback callback) {
        activity.run();
        if (batching && connection.isOutputOpen()) {
            ByteBuffer copy = ByteBuffer.allocate(payload.remaining()).put(payload.duplicate()).flip();
            if (batch.isEmpty()) {
                batch = new ArrayList<>();
            }
            batch.add(new Pending(text, copy, last));
            batchBytes += copy.remaining();
            if (batchBytes < BATCH_LIMIT) {
                callback.succeeded();
            } else {
                flushLocked(callback);
            }
            return;
        }
        flushLocked(CompletionCallbacks.logFailure(LOG, "sending the batch"));
        write(text, payload, last, callback);
    }

    private void flushLocked(Callback callback) {
        if (batch.isEmpty()) {
            callback.succeeded();
            return;
        }
        List<Pending> frames = batch;
        batch = List.of();
        batchBytes = 0;
        Callback all = CompletionCallbacks.allOf(frames.size(), callback);
        for (Pending frame : frames) {
            write(frame.text(), frame.payload(), frame.last(), all);
        }
    }

    private void write(boolean text, ByteBuffer payload, boolean last, Callback callback) {
        if (connection.isOutputOpen()) {
            counters.sent(text, payload.remaining(), last); // before: the engine consumes the buffer
        }
        if (text) {
            connection.sendText(payload, last, callback);
        } else {
            connection.sendBinary(payload, last, callback);
        }
    }

    private static String kind(boolean text) {
        return text ? "text" : "binary";
    }
}
