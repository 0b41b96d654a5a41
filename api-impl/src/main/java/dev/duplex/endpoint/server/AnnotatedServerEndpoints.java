package dev.duplex.endpoint.server;

import dev.duplex.endpoint.annotation.EndpointModel;
import dev.duplex.endpoint.annotation.EndpointModels;
import dev.duplex.endpoint.annotation.ServerEndpointDeclaration;
import dev.duplex.endpoint.instance.InstanceProvider;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Set;

/**
 * Turns a {@code @ServerEndpoint} class into the configuration it declares: the annotation and every
 * method are checked by the annotation scanner, the path as a URI template here (Jakarta WebSocket 2.2
 * sections 3.1.1 and 4.1), and a primitive {@code @PathParam} must name one of its variables.
 * A configurator class named by the annotation is instantiated once, for the deployment (section 4.1.4).
 *
 * <p>Stateless and thread-safe.
 */
public final class AnnotatedServerEndpoints implements ServerEndpointScanner {

    @Override
    public ServerEndpointConfig scan(Class<?> endpointClass, InstanceProvider instances) throws DeploymentException {
        EndpointModel model = EndpointModels.server(endpointClass);
        ServerEndpointDeclaration declaration = ServerEndpointDeclaration.of(endpointClass);
        UriTemplate template;
        try {
            template = UriTemplate.parse(declaration.path());
        } catch (IllegalArgumentException e) {
            throw new DeploymentException(endpointClass.getName() + ": @ServerEndpoint path \"" + declaration.path()
                    + "\" is not a valid URI template: " + e.getMessage() + " (Jakarta WebSocket 2.2 section 3.1.1)");
        }
        model.checkPathParameters(Set.copyOf(template.variableNames()));
        ServerEndpointConfig.Builder builder = ServerEndpointConfig.Builder.create(endpointClass, declaration.path())
                .subprotocols(declaration.subprotocols())
                .encoders(declaration.encoders())
                .decoders(declaration.decoders());
        if (declaration.hasCustomConfigurator()) {
            builder.configurator(newConfigurator(instances, endpointClass, declaration.configuratorClass()));
        }
        return builder.build();
    }

    private static ServerEndpointConfig.Configurator newConfigurator(InstanceProvider instances, Class<?> endpointClass,
            Class<? extends ServerEndpointConfig.Configurator> type) throws DeploymentException {
        try {
            return instances.create(type);
        } catch (InstantiationException e) {
            throw new DeploymentException(endpointClass.getName() + ": its configurator cannot be created ("
                    + e.getMessage() + "; Jakarta WebSocket 2.2 section 4.1.4)", e.getCause());
        } catch (RuntimeException e) {
            throw new DeploymentException(endpointClass.getName() + ": creating its configurator " + type.getName()
                    + " failed: " + e, e);
        }
    }
}
