package dev.duplex.servlet.war.app;

import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.HashSet;
import java.util.Set;

/**
 * Part of a test WAR: deploys every programmatic endpoint the scan found at /war-greet, and every
 * annotated one; both sets come from the container's scan (Jakarta WebSocket 2.2 section 6.2).
 */
public class WarApplicationConfig implements ServerApplicationConfig {
    @Override
    public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> endpointClasses) {
        Set<ServerEndpointConfig> configs = new HashSet<>();
        for (Class<? extends Endpoint> type : endpointClasses) {
            configs.add(ServerEndpointConfig.Builder.create(type, "/war-greet").build());
        }
        return configs;
    }

    @Override
    public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
        return scanned;
    }
}
