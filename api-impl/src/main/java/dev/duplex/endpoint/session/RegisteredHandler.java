package dev.duplex.endpoint.session;

import jakarta.websocket.MessageHandler;

/**
 * A message handler as the session registered it: what it receives and how.
 *
 * @param handler  the application's handler
 * @param type     the Java type of the messages it takes ({@code T}), never primitive
 * @param kind     the native message type it handles
 * @param delivery whole, partial or streamed
 * @param decoded  whether a configured decoder makes the message object (otherwise a built-in conversion)
 */
record RegisteredHandler(MessageHandler handler, Class<?> type, NativeKind kind, Delivery delivery, boolean decoded) {

    /** Whether the message is held whole before delivery, so the session's buffer size limits it. */
    boolean buffersWholeMessage() {
        return delivery == Delivery.WHOLE && kind != NativeKind.PONG;
    }
}
