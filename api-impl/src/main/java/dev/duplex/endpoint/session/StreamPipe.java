package dev.duplex.endpoint.session;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Carries one incoming message, fragment by fragment, from the receiving thread to a handler
 * that reads it as a stream on another thread, without ever holding the whole message.
 *
 * <p>The writer (the receiving thread, inside a connection listener call) copies each fragment
 * in; once more than {@link #WINDOW} bytes wait unread it pauses reading on the connection, and
 * the reader resumes it when it has taken the backlog down to half of that. So at most the
 * window plus one frame is held. When the last fragment is in, the writer pauses reading until
 * the handler is done ({@link #finish()}), so that the next message is not delivered before the
 * handler returned (Jakarta WebSocket 2.2 section 5.1, WSC-5.1-5).
 *
 * <p>When the handler returns, {@link #consumerDone()} discards what it left unread and the
 * rest of the message as it arrives. When the connection ends before the last fragment,
 * {@link #fail(IOException)} makes the reader's next read throw.
 *
 * <p>Thread-safe: one writer thread and one reader thread at a time. The pipe pauses the
 * connection while it holds its lock, and resumes it after letting go: a pause decided on the
 * writer's thread is then in place before the reader can see it and resume, so a handler that
 * finishes the instant the last fragment arrives cannot leave the connection paused for good.
 * The lock is a {@link ReentrantLock}, not a monitor: a reader waiting in {@code Object.wait} on a
 * virtual thread would hold its carrier thread on JDK 21 to 23.
 */
final class StreamPipe {
    /** Unread bytes above which the writer pauses the connection: 64 KiB. */
    static final int WINDOW = 64 * 1024;

    /** Pausing and resuming the connection's reading. */
    interface FlowControl {
        /** Pauses reading; called with the pipe's lock held, so it must only note the pause, never block. */
        void pause();

        void resume();
    }

    private final FlowControl flow;
    private final Input input = new Input();
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when bytes arrive, the message ends or fails, or the consumer is done. */
    private final Condition changed = lock.newCondition();

    // Guarded by lock.
    private final ArrayDeque<ByteBuffer> chunks = new ArrayDeque<>();
    private long buffered;
    private boolean finished;
    private IOException failure;
    private boolean consumerDone;
    private boolean pausedForSpace;
    private boolean pausedForConsumer;

    StreamPipe(FlowControl flow) {
        this.flow = flow;
    }

    /** The stream the handler reads. */
    InputStream input() {
        return input;
    }

    // ---------------------------------------------------------------- writer side

    /** Copies a fragment in; pauses the connection when the reader is behind by more than the window. */
    void write(ByteBuffer fragment) {
        lock.lock();
        try {
            if (consumerDone || failure != null || !fragment.hasRemaining()) {
                return;
            }
            ByteBuffer copy = ByteBuffer.allocate(fragment.remaining());
            copy.put(fragment.duplicate()).flip();
            chunks.add(copy);
            buffered += copy.remaining();
            if (buffered > WINDOW && !pausedForSpace) {
                pausedForSpace = true;
                flow.pause();
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The last fragment is in. Pauses the connection until the handler is done, unless it already is.
     */
    void finish() {
        lock.lock();
        try {
            finished = true;
            if (!consumerDone && !pausedForConsumer) {
                pausedForConsumer = true;
                if (!pausedForSpace) { // already paused otherwise
                    flow.pause();
                }
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The connection ended before the last fragment: the reader's next read throws {@code cause}. */
    void fail(IOException cause) {
        lock.lock();
        try {
            if (!finished && failure == null) {
                failure = cause;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- reader side

    /**
     * The handler returned: unread bytes and the rest of the message are discarded, and the
     * connection resumes if the pipe paused it.
     */
    void consumerDone() {
        boolean resume;
        lock.lock();
        try {
            consumerDone = true;
            chunks.clear();
            buffered = 0;
            resume = pausedForSpace || pausedForConsumer;
            pausedForSpace = false;
            pausedForConsumer = false;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (resume) {
            flow.resume();
        }
    }

    /** Bytes written in and not yet read. */
    long buffered() {
        lock.lock();
        try {
            return buffered;
        } finally {
            lock.unlock();
        }
    }

    private int read(byte[] bytes, int offset, int length) throws IOException {
        boolean resume = false;
        int count;
        lock.lock();
        try {
            while (chunks.isEmpty() && !finished && failure == null && !consumerDone) {
                try {
                    changed.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for the rest of the message");
                }
            }
            if (chunks.isEmpty()) {
                if (failure != null && !consumerDone) {
                    throw failure;
                }
                return -1;
            }
            ByteBuffer head = chunks.peek();
            count = Math.min(length, head.remaining());
            head.get(bytes, offset, count);
            if (!head.hasRemaining()) {
                chunks.poll();
            }
            buffered -= count;
            if (pausedForSpace && buffered <= WINDOW / 2) {
                pausedForSpace = false;
                // Paused at the last fragment too: stay paused until the handler is done.
                resume = !pausedForConsumer;
            }
        } finally {
            lock.unlock();
        }
        if (resume) {
            flow.resume();
        }
        return count;
    }

    /** The handler's view: reads block until bytes arrive, the message ends, or the connection fails. */
    private final class Input extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int count = StreamPipe.this.read(one, 0, 1);
            return count < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            java.util.Objects.checkFromIndexSize(offset, length, bytes.length);
            if (length == 0) {
                return 0;
            }
            return StreamPipe.this.read(bytes, offset, length);
        }

        @Override
        public int available() {
            long available = buffered();
            return (int) Math.min(available, Integer.MAX_VALUE);
        }
    }
}
