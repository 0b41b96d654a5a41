package dev.duplex.engine;

import java.io.EOFException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One RFC 6455 connection over a {@link Transport}: received bytes become validated messages
 * for a {@link ConnectionListener}; sends become frames in order; the close handshake and
 * failing the connection follow section 7.
 *
 * <p>Receiving: {@link #receive(ByteBuffer)} is called by one transport thread at a time. It
 * checks text for UTF-8 across fragments (section 8.1), answers pings (section 5.5.2) and
 * close frames (section 5.5.1), and on any violation fails the connection with the close
 * code the violation names (section 7.1.7). After this end's close frame is sent, data frames
 * are discarded; only the peer's close frame is waited for.
 *
 * <p>Sending: the send methods may be called from any thread; frames reach the transport in
 * the order the calls took effect. Fragments of one outgoing message may not be interleaved
 * with another data message (section 5.4): that is an {@link IllegalStateException}. Sends
 * after this end's close frame fail their callback with {@link ConnectionClosedException}.
 */
public final class WebSocketConnection {
    private static final System.Logger LOG = System.getLogger(WebSocketConnection.class.getName());
    private static final int NO_MESSAGE = -1;
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final FrameParser parser;
    private final FrameWriter writer;
    private final Transport transport;
    private final ConnectionListener listener;
    private final Extensions extensions;

    // Receiving side: touched by the receiving thread only.
    private final Utf8Validator utf8 = new Utf8Validator();
    private int incomingMessage = NO_MESSAGE;
    /** The RSV bits of the incoming message's first frame: which extensions transformed it. */
    private int incomingRsv;
    /** Set by the listener, cleared from any thread; only the clearing call resumes the transport. */
    private final AtomicBoolean readingPaused = new AtomicBoolean();

    // Sending side and close state: guarded by writeLock.
    private final Object writeLock = new Object();
    private volatile CloseState state = CloseState.OPEN;
    private int outgoingMessage = NO_MESSAGE;
    /** The RSV bits of the extensions transforming the outgoing message. */
    private int outgoingRsv;
    private ClosePayload peerClose;
    /** The close this end failed the connection with (section 7.1.7), or null. */
    private ClosePayload failedWith;
    /** Whether this end started the closing handshake or aborted the connection; see {@link #isCloseStartedHere()}. */
    private volatile boolean closeStartedHere;

    private final AtomicBoolean closedReported = new AtomicBoolean();

    public WebSocketConnection(FrameWriter writer, Limits limits, Transport transport, ConnectionListener listener) {
        this(writer, limits, transport, listener, Extensions.NONE);
    }

    /** A connection with the extensions its opening handshake agreed on. */
    public WebSocketConnection(FrameWriter writer, Limits limits, Transport transport, ConnectionListener listener,
            Extensions extensions) {
        this.writer = writer;
        this.extensions = extensions;
        this.parser = new FrameParser(writer.role() == Role.CLIENT ? Role.CLIENT : Role.SERVER, withExtensionBits(limits));
        this.transport = transport;
        this.listener = listener;
    }

    /** The extensions in use, as negotiated. */
    public Extensions extensions() {
        return extensions;
    }

    public Role role() {
        return writer.role();
    }

    public Limits limits() {
        return parser.limits();
    }

    /** Replaces the receive limits; they apply from the next frame header. */
    public void setLimits(Limits limits) {
        parser.setLimits(withExtensionBits(limits));
    }

    /** Section 5.2: the RSV bits of the negotiated extensions may be set, whatever the limits say. */
    private Limits withExtensionBits(Limits limits) {
        int allowed = limits.allowedRsv() | extensions.rsv();
        return allowed == limits.allowedRsv() ? limits : limits.toBuilder().allowedRsv(allowed).build();
    }

    /** Whether data may still be sent: this end has not sent its close frame. */
    public boolean isOutputOpen() {
        return state.canSendData();
    }

    /** Bytes written to the transport and not yet taken by the network ({@link Transport#queuedBytes()}). */
    public long queuedBytes() {
        return transport.queuedBytes();
    }

    /** Whether the connection has ended: close frames exchanged, failed, or the transport gone. */
    public boolean isClosed() {
        return state == CloseState.CLOSED;
    }

    /**
     * Whether this end started the end of the connection: it sent its close frame before the peer's arrived (it
     * "started the WebSocket closing handshake", section 7.1.3), or {@link #abort() aborted} the connection. False
     * when the peer's close frame came first, when the transport ended on its own, and when this end failed the
     * connection for something the peer sent (section 7.1.7): then the peer caused the end. A client that reconnects
     * after a dropped connection tells its own closes apart from the server's with it.
     */
    public boolean isCloseStartedHere() {
        return closeStartedHere;
    }

    // ---------------------------------------------------------------- receiving

    /**
     * Parses and delivers the frames in {@code in}. Returns when the buffer is used up, or when
     * the listener paused reading: then the bytes from {@code in}'s position on are not consumed,
     * and the transport hands them in again after {@link Transport#resumeReading()}.
     */
    public void receive(ByteBuffer in) {
        try {
            while (in.hasRemaining() && !readingPaused.get() && state != CloseState.CLOSED) {
                Frame frame = parser.parse(in);
                if (frame == null) {
                    return;
                }
                deliver(frame);
            }
        } catch (ProtocolException e) {
            LOG.log(Level.DEBUG, () -> "failing " + writer.role() + " connection: " + e.getMessage()
                    + " (close code " + e.closeCode() + ")");
            fail(new ClosePayload(e.closeCode(), e.closeReason()), e);
        } catch (RuntimeException e) {
            // A bug in the listener, not the peer's fault: the peer still learns why the connection ends
            // (section 7.4.1, 1011: an unexpected condition) instead of seeing the socket drop.
            LOG.log(Level.WARNING, "failing " + writer.role() + " connection with "
                    + CloseStatus.INTERNAL_ERROR + ": its listener threw", e);
            fail(new ClosePayload(CloseStatus.INTERNAL_ERROR, "internal error"), e);
        }
        if (state == CloseState.CLOSED) {
            // Section 7.1.7: once the connection is failed or closed, input is discarded.
            in.position(in.limit());
        }
    }

    /** Stops delivery after the current frame, until {@link #resumeReading()}. Called from a listener callback. */
    public void pauseReading() {
        readingPaused.set(true);
    }

    /**
     * Lets delivery go on; the transport then hands in what it holds and reads more. May be called
     * from any thread, also while {@link #receive} runs (see {@link Transport#resumeReading()}).
     */
    public void resumeReading() {
        // Two threads resuming at once must not both hand the transport's held bytes in again.
        if (readingPaused.compareAndSet(true, false)) {
            transport.resumeReading();
        }
    }

    public boolean isReadingPaused() {
        return readingPaused.get();
    }

    private void deliver(Frame frame) throws ProtocolException {
        switch (frame.opcode()) {
            case OpCode.TEXT, OpCode.BINARY -> {
                extensions.checkReceived(frame, true);
                incomingMessage = frame.opcode();
                incomingRsv = frame.rsv();
                utf8.reset();
                deliverData(frame);
            }
            case OpCode.CONTINUATION -> {
                extensions.checkReceived(frame, false);
                deliverData(frame);
            }
            default -> {
                extensions.checkReceived(frame, false);
                deliverControl(frame);
            }
        }
    }

    private void deliverControl(Frame frame) throws ProtocolException {
        switch (frame.opcode()) {
            case OpCode.PING -> {
                if (state.canSendData()) {
                    sendControl(OpCode.PONG, copyOf(frame.payload()), Callback.NOOP);
                }
                listener.onPing(frame.payload());
            }
            case OpCode.PONG -> listener.onPong(frame.payload());
            case OpCode.CLOSE -> onCloseFrame(ClosePayload.parse(frame.payload()));
            default -> throw new IllegalStateException("the parser let through " + frame);
        }
    }

    private void deliverData(Frame frame) throws ProtocolException {
        int kind = incomingMessage;
        if (frame.fin()) {
            incomingMessage = NO_MESSAGE;
        }
        if ((incomingRsv & extensions.rsv()) == 0) {
            deliverMessageData(kind, frame.payload(), frame.fin(), frame.asciiPrefix());
            return;
        }
        // Decoded even after our close frame went out: the peer's later messages may build on this one's
        // context (RFC 7692 section 7.2.3.2), and what is decoded is then discarded below.
        Limits limits = parser.limits();
        boolean text = kind == OpCode.TEXT;
        extensions.decode(incomingRsv, frame.payload(), frame.fin(),
                text ? limits.maxTextMessageSize() : limits.maxBinaryMessageSize(),
                text ? Violation.TEXT_MESSAGE_TOO_LARGE : Violation.BINARY_MESSAGE_TOO_LARGE,
                (fragment, last) -> deliverMessageData(kind, fragment, last, 0));
    }

    /** A fragment of the message as the application sees it: checked, then handed to the listener. */
    private void deliverMessageData(int kind, ByteBuffer payload, boolean last, int asciiPrefix)
            throws ProtocolException {
        if (kind == OpCode.TEXT) {
            // Section 8.1: fail at the first invalid byte, not at the end of the message. The bytes the parser
            // saw to be ASCII while unmasking need no second look.
            int invalidAt = utf8.validate(payload, asciiPrefix);
            if (invalidAt >= 0) {
                throw new ProtocolException(Violation.TEXT_INVALID_UTF8,
                        "at byte " + (invalidAt - payload.position()) + " of a frame");
            }
            if (last && !utf8.isComplete()) {
                throw new ProtocolException(Violation.TEXT_INVALID_UTF8, "message ends inside a character");
            }
        }
        if (!state.canReceiveData()) {
            return; // our close frame is out; section 7.1.2 leaves these to be discarded
        }
        if (kind == OpCode.TEXT) {
            listener.onText(payload, last);
        } else {
            listener.onBinary(payload, last);
        }
    }

    private void onCloseFrame(ClosePayload close) {
        boolean closeTransport;
        synchronized (writeLock) {
            peerClose = close;
            CloseState before = state;
            state = before.afterReceivingClose();
            if (before == CloseState.OPEN) {
                // Section 5.5.1: reply with a close frame, echoing the status code received.
                ClosePayload reply = close.code() == CloseStatus.NO_STATUS_RECEIVED
                        ? ClosePayload.EMPTY : new ClosePayload(close.code(), "");
                transport.write(writer.frameBuffers(true, 0, OpCode.CLOSE, reply.encode()), Callback.NOOP);
                state = CloseState.CLOSED;
            }
            closeTransport = state == CloseState.CLOSED;
        }
        if (closeTransport) {
            // Section 7.1.1: both close frames are exchanged; the TCP connection may go, the server's end first.
            transport.closeAfterHandshake();
            reportClosed(close);
        }
    }

    /**
     * Fails the connection (section 7.1.7): close frame with {@code close} if we still can, then the listener's
     * {@code onFailure}, then the transport and {@code onClosed}. The close frame goes first so that nothing the
     * listener sends in reaction (an application's error handler answering with a message, say) can reach the peer
     * ahead of it: the connection is already failed, and such sends fail with {@link ConnectionClosedException}.
     */
    private void fail(ClosePayload close, Throwable cause) {
        synchronized (writeLock) {
            if (state.canSendData()) {
                transport.write(writer.frameBuffers(true, 0, OpCode.CLOSE, close.encode()), Callback.NOOP);
            }
            state = CloseState.CLOSED;
            failedWith = close;
        }
        reportFailure(cause);
        // The transport may report onTransportClosed from inside close(); failedWith makes that
        // report this code too, rather than an abnormal closure.
        transport.close();
        reportClosed(close);
    }

    /**
     * The transport has ended, normally or not. Without a close frame from the peer this is an
     * abnormal closure, reported as 1006 (section 7.1.5).
     */
    public void onTransportClosed(Throwable cause) {
        ClosePayload close;
        synchronized (writeLock) {
            state = CloseState.CLOSED;
            close = peerClose != null ? peerClose : failedWith;
        }
        if (close == null) {
            if (cause == null && !parser.isBetweenMessages()) {
                // A connection that ends inside a frame or a fragmented message failed, whatever the transport saw
                // (Jetty reports a reset as an end of input): the endpoint hears of it (Session javadoc: a socket
                // failure before the connection is formally closed goes to onError).
                cause = new EOFException("the connection ended in the middle of a message");
            }
            if (cause != null && !closedReported.get()) {
                reportFailure(cause);
            }
            String reason = cause == null || cause.getMessage() == null ? "" : cause.getMessage();
            close = new ClosePayload(CloseStatus.ABNORMAL_CLOSURE, reason);
        }
        reportClosed(close);
    }

    /** Calls {@code onFailure}; the connection is failing already, so what it throws is only logged. */
    private void reportFailure(Throwable cause) {
        try {
            listener.onFailure(cause);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the listener of a failed " + writer.role() + " connection threw", e);
        }
    }

    /**
     * Calls {@code onClosed} once, and frees the extensions' state; the connection has ended, so what
     * {@code onClosed} throws is only logged.
     */
    private void reportClosed(ClosePayload close) {
        if (closedReported.compareAndSet(false, true)) {
            extensions.release();
            try {
                listener.onClosed(close);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "the listener of a closed " + writer.role() + " connection threw", e);
            }
        }
    }

    // ---------------------------------------------------------------- sending

    /** Sends a text message or a fragment of one; {@code utf8} must hold UTF-8 (the caller encoded it). */
    public void sendText(ByteBuffer utf8, boolean last, Callback callback) {
        sendData(OpCode.TEXT, utf8, last, callback);
    }

    /** Sends a binary message or a fragment of one. */
    public void sendBinary(ByteBuffer data, boolean last, Callback callback) {
        sendData(OpCode.BINARY, data, last, callback);
    }

    private void sendData(int opcode, ByteBuffer payload, boolean last, Callback callback) {
        synchronized (writeLock) {
            if (!state.canSendData()) {
                callback.failed(new ConnectionClosedException("the close frame has been sent; no more data may follow"));
                return;
            }
            int wireOpcode;
            boolean first = outgoingMessage == NO_MESSAGE;
            if (first) {
                wireOpcode = opcode;
                outgoingRsv = extensions.isEmpty() ? 0 : extensions.encodingRsv(payload, last);
            } else if (outgoingMessage == opcode) {
                wireOpcode = OpCode.CONTINUATION;
            } else {
                throw new IllegalStateException("a fragmented " + OpCode.name(outgoingMessage)
                        + " message is being sent; a " + OpCode.name(opcode)
                        + " message cannot start before its last fragment (RFC 6455 section 5.4)");
            }
            outgoingMessage = last ? NO_MESSAGE : opcode;
            ByteBuffer wirePayload = outgoingRsv == 0 ? payload : extensions.encode(outgoingRsv, payload, last);
            // An extension's bits go on the message's first frame only (RFC 7692 section 6).
            transport.write(writer.frameBuffers(last, first ? outgoingRsv : 0, wireOpcode, wirePayload), callback);
        }
    }

    /** Whether a fragmented outgoing message has been started and not finished. */
    public boolean isSendingFragmentedMessage() {
        synchronized (writeLock) {
            return outgoingMessage != NO_MESSAGE;
        }
    }

    /**
     * Sends a ping; the payload is at most 125 bytes.
     *
     * @throws IllegalArgumentException when the payload is longer
     */
    public void sendPing(ByteBuffer data, Callback callback) {
        sendControl(OpCode.PING, data, callback);
    }

    /** Sends an unsolicited pong (section 5.5.3); the payload is at most 125 bytes. */
    public void sendPong(ByteBuffer data, Callback callback) {
        sendControl(OpCode.PONG, data, callback);
    }

    private void sendControl(int opcode, ByteBuffer payload, Callback callback) {
        ByteBuffer[] frame = writer.frameBuffers(true, 0, opcode, payload);
        synchronized (writeLock) {
            if (!state.canSendData()) {
                callback.failed(new ConnectionClosedException("the close frame has been sent; no more frames may follow"));
                return;
            }
            transport.write(frame, callback);
        }
    }

    /**
     * Starts the close handshake with this code and reason (section 7.1.2), or completes it if
     * the peer's close frame already arrived. A second call does nothing but succeed.
     *
     * @throws IllegalArgumentException when the code may not be sent or the reason is too long
     */
    public void close(ClosePayload close, Callback callback) {
        ByteBuffer payload = close.encode();
        boolean closeTransport;
        synchronized (writeLock) {
            if (!state.canSendData()) {
                callback.succeeded();
                return;
            }
            if (state == CloseState.OPEN) {
                closeStartedHere = true;
            }
            state = state.afterSendingClose();
            transport.write(writer.frameBuffers(true, 0, OpCode.CLOSE, payload), callback);
            closeTransport = state == CloseState.CLOSED;
        }
        if (closeTransport) {
            transport.close();
            reportClosed(peerClose);
        }
    }

    /**
     * Ends the connection at once, without a close handshake and without waiting for queued writes (which fail), as
     * when a close times out: a peer that does not answer may also have stopped reading.
     */
    public void abort() {
        synchronized (writeLock) {
            if (state != CloseState.CLOSED) {
                closeStartedHere = true;
            }
            state = CloseState.CLOSED;
        }
        transport.abort();
    }

    private static ByteBuffer copyOf(ByteBuffer data) {
        if (!data.hasRemaining()) {
            return EMPTY;
        }
        ByteBuffer copy = ByteBuffer.allocate(data.remaining());
        copy.put(0, data, data.position(), data.remaining());
        return copy;
    }
}
