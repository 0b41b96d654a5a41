/**
 * Annotated endpoints (Jakarta WebSocket 2.2 chapter 4): turns a {@code @ServerEndpoint} or
 * {@code @ClientEndpoint} class into an immutable {@link dev.duplex.endpoint.annotation.EndpointModel}
 * once, at deployment, and runs that model per connection as a plain {@code jakarta.websocket.Endpoint}
 * through {@link dev.duplex.endpoint.annotation.AnnotatedEndpoint}.
 *
 * <p>Entry points: {@link dev.duplex.endpoint.annotation.AnnotatedEndpointScanner} (class to model,
 * every malformed shape reported as a {@code DeploymentException} naming class, method and rule),
 * {@link dev.duplex.endpoint.annotation.ServerEndpointDeclaration} (what {@code @ServerEndpoint} declares
 * for the server configuration) and {@link dev.duplex.endpoint.annotation.ClientEndpointConfigs}
 * ({@code @ClientEndpoint} to {@code ClientEndpointConfig}).
 */
package dev.duplex.endpoint.annotation;
