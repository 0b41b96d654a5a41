package dev.duplex.endpoint.coder;

import java.nio.ByteBuffer;

/** An object turned into a message by {@link Encoders}: text or binary. */
public sealed interface Encoded {

    /** A text message. */
    record Text(String text) implements Encoded {
    }

    /** A binary message. */
    record Binary(ByteBuffer data) implements Encoded {
    }
}
