package dev.duplex.client.transport;

import dev.duplex.engine.Callback;
import dev.duplex.engine.Transport;
import dev.duplex.engine.WebSocketConnection;
import dev.duplex.transport.WriteQueue;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLSession;

/**
 * A connection whose opening handshake got a response: the response as received and, after a
 * 101, the engine's {@link Transport} over the socket (with TLS for {@code wss}).
 *
 * <p>Reading starts at {@link #attach}: received bytes, first those that came right after the
 * response head, go to {@link WebSocketConnection#receive}. When the engine pauses reading, the
 * socket is no longer read (its read interest is off) and the bytes left over are handed in first
 * after {@link #resumeReading()}. Which thread calls {@code receive}, and so the engine's listener:
 * <ul>
 * <li>{@link #attach(WebSocketConnection)}: the connector's selector thread, shared with other
 *     connections; the listener must not block there.</li>
 * <li>{@link #attach(WebSocketConnection, Executor)}: a thread of the given executor, in one
 *     delivery task at a time per connection. While a task runs the socket is not read (its read
 *     interest is off), so a listener that blocks holds up only its own connection, and may even
 *     wait for its own writes, which the selector thread goes on flushing. Bytes are delivered
 *     in the order received; each task hands in what one read of the socket produced.</li>
 * </ul>
 *
 * <p>Writing: frames go through a {@link WriteQueue} bounded by
 * {@link ConnectRequest#maxQueuedBytes()}. A write is tried at once on the caller's thread; what
 * the socket does not take waits in the queue and the selector thread writes it when the socket
 * is writable. A write that would pass the bound is refused: its callback fails with
 * {@link dev.duplex.transport.WriteQueueFullException} and none of it is sent.
 *
 * <p>Ending: {@link #close()} closes after the queued writes (with a TLS close_notify);
 * {@link #abort()} closes at once. After the close handshake ({@link #closeAfterHandshake()}) the
 * connection first waits up to {@link #SERVER_CLOSE_WAIT_NANOS} for the server to end the stream,
 * so that the server closes the TCP connection first (RFC 6455 section 7.1.1). End of stream, an
 * I/O error, either close, or the connector closing are reported to the engine by
 * {@link WebSocketConnection#onTransportClosed} exactly once, with the cause for an I/O error and
 * null otherwise; queued writes then fail. The report
 * comes on the selector thread in a task of its own, never from inside a call into this
 * transport; only once the connector is closed does it come on the thread that noticed the end.
 *
 * <p>After a 101 the caller owns the connection: it attaches an engine, or closes or aborts it
 * (as when {@link HandshakeValidator} refuses the response); until then it holds a socket.
 * After any other status the connection is already closed and cannot be attached.
 *
 * <p>Thread-safe.
 */
public final class ClientConnection implements Transport {
    private static final System.Logger LOG = System.getLogger(ClientConnection.class.getName());
    /** Reads handed to the engine per readiness event before other connections on the loop get a turn. */
    private static final int READS_PER_TURN = 16;
    /**
     * How long, after the close handshake, the client waits for the server to close the TCP connection before
     * closing it itself. A server closes as soon as it has the client's close frame; this bounds the wait for one
     * that does not.
     */
    static final long SERVER_CLOSE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final SelectorLoop loop;
    private final SocketChannel channel;
    private final SelectionKey key;
    private final Wire wire;
    private final ConnectRequest request;
    private final UpgradeResponse response;
    private final WriteQueue writeQueue;
    private final WriteQueue.Sink sink = this::writeToWire;
    private final SelectionHandler handler = new Handler();

    private final AtomicBoolean attached = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicBoolean reported = new AtomicBoolean();
    private final CompletableFuture<Void> endFuture = new CompletableFuture<>();
    private volatile Throwable endCause;
    private volatile WebSocketConnection connection; // set on the loop thread
    private volatile Executor delivery; // null: the engine is called on the loop thread
    /** A delivery task runs on the executor: the loop neither reads nor reports meanwhile. */
    private volatile boolean delivering;
    /** Set while waiting for the server to close after the close handshake; loop thread only, as is reading. */
    private SelectorLoop.Deadline serverCloseDeadline;
    private volatile long serverCloseWaitNanos = SERVER_CLOSE_WAIT_NANOS;

    ClientConnection(SelectorLoop loop, SocketChannel channel, SelectionKey key, Wire wire, ConnectRequest request,
            UpgradeResponse response) {
        this.loop = loop;
        this.channel = channel;
        this.key = key;
        this.wire = wire;
        this.request = request;
        this.response = response;
        this.writeQueue = new WriteQueue(request.maxQueuedBytes());
        key.attach(handler);
        loop.join(handler);
    }

    /** The request this connection was opened with, for validating the response against it. */
    public ConnectRequest request() {
        return request;
    }

    /** The server's response to the upgrade request. */
    public UpgradeResponse response() {
        return response;
    }

    /** Whether the server switched protocols: only then is this a usable transport. */
    public boolean isUpgraded() {
        return response.status() == 101;
    }

    /** Whether the connection has not ended yet. */
    public boolean isOpen() {
        return !ended.get();
    }

    /**
     * Completes once the connection has ended, however it ended (the socket is closed by then).
     * Dependent actions run on the thread that ended it, often a selector thread: they must not block.
     */
    public CompletionStage<Void> whenEnded() {
        return endFuture.minimalCompletionStage();
    }

    /** The TLS session for {@code wss}, else null. */
    public SSLSession sslSession() {
        return wire.sslSession();
    }

    /** The local address, or null once closed. */
    public SocketAddress localAddress() {
        try {
            return channel.getLocalAddress();
        } catch (IOException e) {
            return null;
        }
    }

    /** The address connected to (the proxy's, through a proxy), or null once closed. */
    public SocketAddress remoteAddress() {
        try {
            return channel.getRemoteAddress();
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Starts delivering received bytes to the engine, which was created with this transport, on
     * the selector thread. The engine may write before this; it hears of nothing before it.
     *
     * @throws IllegalStateException when the server did not answer 101, or on a second call
     */
    public void attach(WebSocketConnection engine) {
        attach(engine, null);
    }

    /**
     * Starts delivering received bytes to the engine, which was created with this transport, in
     * tasks run by {@code delivery} (see the class javadoc); null delivers on the selector thread.
     * A task the executor refuses runs on the selector thread instead. The engine may write before
     * this; it hears of nothing before it.
     *
     * @throws IllegalStateException when the server did not answer 101, or on a second call
     */
    public void attach(WebSocketConnection engine, Executor delivery) {
        Objects.requireNonNull(engine, "engine");
        if (!isUpgraded()) {
            throw new IllegalStateException("the server answered " + response.status() + " " + response.reason()
                    + ", not 101 Switching Protocols; there is no WebSocket connection to attach to");
        }
        if (!attached.compareAndSet(false, true)) {
            throw new IllegalStateException("an engine is already attached to this connection");
        }
        this.delivery = delivery;
        Runnable start = () -> {
            connection = engine;
            if (ended.get()) {
                report();
            } else {
                readSafely();
            }
        };
        try {
            loop.execute(start); // always later: the caller may be inside a callback on the loop thread
        } catch (RejectedExecutionException stopped) {
            start.run(); // the connector is closed, so the connection has ended: report it
        }
    }

    // ---------------------------------------------------------------- reading, on the loop thread

    private void readSafely() {
        try {
            read();
        } catch (IOException | RuntimeException e) {
            end(e);
        }
    }

    /** Hands buffered plaintext to the engine, then reads more, until paused, drained or at the end. */
    private void read() throws IOException {
        if (delivering) {
            return; // the delivery task reads on when it is done
        }
        WebSocketConnection engine = connection;
        for (int turn = 0; turn < READS_PER_TURN; turn++) {
            ByteBuffer plaintext = wire.plaintext();
            if (plaintext.hasRemaining() && !engine.isReadingPaused()) {
                if (delivery != null) {
                    handOff(engine, plaintext);
                    return;
                }
                engine.receive(plaintext);
            }
            if (ended.get()) {
                return;
            }
            if (engine.isReadingPaused()) {
                setInterest(SelectionKey.OP_READ, false);
                return;
            }
            int read = wire.fill();
            if (wire.hasPendingOutput() || !writeQueue.isEmpty()) {
                // TLS may have produced output of its own, or unblocked writes waiting on its handshake.
                setInterest(SelectionKey.OP_WRITE, true);
            }
            if (read < 0) {
                if (wire.plaintext().hasRemaining()) {
                    continue; // deliver the last bytes before the end
                }
                if (serverCloseDeadline != null) {
                    wire.shutdownOutput(); // the server closed first, as it should: answer its close_notify
                }
                end(null);
                return;
            }
            if (read == 0) {
                setInterest(SelectionKey.OP_READ, true);
                return;
            }
        }
        // More may be buffered inside TLS with nothing left on the socket to wake the selector: go on later.
        try {
            loop.execute(this::readSafely);
        } catch (RejectedExecutionException stopping) {
            // The loop is ending every connection, this one included.
        }
    }

    /**
     * Delivers on the executor: no reading until the task is done, so it has the plaintext to itself
     * (the executor's hand-off and {@link SelectorLoop#execute} order the two threads' accesses).
     */
    private void handOff(WebSocketConnection engine, ByteBuffer plaintext) {
        setInterest(SelectionKey.OP_READ, false);
        delivering = true;
        try {
            delivery.execute(() -> deliver(engine, plaintext));
        } catch (RejectedExecutionException stopping) {
            deliver(engine, plaintext); // the executor is shutting down: deliver here rather than not at all
        }
    }

    /** A delivery task: the engine takes the bytes, then the loop goes on reading, or reports the end. */
    private void deliver(WebSocketConnection engine, ByteBuffer plaintext) {
        Throwable failure = null;
        try {
            engine.receive(plaintext);
        } catch (RuntimeException | Error e) {
            failure = e; // as on the loop thread, where read() failing ends the connection
        }
        Throwable failed = failure;
        Runnable next = () -> {
            delivering = false;
            if (failed != null) {
                end(failed);
            } else if (ended.get()) {
                report(); // deferred while the engine was busy
            } else {
                readSafely();
            }
        };
        try {
            loop.execute(next);
        } catch (RejectedExecutionException stopped) {
            next.run(); // the connector is closed: the connection has ended, report it
        }
        if (failed instanceof Error error) {
            throw error;
        }
    }

    /**
     * The engine's paused reading may go on: on the selector thread, in a task of its own, deliver
     * what is left over, then read from the socket.
     */
    @Override
    public void resumeReading() {
        try {
            // Always later, never nested: the engine may call this from inside its own receive.
            loop.execute(() -> {
                if (!ended.get() && connection != null) {
                    readSafely();
                }
            });
        } catch (RejectedExecutionException e) {
            // The connector is closed; the connection has ended.
        }
    }

    // ---------------------------------------------------------------- writing, from any thread

    @Override
    public void write(ByteBuffer[] buffers, Callback callback) {
        if (writeQueue.offer(buffers, callback) && !writeQueue.flush(sink)) {
            requestWriteInterest();
        }
    }

    @Override
    public long queuedBytes() {
        return writeQueue.queuedBytes();
    }

    private boolean writeToWire(ByteBuffer[] buffers) throws IOException {
        try {
            return wire.write(buffers);
        } catch (IOException | RuntimeException e) {
            end(e);
            throw e;
        }
    }

    private void requestWriteInterest() {
        loop.executeOrRunHere(() -> {
            if (!ended.get() && (!writeQueue.isEmpty() || wire.hasPendingOutput())) {
                setInterest(SelectionKey.OP_WRITE, true);
            }
        });
    }

    /** The socket can take more: write what waits, then stop watching for writability if nothing does. */
    private void onWritable() throws IOException {
        boolean done = wire.flush() && writeQueue.flush(sink);
        if (done || wire.writeBlockedOnHandshake()) {
            // When blocked on a TLS handshake, reading re-arms writing once the peer's data came.
            setInterest(SelectionKey.OP_WRITE, false);
        }
    }

    private void setInterest(int op, boolean on) {
        try {
            int ops = key.interestOps();
            int wanted = on ? ops | op : ops & ~op;
            if (wanted != ops) {
                key.interestOps(wanted);
            }
        } catch (CancelledKeyException ended) {
            // Closed meanwhile, possibly by another thread: there is nothing to wait for any more.
        }
    }

    // ---------------------------------------------------------------- ending

    /** Closes once everything queued before is written; an empty write marks the spot. */
    @Override
    public void close() {
        afterQueuedWrites(() -> {
            wire.shutdownOutput();
            end(null);
        });
    }

    /**
     * Closes after the close handshake: once the queued writes (the close frame among them) are out, waits for the
     * server to end the stream, then closes; closes anyway after {@link #SERVER_CLOSE_WAIT_NANOS}. Reading goes on
     * meanwhile, and the engine discards what arrives (RFC 6455 section 7.1.7).
     */
    @Override
    public void closeAfterHandshake() {
        afterQueuedWrites(() -> loop.executeOrRunHere(this::awaitServerClose));
    }

    /** The first close of either kind: runs {@code then} once what was queued before is written; ends if that fails. */
    private void afterQueuedWrites(Runnable then) {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        write(new ByteBuffer[0], new Callback() {
            @Override
            public void succeeded() {
                then.run();
            }

            @Override
            public void failed(Throwable cause) {
                end(null);
            }
        });
    }

    /** Loop thread: the end of stream ends the connection in {@link #read()}; the deadline, if it does not come. */
    private void awaitServerClose() {
        if (ended.get()) {
            return;
        }
        serverCloseDeadline = loop.schedule(serverCloseWaitNanos, () -> {
            LOG.log(Level.DEBUG, () -> "the server did not close after the close handshake; closing " + this);
            wire.shutdownOutput();
            end(null);
        });
        setInterest(SelectionKey.OP_READ, true);
    }

    /** For tests: how long {@link #closeAfterHandshake()} waits for the server. */
    void serverCloseWait(long nanos) {
        this.serverCloseWaitNanos = nanos;
    }

    /** Closes at once: queued writes fail, nothing more is sent. For a close that must not wait for a slow peer. */
    @Override
    public void abort() {
        end(null);
    }

    /** Closes a connection that was not upgraded, before anyone else could see it. */
    void refuse() {
        closing.set(true);
        end(null);
    }

    /** The connection is gone: close the socket, fail what is queued, and report to the engine, once. */
    private void end(Throwable cause) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        endCause = cause;
        loop.executeOrRunHere(this::cancelServerCloseDeadline);
        key.cancel();
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing a client connection failed", e);
        }
        writeQueue.fail(cause != null ? cause : new IOException("the connection is closed"));
        endFuture.complete(null);
        // Never from inside a call into this transport: the engine may be in the middle of closing.
        try {
            loop.execute(this::report);
        } catch (RejectedExecutionException stopped) {
            report();
        }
    }

    private void cancelServerCloseDeadline() {
        if (serverCloseDeadline != null) {
            serverCloseDeadline.cancel();
            serverCloseDeadline = null;
        }
    }

    private void report() {
        if (delivering) {
            return; // the engine is in receive on the executor; the delivery task reports when it is done
        }
        loop.leave(handler);
        WebSocketConnection engine = connection;
        if (engine != null && reported.compareAndSet(false, true)) {
            engine.onTransportClosed(endCause);
        }
    }

    @Override
    public String toString() {
        return "ClientConnection[" + request.uri() + ", " + response.status() + (isOpen() ? ", open" : ", ended") + "]";
    }

    /** The selector's view of this connection; a separate object keeps these methods out of the public API. */
    private final class Handler implements SelectionHandler {
        @Override
        public void onReady(int readyOps) throws IOException {
            if ((readyOps & SelectionKey.OP_WRITE) != 0) {
                onWritable();
            }
            if ((readyOps & SelectionKey.OP_READ) != 0 && !ended.get() && connection != null) {
                read();
            }
        }

        @Override
        public void onError(Throwable cause) {
            LOG.log(Level.DEBUG, "client connection failed", cause);
            end(cause);
        }

        @Override
        public void onShutdown(IOException cause) {
            end(cause);
        }
    }
}
