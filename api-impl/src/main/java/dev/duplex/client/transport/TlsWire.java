package dev.duplex.client.transport;

import java.io.EOFException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

/**
 * TLS over a non-blocking socket with an {@link SSLEngine} in client mode: the handshake,
 * then records unwrapped into {@link #plaintext()} and application bytes wrapped out.
 *
 * <p>Buffers: {@code netIn} holds received records not yet unwrapped (read mode between calls),
 * {@code netOut} encrypted bytes not yet written (read mode, guarded by {@code wrapLock}). A
 * {@code BUFFER_UNDERFLOW} reads more, growing {@code netIn} to the session's packet size if a
 * record cannot fit; a {@code BUFFER_OVERFLOW} hands out the plaintext already there, or grows
 * the plaintext buffer to the session's application size. Delegated tasks ({@code NEED_TASK})
 * run inline on the thread that met them: on a client they are few and short (certificate checks
 * of one handshake).
 *
 * <p>Thread-safety: as {@link Wire}. {@link SSLEngine} lets wrap and unwrap run concurrently;
 * every wrap, including one the reading side needs for a post-handshake message (a TLS 1.3
 * KeyUpdate reply, a renegotiation), happens under {@code wrapLock}.
 */
final class TlsWire implements Wire {
    private static final System.Logger LOG = System.getLogger(TlsWire.class.getName());
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    private static final ByteBuffer[] NOTHING = {EMPTY};

    /** What the handshake waits for. */
    enum Step { NEED_READ, NEED_WRITE, DONE }

    private final SocketChannel channel;
    private final SSLEngine engine;
    private final Object wrapLock = new Object();
    private ByteBuffer netIn;
    private ByteBuffer plaintext;
    private ByteBuffer netOut; // guarded by wrapLock
    private volatile boolean pendingOutput;
    private volatile boolean writeBlockedOnHandshake;
    private boolean inboundDone;

    /**
     * @param received bytes already read from the socket that belong to the TLS stream, such as
     *                 any that followed a proxy's answer to CONNECT
     */
    TlsWire(SocketChannel channel, SSLEngine engine, ByteBuffer received) {
        this.channel = channel;
        this.engine = engine;
        SSLSession session = engine.getSession();
        int packetSize = session.getPacketBufferSize();
        this.netIn = ByteBuffer.allocate(Math.max(packetSize, received.remaining())).put(received).flip();
        this.plaintext = ByteBuffer.allocate(session.getApplicationBufferSize()).flip();
        this.netOut = ByteBuffer.allocate(packetSize * 2).flip();
    }

    @Override
    public SSLSession sslSession() {
        return engine.getSession();
    }

    // ---------------------------------------------------------------- handshake (selector thread)

    /** Drives the handshake as far as the socket allows; call again when the step's readiness comes. */
    Step handshake() throws IOException {
        while (true) {
            if (!flush()) {
                return Step.NEED_WRITE;
            }
            HandshakeStatus status = engine.getHandshakeStatus();
            switch (status) {
                case NEED_TASK -> runDelegatedTasks();
                case NEED_WRAP -> wrapHandshakeData();
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    Status result = unwrapAvailable();
                    if (result == Status.CLOSED) {
                        throw new EOFException("the server ended TLS during the handshake");
                    }
                    if (result == Status.BUFFER_OVERFLOW) {
                        // Application data came with the handshake and nobody has taken it yet: keep it, make room.
                        int more = engine.getSession().getApplicationBufferSize();
                        plaintext = ByteBuffer.allocate(plaintext.capacity() + more).put(plaintext).flip();
                    }
                    if (result == Status.BUFFER_UNDERFLOW && engine.getHandshakeStatus() == status) {
                        int read = readNet();
                        if (read < 0) {
                            throw new EOFException("the server closed the connection during the TLS handshake");
                        }
                        if (read == 0) {
                            return Step.NEED_READ;
                        }
                    }
                }
                case FINISHED, NOT_HANDSHAKING -> {
                    return Step.DONE;
                }
                default -> throw new SSLException("unexpected TLS handshake status " + status);
            }
        }
    }

    // ---------------------------------------------------------------- reading (selector thread)

    @Override
    public ByteBuffer plaintext() {
        return plaintext;
    }

    @Override
    public int fill() throws IOException {
        if (inboundDone) {
            return -1;
        }
        int before = plaintext.remaining();
        boolean readSocket = false;
        while (true) {
            Status result = unwrapAvailable();
            int produced = plaintext.remaining() - before;
            if (result == Status.CLOSED) {
                // The peer's close_notify: the stream ends here (RFC 8446 section 6.1).
                inboundDone = true;
                return produced > 0 ? produced : -1;
            }
            if (produced > 0 || result == Status.BUFFER_OVERFLOW || readSocket) {
                return produced;
            }
            readSocket = true;
            int read = readNet();
            if (read < 0) {
                inboundDone = true;
                try {
                    engine.closeInbound();
                } catch (SSLException truncated) {
                    // No close_notify before the TCP FIN. The WebSocket close handshake, not TLS,
                    // says whether the conversation was complete; the end of stream is reported as such.
                    LOG.log(Level.DEBUG, "TLS stream ended without close_notify: {0}", truncated.getMessage());
                }
                return -1;
            }
            if (read == 0) {
                return 0;
            }
        }
    }

    /** Unwraps records from netIn until it needs more bytes, has no room for plaintext, or TLS closes. */
    private Status unwrapAvailable() throws IOException {
        int idle = 0;
        while (true) {
            if (!netIn.hasRemaining()) {
                return Status.BUFFER_UNDERFLOW;
            }
            plaintext.compact();
            SSLEngineResult result;
            try {
                result = engine.unwrap(netIn, plaintext);
            } finally {
                plaintext.flip();
            }
            afterEngineCall(result.getHandshakeStatus());
            switch (result.getStatus()) {
                case OK -> {
                    if (result.bytesConsumed() == 0 && result.bytesProduced() == 0) {
                        if (++idle > 2) {
                            return Status.BUFFER_UNDERFLOW;
                        }
                    } else {
                        idle = 0;
                    }
                }
                case BUFFER_UNDERFLOW -> {
                    int packetSize = engine.getSession().getPacketBufferSize();
                    if (netIn.capacity() < packetSize) {
                        netIn = ByteBuffer.allocate(packetSize).put(netIn).flip();
                    }
                    return Status.BUFFER_UNDERFLOW;
                }
                case BUFFER_OVERFLOW -> {
                    if (plaintext.hasRemaining()) {
                        return Status.BUFFER_OVERFLOW; // hand out what is there first
                    }
                    int needed = engine.getSession().getApplicationBufferSize();
                    plaintext = ByteBuffer.allocate(Math.max(needed, plaintext.capacity() * 2)).flip();
                }
                case CLOSED -> {
                    return Status.CLOSED;
                }
                default -> throw new SSLException("unexpected unwrap status " + result.getStatus());
            }
        }
    }

    private int readNet() throws IOException {
        netIn.compact();
        if (!netIn.hasRemaining()) {
            netIn = ByteBuffer.allocate(netIn.capacity() * 2).put(netIn.flip());
        }
        try {
            return channel.read(netIn);
        } finally {
            netIn.flip();
        }
    }

    private void afterEngineCall(HandshakeStatus status) throws IOException {
        if (status == HandshakeStatus.NEED_TASK) {
            runDelegatedTasks();
        }
        if (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
            wrapHandshakeData();
        }
        if (writeBlockedOnHandshake && engine.getHandshakeStatus() != HandshakeStatus.NEED_UNWRAP) {
            writeBlockedOnHandshake = false;
        }
    }

    private void runDelegatedTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    /** Wraps what the engine wants to send of its own (handshake messages, alerts) and tries to write it. */
    private void wrapHandshakeData() throws IOException {
        synchronized (wrapLock) {
            while (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                if (!wrapOnce(NOTHING)) {
                    break;
                }
            }
            flushLocked();
        }
    }

    // ---------------------------------------------------------------- writing (any thread, one at a time)

    @Override
    public boolean write(ByteBuffer[] buffers) throws IOException {
        synchronized (wrapLock) {
            int idle = 0;
            while (true) {
                if (!hasRemaining(buffers)) {
                    return flushLocked();
                }
                int packetSize = engine.getSession().getPacketBufferSize();
                if (netOut.capacity() - netOut.remaining() < packetSize && !flushLocked()
                        && netOut.capacity() - netOut.remaining() < packetSize) {
                    return false;
                }
                HandshakeStatus before = engine.getHandshakeStatus();
                if (!wrapOnce(buffers)) {
                    if (engine.getHandshakeStatus() == HandshakeStatus.NEED_UNWRAP || ++idle > 2) {
                        // Renegotiation: the engine waits for the peer before it wraps more data.
                        writeBlockedOnHandshake = true;
                        flushLocked();
                        return false;
                    }
                } else {
                    idle = 0;
                }
                if (before == HandshakeStatus.NEED_TASK || engine.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                    runDelegatedTasks();
                }
            }
        }
    }

    /** One wrap into netOut; returns whether it consumed or produced anything. Caller holds wrapLock. */
    private boolean wrapOnce(ByteBuffer[] source) throws IOException {
        netOut.compact();
        SSLEngineResult result;
        try {
            result = engine.wrap(source, netOut);
        } finally {
            netOut.flip();
        }
        switch (result.getStatus()) {
            case OK -> {
                if (result.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                    runDelegatedTasks();
                }
                pendingOutput = netOut.hasRemaining();
                return result.bytesConsumed() > 0 || result.bytesProduced() > 0;
            }
            case BUFFER_OVERFLOW -> {
                if (netOut.hasRemaining()) {
                    return false; // room comes from flushing
                }
                int needed = engine.getSession().getPacketBufferSize();
                netOut = ByteBuffer.allocate(Math.max(needed, netOut.capacity() * 2)).flip();
                return true;
            }
            case CLOSED -> {
                pendingOutput = netOut.hasRemaining();
                if (result.bytesProduced() > 0) {
                    return true; // the close_notify itself
                }
                throw new SSLException("TLS output is closed; nothing more can be sent");
            }
            default -> throw new SSLException("unexpected wrap status " + result.getStatus());
        }
    }

    @Override
    public boolean flush() throws IOException {
        synchronized (wrapLock) {
            return flushLocked();
        }
    }

    private boolean flushLocked() throws IOException {
        while (netOut.hasRemaining()) {
            if (channel.write(netOut) == 0) {
                pendingOutput = true;
                return false;
            }
        }
        pendingOutput = false;
        return true;
    }

    @Override
    public boolean hasPendingOutput() {
        return pendingOutput;
    }

    @Override
    public boolean writeBlockedOnHandshake() {
        return writeBlockedOnHandshake;
    }

    /** Sends close_notify (RFC 8446 section 6.1) if the socket takes it now; never waits. */
    @Override
    public void shutdownOutput() {
        synchronized (wrapLock) {
            try {
                engine.closeOutbound();
                while (!engine.isOutboundDone()) {
                    netOut.compact();
                    SSLEngineResult result;
                    try {
                        result = engine.wrap(NOTHING, netOut);
                    } finally {
                        netOut.flip();
                    }
                    if (result.getStatus() == Status.BUFFER_OVERFLOW || result.bytesProduced() == 0) {
                        break;
                    }
                }
                flushLocked();
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "could not send TLS close_notify: {0}", e.getMessage());
            }
        }
    }

    private static boolean hasRemaining(ByteBuffer[] buffers) {
        for (ByteBuffer buffer : buffers) {
            if (buffer.hasRemaining()) {
                return true;
            }
        }
        return false;
    }
}
