package dev.duplex.endpoint.server;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.util.Map;

/**
 * Performs {@link jakarta.websocket.server.ServerContainer#upgradeHttpToWebSocket} for the
 * transport the container runs in; the servlet bridge provides it. The request and response are
 * the transport's own objects ({@code HttpServletRequest} and {@code HttpServletResponse}).
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface HttpUpgrader {

    /**
     * Runs the opening handshake for {@code config} without deploying it, and on success turns the
     * connection into a WebSocket connection.
     *
     * @throws IllegalStateException if the request is not a valid WebSocket handshake
     * @throws IOException           if the connection fails
     * @throws DeploymentException   if the configuration prevents the connection
     */
    void upgrade(Object httpRequest, Object httpResponse, ServerEndpointConfig config,
            Map<String, String> pathParameters) throws IOException, DeploymentException;
}
