package dev.duplex.endpoint.session;

/** How a registered handler receives its messages. */
enum Delivery {
    /** The whole message, buffered up to the session's maximum buffer size, then converted. */
    WHOLE,
    /** Each part as it arrives, with a flag for the last ({@code MessageHandler.Partial}). */
    PARTIAL,
    /**
     * A {@code Reader} or {@code InputStream} (or a stream decoder reading one) fed while the message
     * arrives: never buffered whole, so not limited by the buffer size.
     */
    STREAM
}
