package dev.duplex.endpoint.session;

import jakarta.websocket.PongMessage;
import java.nio.ByteBuffer;

/** A received pong (RFC 6455 section 5.5.3) as the API presents it; owns a copy of the payload. Immutable. */
final class DuplexPongMessage implements PongMessage {
    private final ByteBuffer data;

    DuplexPongMessage(ByteBuffer data) {
        this.data = data;
    }

    /** A fresh view of the payload each call, so readers do not move each other's position. */
    @Override
    public ByteBuffer getApplicationData() {
        return data.duplicate();
    }

    @Override
    public String toString() {
        return "PongMessage[" + data.remaining() + " bytes]";
    }
}
