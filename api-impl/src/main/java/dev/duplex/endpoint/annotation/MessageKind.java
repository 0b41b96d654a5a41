package dev.duplex.endpoint.annotation;

/**
 * The native WebSocket message formats; an endpoint has at most one {@code @OnMessage} method for
 * each (Jakarta WebSocket 2.2 section 4.7, javadoc of {@code OnMessage}).
 */
public enum MessageKind {
    TEXT, BINARY, PONG
}
