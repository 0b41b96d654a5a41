package dev.duplex.engine.testkit;

import dev.duplex.engine.Callback;
import dev.duplex.engine.ClosePayload;
import dev.duplex.engine.FrameParser;
import dev.duplex.engine.Limits;
import dev.duplex.engine.OpCode;
import dev.duplex.engine.ProtocolException;
import dev.duplex.engine.Role;
import dev.duplex.engine.Transport;
import dev.duplex.engine.WebSocketConnection;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A {@link Transport} that records instead of doing I/O: every write (a snapshot of its bytes
 * taken at the call, the buffers themselves, and its callback, which stays pending until the test
 * completes it), every {@link #close()} and every {@link #resumeReading()}.
 *
 * <p>Optionally it behaves like a transport that ends at once: {@link #closeSynchronously(WebSocketConnection)}
 * makes {@code close()} report {@link WebSocketConnection#onTransportClosed(Throwable)} before returning.
 */
public final class RecordingTransport implements Transport {

    /** One call to {@link #write}. */
    public record Write(ByteBuffer[] buffers, byte[] snapshot, Callback callback) {
    }

    private final List<Write> writes = new ArrayList<>();
    private int completed;
    private int closeCalls;
    private int abortCalls;
    private int resumeReadingCalls;
    private WebSocketConnection reportClosedTo;

    @Override
    public synchronized void write(ByteBuffer[] buffers, Callback callback) {
        ByteArrayOutputStream snapshot = new ByteArrayOutputStream();
        for (ByteBuffer buffer : buffers) {
            snapshot.writeBytes(Hex.toArray(buffer));
        }
        writes.add(new Write(buffers.clone(), snapshot.toByteArray(), callback));
    }

    @Override
    public synchronized void resumeReading() {
        resumeReadingCalls++;
    }

    @Override
    public void close() {
        synchronized (this) {
            closeCalls++;
        }
        reportEnd();
    }

    /** Counted apart from {@link #close()} calls; reports the end as {@code close} does. */
    @Override
    public void abort() {
        synchronized (this) {
            abortCalls++;
        }
        reportEnd();
    }

    private void reportEnd() {
        WebSocketConnection connection;
        synchronized (this) {
            connection = reportClosedTo;
        }
        if (connection != null) {
            connection.onTransportClosed(null);
        }
    }

    public synchronized int abortCalls() {
        return abortCalls;
    }

    /** From now on, {@link #close()} calls {@code connection.onTransportClosed(null)} before it returns. */
    public synchronized void closeSynchronously(WebSocketConnection connection) {
        this.reportClosedTo = connection;
    }

    public synchronized List<Write> writes() {
        return List.copyOf(writes);
    }

    public synchronized int closeCalls() {
        return closeCalls;
    }

    public synchronized int resumeReadingCalls() {
        return resumeReadingCalls;
    }

    /** Every byte written so far, in order. */
    public synchronized byte[] written() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Write write : writes) {
            all.writeBytes(write.snapshot());
        }
        return all.toByteArray();
    }

    /**
     * The written bytes parsed back by a peer: a parser of the other role, so a client's output
     * must be masked and a server's must not. Fails if the bytes are not valid frames.
     */
    public List<ParsedFrame> frames(Role writerRole) {
        Role peer = writerRole == Role.CLIENT ? Role.SERVER : Role.CLIENT;
        Limits roomy = Limits.builder().maxTextMessageSize(Limits.UNLIMITED).maxBinaryMessageSize(Limits.UNLIMITED)
                .allowedRsv(7).build();
        return Feeder.allAtOnce().parseAll(new FrameParser(peer, roomy), ByteBuffer.wrap(written()));
    }

    /** The written frames as canonical unmasked hex (see {@link ParsedFrame#wireHex()}). */
    public List<String> framesHex(Role writerRole) {
        return frames(writerRole).stream().map(ParsedFrame::wireHex).toList();
    }

    /** The close frames written, decoded. */
    public List<ClosePayload> closeFrames(Role writerRole) {
        List<ClosePayload> closes = new ArrayList<>();
        for (ParsedFrame frame : frames(writerRole)) {
            if (frame.opcode() == OpCode.CLOSE) {
                try {
                    closes.add(ClosePayload.parse(ByteBuffer.wrap(frame.payload())));
                } catch (ProtocolException e) {
                    throw new AssertionError("wrote an invalid close frame " + frame, e);
                }
            }
        }
        return closes;
    }

    /** How many write callbacks have not been completed yet. */
    public synchronized int pendingCallbacks() {
        return writes.size() - completed;
    }

    /** Completes the oldest pending write successfully. */
    public void succeedNext() {
        nextPending().succeeded();
    }

    /** Fails the oldest pending write. */
    public void failNext(Throwable cause) {
        nextPending().failed(cause);
    }

    /** Completes every pending write successfully, oldest first. */
    public void succeedAll() {
        while (pendingCallbacks() > 0) {
            succeedNext();
        }
    }

    private synchronized Callback nextPending() {
        if (completed == writes.size()) {
            throw new AssertionError("no write is pending");
        }
        return writes.get(completed++).callback();
    }

    /**
     * Whether every written buffer still holds the bytes it held when it was written. A transport
     * may queue buffers and write them later, so the engine must not hand it buffers it reuses.
     */
    public synchronized boolean buffersUnchangedSinceWritten() {
        for (Write write : writes) {
            ByteArrayOutputStream now = new ByteArrayOutputStream();
            for (ByteBuffer buffer : write.buffers()) {
                now.writeBytes(Hex.toArray(buffer));
            }
            if (!Arrays.equals(now.toByteArray(), write.snapshot())) {
                return false;
            }
        }
        return true;
    }
}
