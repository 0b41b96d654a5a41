package dev.duplex.servlet.jetty;

import dev.duplex.servlet.GatheringOutput;
import dev.duplex.servlet.ServletTransport;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritePendingException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.Callback;

/**
 * The output of a connection Duplex carries on Jetty's {@link EndPoint} itself
 * ({@link JettyEndPointConnection}), with the contract of {@code ServletOutputStream} in non-blocking
 * mode, so that {@link ServletTransport} writes to it as to a container's upgraded output.
 *
 * <p>{@link #write(ByteBuffer)} writes what the socket takes at once; the rest is left to Jetty, which
 * finishes the buffer when the socket is writable again. Until then {@link #isReady()} is false, and then
 * the listener's {@code onWritePossible} is called, on a Jetty thread. Nothing is buffered here, so
 * {@link #flush()} has nothing to do.
 */
final class JettyEndPointOutput extends ServletOutputStream implements GatheringOutput {
    private final EndPoint endPoint;
    private final AtomicBoolean writing = new AtomicBoolean();
    private final Callback written = Callback.from(this::onWritten, this::onWriteFailed);
    private volatile WriteListener listener;
    private volatile IOException failure;

    JettyEndPointOutput(EndPoint endPoint) {
        this.endPoint = endPoint;
    }

    @Override
    public void setWriteListener(WriteListener writeListener) {
        this.listener = writeListener;
    }

    @Override
    public boolean isReady() {
        return !writing.get();
    }

    /** Takes the buffer; its position reaches its limit by the time {@link #isReady()} is true again. */
    @Override
    public void write(ByteBuffer buffer) throws IOException {
        if (!writing.compareAndSet(false, true)) {
            throw new WritePendingException();
        }
        start(buffer);
    }

    @Override
    public boolean writeAll(ByteBuffer[] buffers) throws IOException {
        if (!writing.compareAndSet(false, true)) {
            return false; // onWritePossible follows the unfinished write
        }
        return start(buffers);
    }

    /** Writes what the socket takes now (one gathering write); leaves the rest to Jetty. Called holding {@code writing}. */
    private boolean start(ByteBuffer... buffers) throws IOException {
        if (failure != null) {
            writing.set(false);
            throw failure;
        }
        boolean flushed;
        try {
            flushed = endPoint.flush(buffers);
        } catch (IOException e) {
            failure = e;
            writing.set(false);
            throw e;
        }
        if (flushed) {
            writing.set(false);
            return true;
        }
        endPoint.write(written, buffers); // Jetty writes the rest as the socket takes it
        return false;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        write(ByteBuffer.wrap(bytes, offset, length));
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void flush() throws IOException {
        if (failure != null) {
            throw failure;
        }
    }

    private void onWritten() {
        writing.set(false);
        WriteListener current = listener;
        if (current != null) {
            try {
                current.onWritePossible();
            } catch (IOException | RuntimeException e) {
                current.onError(e);
            }
        }
    }

    private void onWriteFailed(Throwable cause) {
        failure = cause instanceof IOException io ? io : new IOException(cause);
        writing.set(false);
        WriteListener current = listener;
        if (current != null) {
            current.onError(cause);
        }
    }

    @Override
    public void close() {
        endPoint.close();
    }
}
