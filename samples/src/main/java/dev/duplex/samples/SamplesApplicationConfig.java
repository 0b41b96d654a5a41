package dev.duplex.samples;

import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Set;

/**
 * What the samples deploy (Jakarta WebSocket 2.2 section 6.2): the programmatic {@link ReverseEndpoint}
 * at {@code /reverse}, and every annotated endpoint found.
 */
public class SamplesApplicationConfig implements ServerApplicationConfig {
    @Override
    public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> endpointClasses) {
        return Set.of(ServerEndpointConfig.Builder.create(ReverseEndpoint.class, "/reverse").build());
    }

    @Override
    public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
        return scanned;
    }
}
