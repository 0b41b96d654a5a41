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
 * <p>Reading: the container calls {@link ReadListener#onDataAvailable()}; on the executor, bytes are
 * read while {@code isReady()} and handed to the engine. The read buffer is borrowed from
 * {@link ReadBuffers} for that and given back when the input has nothing more: an idle connection holds
 * none. When the application pauses reading, the bytes left in the buffer stay there untouched (the
 * buffer with them); on resume the loop runs again on the executor.
 * Writing: frames go into a {@link WriteQueue} and are written while {@code isReady()}; the
 * container's {@link WriteListener#onWritePossible()} continues a flush that had to stop.
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
 */
final class ServletTransport implements Transport, ReadListener, WriteListener {
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

    /**
     * @param input the connection's upgraded input, or what to read in its place ({@link ContainerConnection})
     */
    ServletTransport(WebConnection webConnection, ServletInputStream input, long maxQueuedBytes, Executor executor)
            throws IOException {
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
        // Containers differ on whether onDataAvailable comes without an isReady() that returned
        // false first (Servlet 6.1 section 3.7); asking now covers both, and data that came with
        // the handshake is not left waiting.
        executor.execute(this::readLoop);
    }

    // ---------------------------------------------------------------- reading

    /**
     * Reading and delivery run on the executor, not on the container's thread: the container does
     * not call {@code onWritePossible} while {@code onDataAvailable} runs (listener calls are
     * serialised, Servlet 6.1 section 3.7), so an application that sends with a blocking
     * {@code RemoteEndpoint.Basic} from its message handler would wait forever for its own write.
     */
    @Override
    public void onDataAvailable() {
        executor.execute(this::readLoop);
    }

    /** Reads and delivers until the input is not ready, ends, or the application pauses. One reader at a time. */
    private void readLoop() {
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
                while (!endOfInput && !connection.isReadingPaused() && !ended.get() && input.isReady()) {
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

    @Override
    public void resumeReading() {
        executor.execute(this::readLoop);
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
        if (writeQueue.offer(buffers, callback)) {
            writeQueue.flush(sink);
        }
    }

    @Override
    public void onWritePossible() {
        writeQueue.flush(sink);
    }

    /**
     * In non-blocking mode {@code write(ByteBuffer)} may take the buffer and finish with it later: its
     * position reaches its limit by the time {@code isReady()} says true again (Servlet 6.1 javadoc),
     * so a buffer still showing bytes is written again only after that.
     */
    private boolean writeWhileReady(ByteBuffer[] buffers) throws IOException {
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
        write(new ByteBuffer[0], closeAfterFlush);
    }

    private void closeConnection() {
        end(null);
    }

    /**
     * The connection is over: fail what is queued, close the upgraded connection so the container
     * releases it (without a close handshake this is RFC 6455 section 7.1.5's abnormal closure), and
     * tell the engine, once.
     */
    void end(Throwable cause) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        writeQueue.fail(cause != null ? cause : new IOException("the connection is closed"));
        closeQuietly();
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
