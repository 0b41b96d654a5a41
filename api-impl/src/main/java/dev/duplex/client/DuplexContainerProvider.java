package dev.duplex.client;

import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;

/**
 * Makes Duplex the answer to {@code ContainerProvider.getWebSocketContainer()}, found through
 * {@link java.util.ServiceLoader} ({@code META-INF/services/jakarta.websocket.ContainerProvider}).
 *
 * <p>Each call returns a new {@link DuplexWebSocketContainer} (ContainerProvider javadoc: "a new
 * instance"), so settings made on one container do not leak into another. All of them share one
 * process-wide connector, which starts its selector thread on the first connection and stops it
 * after 30 seconds without any, so creating containers costs no threads. Thread-safe.
 */
public final class DuplexContainerProvider extends ContainerProvider {

    /** For {@link java.util.ServiceLoader}. */
    public DuplexContainerProvider() {
    }

    @Override
    protected WebSocketContainer getContainer() {
        return DuplexWebSocketContainer.onSharedConnector();
    }
}
