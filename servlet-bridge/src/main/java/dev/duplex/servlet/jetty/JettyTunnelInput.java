package dev.duplex.servlet.jetty;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;

/**
 * The bytes of an upgraded connection read straight from Jetty's {@link EndPoint}, in place of the
 * upgraded {@code ServletInputStream} where Jetty 12.1 (ee11) breaks it.
 *
 * <p>Why: for a request that announces no body (no {@code Content-Length}, no
 * {@code Transfer-Encoding}: what browsers send for a WebSocket handshake), Jetty parses the HTTP
 * message to its end before the filter runs and keeps that end-of-content; after
 * {@code HttpServletRequest.upgrade} the upgraded input still reports it, so the first read returns
 * -1 and the client's frames are never read (a request with {@code Content-Length: 0} is not
 * affected). Nothing else reads the endpoint after the upgrade, so reading it directly is safe.
 *
 * <p>Only loaded when Jetty's classes are visible to Duplex (embedded Jetty, or Duplex on the
 * server's class path); see {@link JettyConnection}. Non-blocking, with the contract of
 * {@code ServletInputStream} in non-blocking mode: one reader at a time; {@link #isReady()}
 * returning false registers for one {@code onDataAvailable} call, made on a thread of Jetty's pool.
 *
 * <p>It holds no buffer: {@link #read(ByteBuffer)} fills the caller's straight from the socket.
 * So {@link #isReady()} is optimistic (true until a read finds nothing, as after a readiness callback),
 * and a read after it may return 0; the next {@code isReady()} then registers for the callback.
 */
final class JettyTunnelInput extends ServletInputStream {
    private final EndPoint endPoint;
    /** False once a read found nothing, until Jetty says the socket is readable again. */
    private volatile boolean mayHaveBytes = true;
    private final AtomicBoolean fillInterested = new AtomicBoolean();
    private final Executor executor;
    /**
     * Blocking, as the listener reads and runs the application's handlers in it: Jetty runs it on a pool thread,
     * never holding up its selector (it hands selecting to another thread first when it runs it itself). A
     * failure, which may run application code, is handed to {@link #executor}.
     */
    private final Callback fillable = Callback.from(Invocable.InvocationType.BLOCKING, this::onFillable,
            this::onFillFailed);
    private volatile ReadListener listener;
    private volatile boolean finished;
    private volatile IOException failure;

    /** Bytes read before this input took over, to be read first; null when none are left. */
    private ByteBuffer prefilled;

    /** @param executor where a read failure is reported (Jetty's, for instance) */
    JettyTunnelInput(EndPoint endPoint, Executor executor) {
        this.endPoint = endPoint;
        this.executor = executor;
    }

    /** Has {@code bytes} (which this input may keep) read before anything from the endpoint. Before the first read. */
    void readFirst(ByteBuffer bytes) {
        this.prefilled = bytes.hasRemaining() ? bytes : null;
    }

    @Override
    public void setReadListener(ReadListener readListener) {
        this.listener = readListener;
    }

    @Override
    public boolean isFinished() {
        return finished;
    }

    @Override
    public boolean isReady() {
        if (mayHaveBytes || finished || failure != null) {
            return true;
        }
        if (fillInterested.compareAndSet(false, true)) {
            endPoint.fillInterested(fillable);
        }
        return false;
    }

    /**
     * Reads into {@code destination} from its position up to its limit, and then, as
     * {@code ServletInputStream.read(ByteBuffer)} does, leaves the position where it was and moves the
     * limit past the new bytes. Returns -1 at the end of input, 0 when the socket had nothing.
     */
    @Override
    public int read(ByteBuffer destination) throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (prefilled != null) {
            return readPrefilled(destination);
        }
        if (finished) {
            return -1;
        }
        int position = destination.position();
        // EndPoint.fill appends between a buffer's limit and its capacity: give it the free part, empty.
        ByteBuffer free = destination.slice(position, destination.limit() - position).limit(0);
        int filled;
        try {
            filled = endPoint.fill(free);
        } catch (IOException e) {
            failure = e;
            throw e;
        }
        if (filled < 0) {
            finished = true;
            return -1;
        }
        if (filled == 0) {
            mayHaveBytes = false;
        }
        destination.limit(position + filled).position(position);
        return filled;
    }

    private int readPrefilled(ByteBuffer destination) {
        int position = destination.position();
        int count = Math.min(prefilled.remaining(), destination.remaining());
        destination.put(prefilled.slice(prefilled.position(), count));
        prefilled.position(prefilled.position() + count);
        if (!prefilled.hasRemaining()) {
            prefilled = null;
        }
        destination.limit(position + count).position(position);
        return count;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        return read(ByteBuffer.wrap(bytes, offset, length));
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int count = read(one, 0, 1);
        return count <= 0 ? -1 : one[0] & 0xff;
    }

    private void onFillable() {
        mayHaveBytes = true;
        fillInterested.set(false);
        ReadListener current = listener;
        if (current != null) {
            try {
                current.onDataAvailable();
            } catch (IOException | RuntimeException e) {
                current.onError(e);
            }
        }
    }

    private void onFillFailed(Throwable cause) {
        fillInterested.set(false);
        ReadListener current = listener;
        if (current != null) {
            executor.execute(() -> current.onError(cause));
        }
    }

    /** Closes the endpoint: the connection is over. */
    @Override
    public void close() {
        finished = true;
        endPoint.close();
    }
}
