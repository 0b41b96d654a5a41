package dev.duplex.servlet;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;

/**
 * Adds endpoints to an application's {@link ServerContainer} while the application starts, for the
 * embedded-container helpers ({@code DuplexJetty.enable}, {@code DuplexTomcat.enable}).
 */
@FunctionalInterface
public interface EndpointSetup {
    void deploy(ServerContainer container) throws DeploymentException;
}
