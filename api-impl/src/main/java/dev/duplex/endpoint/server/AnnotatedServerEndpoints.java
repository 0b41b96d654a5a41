package dev.duplex.endpoint.server;

import dev.duplex.endpoint.annotation.EndpointModel;
import dev.duplex.endpoint.annotation.EndpointModels;
import dev.duplex.endpoint.annotation.ServerEndpointDeclaration;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.lang.reflect.InvocationTargetException;
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
    public ServerEndpointConfig scan(Class<?> endpointClass) throws DeploymentException {
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
            builder.configurator(newConfigurator(endpointClass, declaration.configuratorClass()));
        }
        return builder.build();
    }

    private static ServerEndpointConfig.Configurator newConfigurator(Class<?> endpointClass,
            Class<? extends ServerEndpointConfig.Configurator> type) throws DeploymentException {
        try {
            return type.getDeclaredConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new DeploymentException(endpointClass.getName() + ": its configurator " + type.getName()
                    + " threw from its constructor (Jakarta WebSocket 2.2 section 4.1.4)", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new DeploymentException(endpointClass.getName() + ": cannot instantiate its configurator "
                    + type.getName() + "; it needs a public no-argument constructor (section 4.1.4)", e);
        }
    }
}
