package dev.duplex.servlet;

import dev.duplex.engine.Callback;
import dev.duplex.engine.Transport;
import dev.duplex.engine.WebSocketConnection;
import dev.duplex.transport.ReadBuffers;
import dev.duplex.transport.WriteQueue;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.WebConnection;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The engine's {@link Transport} over an upgraded servlet connection, with non-blocking I/O only
 * (Servlet 6.1 section 3.7 and the {@code ByteBuffer} read and write methods): no thread waits
 * on the network for this connection.
 *
 * <p>Which thread reads. The Servlet API names one thread that may read an upgraded input without
 * racing the container: the one in {@link ReadListener#onDataAvailable()}, reading until
 * {@code isReady()} says false (after which the container calls again when bytes arrive). Tomcat 11 holds
 * to that strictly: it probes the socket itself before each {@code onDataAvailable}, and a read on
 * another thread at the same time corrupts its buffer. So the bytes are read, and handed to the
 * engine, on the container's thread, in the callback; the application's handlers for whole messages run
 * there too, as under Tomcat's and Jetty's own WebSocket servers, and no hand-off to another thread is paid
 * per read (on Jetty, reading on Duplex's executor instead cost 10 to 20 % of small-message throughput).
 * The container's pool therefore needs threads for handlers that block. Resuming after a pause (a streamed
 * message whose reader fell behind) reads from the executor where the input may be read on any thread
 * ({@link ContainerConnection#readsOnAnyThread()}: Jetty's), and otherwise has the container call back.
 * The read buffer is borrowed from {@link ReadBuffers} while reading and given back when the input has
 * nothing more: an idle connection holds none. When the application pauses reading, the bytes left in
 * the buffer stay there untouched (the buffer with them).
 *
 * <p>When writes may start. Frames go into a {@link WriteQueue}; it is written only once the write
 * listener is set ({@link #start}; before that {@code isReady()} may throw, as Tomcat's does) and then
 * while {@code isReady()}; the container's {@link WriteListener#onWritePossible()} continues a flush that
 * had to stop. The container calls {@code onWritePossible} only once it is back from the callback it is
 * in (it serialises a connection's listener calls), so a write asked for on a thread the container must
 * get back first (in {@code HttpUpgradeHandler.init}, where {@code onOpen} runs, or in one of this
 * transport's listener callbacks, where message handlers run) completes once it is queued rather than
 * once it is written: a blocking send there would otherwise wait for itself. Its bytes still go out in
 * order, and if the connection fails first the session hears of it ({@code onError}, {@code onClose}).
 * A write that fails ends the connection, logged.
 *
 * <p>Who closes TCP. After the close handshake the server closes the TCP connection (RFC 6455 section
 * 7.1.1): {@code WebConnection.close()}. Tomcat ends the socket only when one of its callbacks returns
 * with the connection closed; the closing handshake's last frame comes in a read callback, so the close
 * happens there, on the container's thread.
 *
 * <p>At the bound (context init parameter {@code dev.duplex.maxQueuedBytes}, default
 * {@link WriteQueue#DEFAULT_MAX_QUEUED_BYTES}): while a peer does not read, written bytes wait in the
 * queue; a frame that would take the queue past the bound is refused whole and at once, its send
 * failing with {@link dev.duplex.transport.WriteQueueFullException} (an async send's
 * {@code SendHandler} or {@code Future}, a basic send's {@code IOException}). Nothing of it is
 * written, so the frames on the wire stay well formed, the frames queued before it are still sent,
 * and the session stays open: the application decides whether to drop, retry later or close.
 * A single frame larger than the bound is accepted when the queue is empty.
 *
 * <p>Thread-safe: writes from any thread; at most one thread reads at a time.
 *
 * <p>Public only for the container adapters ({@code dev.duplex.servlet.jetty}); not an API for applications.
 */
public final class ServletTransport implements Transport, ReadListener, WriteListener {
    private static final System.Logger LOG = System.getLogger(ServletTransport.class.getName());

    private final WebConnection webConnection;
    private final ServletInputStream input;
    private final ServletOutputStream output;
    private final WriteQueue writeQueue;
    private final Executor executor;
    private final WriteQueue.Sink sink = this::writeWhileReady;

    private WebSocketConnection connection;
    private final ReadBuffers readBuffers = ReadBuffers.shared();
    /** Borrowed while reading, or while it holds bytes a pause left; null otherwise. Touched by the reader only. */
    private ByteBuffer readBuffer;
    private final Object readLock = new Object();
    private boolean reading;
    private boolean readAgain;
    private final AtomicBoolean ended = new AtomicBoolean();
    /** Whether the input may be read on the executor (see the class comment); otherwise only in {@code onDataAvailable}. */
    private final boolean readsOnAnyThread;
    /** See {@link ContainerConnection#readCallbacksHoldWrites()}; if so, a read callback counts as a container callback for writes. */
    private final boolean readCallbacksHoldWrites;
    /** Has the container run a read callback on its own thread ({@link ContainerConnection#readCallbacks}); null when it cannot. */
    private final Runnable requestReadCallback;
    /** Set once the listeners are; writes wait in the queue until then. */
    private volatile boolean started;
    /** The transport whose listener callback (or {@code init}) the current thread is in, if any. */
    private static final ThreadLocal<ServletTransport> IN_CONTAINER_CALLBACK = new ThreadLocal<>();

    /**
     * @param input the connection's upgraded input, or what to read in its place ({@link ContainerConnection})
     * @param readsOnAnyThread whether {@code input} may be read on the executor as well as in {@code onDataAvailable}
     * @param readCallbacksHoldWrites whether the container holds write callbacks back while {@code onDataAvailable}
     *                                runs ({@link ContainerConnection#readCallbacksHoldWrites()})
     * @param requestReadCallback has the container call back on its own thread, or null when it cannot
     */
    ServletTransport(WebConnection webConnection, ServletInputStream input, boolean readsOnAnyThread,
            boolean readCallbacksHoldWrites, Runnable requestReadCallback, long maxQueuedBytes, Executor executor) throws IOException {
        this.readsOnAnyThread = readsOnAnyThread;
        this.readCallbacksHoldWrites = readCallbacksHoldWrites;
        this.requestReadCallback = requestReadCallback;
        this.webConnection = webConnection;
        this.input = input;
        this.output = webConnection.getOutputStream();
        this.writeQueue = new WriteQueue(maxQueuedBytes);
        this.executor = executor;
    }

    /** Connects the engine and starts listening; the container begins calling back after this. */
    void start(WebSocketConnection engine) {
        this.connection = engine;
        output.setWriteListener(this);
        input.setReadListener(this);
        started = true;
        // What onOpen sent; on a container that reports writability only through onWritePossible
        // (Tomcat), isReady() says false now and the flush waits for that call.
        writeQueue.flush(sink);
        if (readsOnAnyThread) {
            // Containers differ on whether onDataAvailable comes without an isReady() that returned
            // false first (Servlet 6.1 section 3.7); asking now covers both, and data that came with
            // the handshake is not left waiting. The container's first onDataAvailable is all the
            // strict path relies on.
            executor.execute(this::readAnywhere);
        }
    }

    private void inContainerCallback(Runnable callback) {
        ServletTransport outer = IN_CONTAINER_CALLBACK.get();
        IN_CONTAINER_CALLBACK.set(this);
        try {
            callback.run();
        } finally {
            if (outer == null) {
                IN_CONTAINER_CALLBACK.remove();
            } else {
                IN_CONTAINER_CALLBACK.set(outer);
            }
        }
    }

    // ---------------------------------------------------------------- reading

    /** On the container's thread: read and deliver here, without a hand-off (see the class comment). */
    @Override
    public void onDataAvailable() {
        if (readCallbacksHoldWrites) {
            inContainerCallback(this::readAnywhere);
        } else {
            readAnywhere();
        }
    }

    /** Reads on this thread, which may read the input: a container callback, or any where the input allows. */
    private void readAnywhere() {
        readLoop(true);
    }

    /**
     * Reads and delivers until the input is not ready, ends, or the application pauses. One reader at a time.
     *
     * @param mayReadInput whether this thread may read the input; if not, it delivers only what the buffer holds
     *                     from a pause, and then has the container call back to read on (see the class comment)
     */
    private void readLoop(boolean mayReadInput) {
        synchronized (readLock) {
            if (reading) {
                readAgain = true;
                return;
            }
            reading = true;
        }
        if (readBuffer == null) {
            readBuffer = readBuffers.take();
        }
        boolean endOfInput = false;
        try {
            do {
                if (readBuffer.hasRemaining()) {
                    // Left over from a pause: deliver it before reading more.
                    connection.receive(readBuffer);
                }
                while (mayReadInput && !endOfInput && !connection.isReadingPaused() && !ended.get() && input.isReady()) {
                    if (readMore() < 0) {
                        endOfInput = true;
                    } else {
                        connection.receive(readBuffer);
                    }
                }
            } while (!endOfInput && takeReadAgain());
        } catch (IOException | RuntimeException e) {
            synchronized (readLock) {
                giveBackReadBuffer();
                reading = false;
            }
            onError(e);
            return;
        }
        if (endOfInput) {
            synchronized (readLock) {
                giveBackReadBuffer();
                reading = false;
            }
            // The peer shut its side. Not left to onAllDataRead: a container may call it only
            // once a listener returns, and a replaced input (JettyTunnelInput) has no such call.
            end(null);
        } else if (!mayReadInput && !connection.isReadingPaused() && !ended.get()) {
            requestReadCallback.run(); // the container reads on, on its thread; a call meanwhile was not a read
        }
    }

    /**
     * Appends what the input has to the unread bytes. {@code ServletInputStream.read(ByteBuffer)}
     * leaves the position where it was and moves the limit past the new bytes (Servlet 6.1 javadoc).
     */
    private int readMore() throws IOException {
        int unread = readBuffer.remaining();
        readBuffer.compact();
        int count = input.read(readBuffer);
        readBuffer.limit(unread + Math.max(count, 0)).position(0);
        return count;
    }

    private boolean takeReadAgain() {
        synchronized (readLock) {
            if (readAgain && !connection.isReadingPaused()) {
                readAgain = false;
                return true;
            }
            if (!readBuffer.hasRemaining()) {
                giveBackReadBuffer(); // nothing kept for a pause: an idle connection holds no buffer
            }
            reading = false;
            return false;
        }
    }

    /** Called by the reader, under {@code readLock}, as it stops reading. */
    private void giveBackReadBuffer() {
        readBuffers.give(readBuffer);
        readBuffer = null;
    }

    /**
     * From the application's thread. Where the container can call back on its own thread, only the bytes held
     * from the pause are delivered here, and the container reads the rest; otherwise reading goes on on the
     * executor, as the Servlet API allows ({@code isReady()} may be called from any thread).
     */
    @Override
    public void resumeReading() {
        if (readsOnAnyThread || requestReadCallback == null) {
            executor.execute(this::readAnywhere);
        } else {
            executor.execute(() -> readLoop(false));
        }
    }

    @Override
    public void onAllDataRead() {
        // The peer shut its side of the TCP connection.
        end(null);
    }

    @Override
    public void onError(Throwable cause) {
        LOG.log(Level.DEBUG, "WebSocket connection failed", cause);
        end(cause);
    }

    // ---------------------------------------------------------------- writing

    @Override
    public void write(ByteBuffer[] buffers, Callback callback) {
        if (!started || IN_CONTAINER_CALLBACK.get() == this) {
            // See the class comment, "When writes may start": done once queued; a later failure ends the session.
            DoneWhenQueued done = new DoneWhenQueued(callback);
            if (writeQueue.offer(buffers, done)) {
                done.queued();
                flushIfStarted();
            }
            return;
        }
        if (writeQueue.offer(buffers, callback)) {
            flushIfStarted();
        }
    }

    @Override
    public long queuedBytes() {
        return writeQueue.queuedBytes();
    }

    /**
     * Completes a write once it is queued. A refusal still reaches the sender; a failure after that ends the
     * connection ({@link #end}), and the session reports it.
     */
    private static final class DoneWhenQueued implements Callback {
        private final Callback sender;
        /** Whether the sender has heard: once, whichever comes first. */
        private final AtomicBoolean told = new AtomicBoolean();

        DoneWhenQueued(Callback sender) {
            this.sender = sender;
        }

        void queued() {
            if (told.compareAndSet(false, true)) {
                sender.succeeded();
            }
        }

        @Override
        public void succeeded() {
            queued();
        }

        @Override
        public void failed(Throwable cause) {
            if (told.compareAndSet(false, true)) {
                sender.failed(cause);
            }
        }
    }

    private void flushIfStarted() {
        if (started) {
            writeQueue.flush(sink);
        }
    }

    @Override
    public void onWritePossible() {
        inContainerCallback(() -> writeQueue.flush(sink));
    }

    private boolean writeWhileReady(ByteBuffer[] buffers) throws IOException {
        try {
            return writeAll(buffers);
        } catch (IOException | RuntimeException e) {
            // The queue fails what it holds; the session must hear of it too, not live on unable to write.
            LOG.log(Level.WARNING, "writing to the upgraded connection failed; ending it: " + e, e);
            end(e);
            throw e;
        }
    }

    /**
     * In non-blocking mode {@code write(ByteBuffer)} may take the buffer and finish with it later: its
     * position reaches its limit by the time {@code isReady()} says true again (Servlet 6.1 javadoc),
     * so a buffer still showing bytes is written again only after that.
     */
    private boolean writeAll(ByteBuffer[] buffers) throws IOException {
        if (output instanceof GatheringOutput gathering) {
            return gathering.writeAll(buffers);
        }
        for (ByteBuffer buffer : buffers) {
            while (buffer.hasRemaining()) {
                if (!output.isReady()) {
                    return false;
                }
                output.write(buffer);
            }
        }
        // Containers may hold small writes in the response buffer; a frame must go out now.
        if (!output.isReady()) {
            return false; // back here from onWritePossible, with nothing left to write but the flush
        }
        output.flush();
        return true;
    }

    // ---------------------------------------------------------------- closing

    /** Closes once everything queued before is written: an empty write marks the spot. */
    @Override
    public void close() {
        Callback closeAfterFlush = new Callback() {
            @Override
            public void succeeded() {
                closeConnection();
            }

            @Override
            public void failed(Throwable cause) {
                closeConnection();
            }
        };
        // Straight into the queue: unlike a send, the close must wait for what is queued before it.
        if (writeQueue.offer(new ByteBuffer[0], closeAfterFlush)) {
            flushIfStarted();
        }
    }

    /** Ends the connection now: what is queued fails (a peer that stopped reading would never take it). */
    @Override
    public void abort() {
        end(null);
    }

    private void closeConnection() {
        end(null);
    }

    /**
     * The connection is over: fail what is queued, close the upgraded connection so the container
     * releases it (without a close handshake this is RFC 6455 section 7.1.5's abnormal closure), and
     * tell the engine, once.
     */
    public void end(Throwable cause) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        writeQueue.fail(cause != null ? cause : new IOException("the connection is closed"));
        closeQuietly();
        if (requestReadCallback != null && IN_CONTAINER_CALLBACK.get() != this) {
            // Closed off the container's threads: its next callback is when it ends the socket (Tomcat).
            requestReadCallback.run();
        }
        connection.onTransportClosed(cause);
    }

    private void closeQuietly() {
        try {
            if (input != webConnection.getInputStream()) {
                input.close();
            }
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "closing the connection's input failed", e);
        }
        try {
            webConnection.close();
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "closing the upgraded connection failed", e);
        }
    }
}
