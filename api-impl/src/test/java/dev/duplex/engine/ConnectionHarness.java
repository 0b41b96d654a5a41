package dev.duplex.engine;

import dev.duplex.engine.testkit.Hex;
import dev.duplex.engine.testkit.RecordingListener;
import dev.duplex.engine.testkit.RecordingTransport;
import dev.duplex.engine.testkit.Wire;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A {@link WebSocketConnection} of one role wired to a recording transport and listener. The
 * peer's frames are written unmasked in hex and put on the wire as that peer would (masked when
 * the peer is a client); what the connection sends is read back by a parser of the peer's role,
 * which also proves a client masked it.
 */
final class ConnectionHarness {
    final Role role;
    final RecordingTransport transport = new RecordingTransport();
    final RecordingListener listener = new RecordingListener();
    final WebSocketConnection connection;

    ConnectionHarness(Role role) {
        this(role, Limits.DEFAULT);
    }

    ConnectionHarness(Role role, Limits limits) {
        this(role, limits, Extensions.NONE);
    }

    ConnectionHarness(Role role, Limits limits, Extensions extensions) {
        this.role = role;
        Random keys = new Random(42);
        FrameWriter writer = role == Role.CLIENT ? new FrameWriter(Role.CLIENT, keys::nextInt) : FrameWriter.server();
        this.connection = new WebSocketConnection(writer, limits, transport, listener, extensions);
    }

    /** The peer's frames, given unmasked, as they arrive on the wire. */
    ByteBuffer fromPeer(String unmaskedHex) {
        return Wire.fromPeer(role == Role.SERVER, unmaskedHex);
    }

    /** Hands the peer's frames to the connection in one buffer; returns the buffer to look at what is left. */
    ByteBuffer receive(String unmaskedHex) {
        ByteBuffer in = fromPeer(unmaskedHex);
        connection.receive(in);
        return in;
    }

    /** Hands bytes to the connection exactly as given. */
    ByteBuffer receiveRaw(String hex) {
        ByteBuffer in = Hex.buffer(hex);
        connection.receive(in);
        return in;
    }

    /** Hands the peer's frames to the connection one byte per call. */
    void receiveByteByByte(String unmaskedHex) {
        ByteBuffer all = fromPeer(unmaskedHex);
        for (int i = 0; i < all.limit(); i++) {
            ByteBuffer one = all.slice(i, 1);
            connection.receive(one);
            if (one.hasRemaining() && !connection.isReadingPaused()) {
                throw new AssertionError("receive left byte " + i + " unconsumed without pausing");
            }
        }
    }

    /** What the connection wrote, frame by frame, as unmasked canonical hex ("8a05 48656c6c6f"). */
    List<String> sent() {
        return transport.framesHex(role);
    }

    List<ClosePayload> sentCloses() {
        return transport.closeFrames(role);
    }

    List<String> events() {
        return listener.events();
    }

    /** A callback that records how it completed, as "succeeded" or "failed SimpleName: message". */
    static final class RecordingCallback implements Callback {
        final List<String> outcomes = new ArrayList<>();
        Throwable cause;

        @Override
        public synchronized void succeeded() {
            outcomes.add("succeeded");
        }

        @Override
        public synchronized void failed(Throwable cause) {
            this.cause = cause;
            outcomes.add("failed " + cause.getClass().getSimpleName());
        }
    }
}
