/**
 * The Jakarta WebSocket {@link jakarta.websocket.Session} on top of the engine's
 * {@link dev.duplex.engine.WebSocketConnection}: message handler registration and delivery,
 * the basic and async remote endpoints, closing, idle timeouts.
 *
 * <p>Entry point: {@link dev.duplex.endpoint.session.SessionOpener}, called by the servlet bridge
 * and the client once a handshake succeeded. The package knows only
 * {@link jakarta.websocket.Endpoint}, {@link jakarta.websocket.EndpointConfig} and message
 * handlers; annotated endpoints reach it already adapted to an {@code Endpoint}.
 *
 * <p>Threads: application callbacks of one session run one at a time, in order
 * ({@link dev.duplex.endpoint.session.SerialCallbacks}), mostly on the transport's thread;
 * blocking stream handlers ({@code Reader}, {@code InputStream}, stream decoders) and the work of
 * timers run on the shared executor of {@link dev.duplex.endpoint.session.SessionRuntime}; timers
 * fire on its shared scheduler. No thread is ever started per session.
 */
package dev.duplex.endpoint.session;
