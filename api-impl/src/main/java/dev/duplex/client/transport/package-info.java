/**
 * The WebSocket client's network transport, below the Jakarta layer and using only the JDK:
 * {@link dev.duplex.client.transport.ClientConnector} opens connections (TCP, an HTTP proxy's
 * CONNECT, TLS, the RFC 6455 section 4.1 upgrade request) on a few shared selector threads,
 * {@link dev.duplex.client.transport.ClientConnection} is the engine's
 * {@link dev.duplex.engine.Transport} after a 101, and
 * {@link dev.duplex.client.transport.HandshakeValidator} judges the server's response.
 *
 * <p>Depends on {@code dev.duplex.engine} (and its {@code handshake} helpers) and
 * {@code dev.duplex.transport}; nothing in those depends on it.
 */
package dev.duplex.client.transport;
