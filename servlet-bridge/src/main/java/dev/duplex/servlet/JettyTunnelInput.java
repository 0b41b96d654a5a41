package dev.duplex.servlet;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

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
 * returning false registers for one {@code onDataAvailable} call, made on a Jetty thread.
 */
final class JettyTunnelInput extends ServletInputStream {
    private static final int BUFFER_SIZE = 16 * 1024;

    private final EndPoint endPoint;
    private final ByteBuffer buffer = BufferUtil.allocate(BUFFER_SIZE);
    private final AtomicBoolean fillInterested = new AtomicBoolean();
    private final Callback fillable = Callback.from(this::onFillable, this::onFillFailed);
    private volatile ReadListener listener;
    private volatile boolean finished;
    private volatile IOException failure;

    JettyTunnelInput(EndPoint endPoint) {
        this.endPoint = endPoint;
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
        if (buffer.hasRemaining() || finished || failure != null) {
            return true;
        }
        try {
            BufferUtil.clear(buffer);
            int filled = endPoint.fill(buffer);
            if (filled < 0) {
                finished = true;
                return true;
            }
            if (filled > 0) {
                return true;
            }
        } catch (IOException e) {
            failure = e;
            return true;
        }
        if (fillInterested.compareAndSet(false, true)) {
            endPoint.fillInterested(fillable);
        }
        return false;
    }

    @Override
    public int read(ByteBuffer destination) throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (!buffer.hasRemaining()) {
            return finished ? -1 : 0;
        }
        int count = Math.min(buffer.remaining(), destination.remaining());
        int position = destination.position();
        destination.put(buffer.slice(buffer.position(), count));
        buffer.position(buffer.position() + count);
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
            current.onError(cause);
        }
    }

    /** Closes the endpoint: the connection is over. */
    @Override
    public void close() {
        finished = true;
        endPoint.close();
    }
}
