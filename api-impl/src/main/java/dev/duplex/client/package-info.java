/**
 * The Jakarta WebSocket client: {@link dev.duplex.client.DuplexWebSocketContainer}, the
 * {@code WebSocketContainer} that {@code ContainerProvider.getWebSocketContainer()} returns through
 * {@link dev.duplex.client.DuplexContainerProvider}, with per-connection settings as
 * {@link dev.duplex.client.ClientProperties} and per-container ones as
 * {@link dev.duplex.client.ClientOptions}.
 *
 * <p>Depends on {@code dev.duplex.client.transport} (the NIO connections), the endpoint layer
 * ({@code dev.duplex.endpoint} and its {@code annotation} and {@code session} packages) and the
 * engine; nothing depends on it.
 */
package dev.duplex.client;
