package dev.duplex.endpoint.server;

import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Map;

/**
 * The deployed endpoint an opening handshake request was mapped to (Jakarta WebSocket 2.2 section
 * 3.1.1), with the values of its path's variables.
 *
 * @param config         the configuration as deployed
 * @param template       its parsed path
 * @param pathParameters variable name to decoded value, in template order; unmodifiable, empty
 *                       when the path has no variables
 */
public record EndpointMatch(ServerEndpointConfig config, UriTemplate template, Map<String, String> pathParameters) {
}
