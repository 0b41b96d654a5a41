package dev.duplex.endpoint.session;

/**
 * The native WebSocket message types a session accepts one handler each for
 * (Jakarta WebSocket 2.2 section 2.1.3, WSC-2.1.3-1).
 */
enum NativeKind {
    TEXT, BINARY, PONG
}
