package dev.duplex.endpoint.server;

import jakarta.websocket.Decoder;
import jakarta.websocket.Encoder;
import jakarta.websocket.Extension;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Map;

/** An application-written configuration that forwards to another; tests override single methods. */
class DelegatingServerEndpointConfig implements ServerEndpointConfig {
    private final ServerEndpointConfig delegate;

    DelegatingServerEndpointConfig(ServerEndpointConfig delegate) {
        this.delegate = delegate;
    }

    @Override
    public Class<?> getEndpointClass() {
        return delegate.getEndpointClass();
    }

    @Override
    public String getPath() {
        return delegate.getPath();
    }

    @Override
    public List<String> getSubprotocols() {
        return delegate.getSubprotocols();
    }

    @Override
    public List<Extension> getExtensions() {
        return delegate.getExtensions();
    }

    @Override
    public Configurator getConfigurator() {
        return delegate.getConfigurator();
    }

    @Override
    public List<Class<? extends Encoder>> getEncoders() {
        return delegate.getEncoders();
    }

    @Override
    public List<Class<? extends Decoder>> getDecoders() {
        return delegate.getDecoders();
    }

    @Override
    public Map<String, Object> getUserProperties() {
        return delegate.getUserProperties();
    }
}
