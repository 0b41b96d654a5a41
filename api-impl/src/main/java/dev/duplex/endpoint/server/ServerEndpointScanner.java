package dev.duplex.endpoint.server;

import dev.duplex.endpoint.instance.InstanceProvider;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * Turns a class annotated with {@link jakarta.websocket.server.ServerEndpoint} into the
 * configuration it declares (path, subprotocols, encoders, decoders, configurator), validating the
 * class as Jakarta WebSocket 2.2 chapter 4 requires. Provided by the annotation package; the
 * container calls it from {@code addEndpoint(Class)}.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface ServerEndpointScanner {

    /**
     * @param instances makes the configurator the annotation names, once for the deployment
     * @throws DeploymentException naming the class, method and rule when the class is not a valid
     *                             annotated server endpoint
     */
    ServerEndpointConfig scan(Class<?> endpointClass, InstanceProvider instances) throws DeploymentException;

    /** Scans with configurators made by their public no-argument constructor. */
    default ServerEndpointConfig scan(Class<?> endpointClass) throws DeploymentException {
        return scan(endpointClass, InstanceProvider.plain());
    }
}
