package dev.duplex.endpoint.annotation;

/** How an {@code @OnMessage} method receives its messages (javadoc of {@code OnMessage}). */
public enum Delivery {
    /** The whole message at once: String, byte[], ByteBuffer, a primitive, PongMessage or a decoded object. */
    WHOLE,
    /** The message in parts, each with a {@code boolean last} flag: String, byte[] or ByteBuffer. */
    PARTIAL,
    /** The whole message as a blocking stream: Reader or InputStream. */
    STREAM
}
