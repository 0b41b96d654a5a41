package dev.duplex.endpoint.server;

import jakarta.websocket.Decoder;
import jakarta.websocket.Encoder;
import jakarta.websocket.Extension;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The view of a deployed {@link ServerEndpointConfig} that one connection sees, created when its
 * opening handshake starts. The same object is passed to {@code modifyHandshake} and later to the
 * endpoint's {@code onOpen} (the TCK compares the two), so a configurator that stores something in
 * it finds it again in the endpoint.
 *
 * <p>What differs from the deployed configuration:
 * <ul>
 * <li>{@link #getUserProperties()} is this connection's shallow copy of the deployed configuration's
 *     user properties, as Jakarta WebSocket 2.2 section 3.1.5 requires ("a per WebSocket connection
 *     (i.e. per Session) shallow copy"); changes made during {@code modifyHandshake} stay in it and
 *     become the initial user properties of the session. Nothing is added to it by the container.</li>
 * <li>{@link #getConfigurator()} is the configurator resolved once for this handshake (the
 *     deployed configuration's, or the platform default when it names none), so every step of one
 *     handshake talks to the same configurator instance, even for a configuration that returns a
 *     new one on each call.</li>
 * </ul>
 * Everything else is read from the deployed configuration.
 *
 * <p>Thread-safety: the user properties map is synchronised per operation (iterate it inside
 * {@code synchronized (map)}); the rest is immutable.
 */
public final class ConnectionEndpointConfig implements ServerEndpointConfig {
    private final ServerEndpointConfig deployed;
    private final Configurator configurator;
    private final Map<String, Object> userProperties;

    private ConnectionEndpointConfig(ServerEndpointConfig deployed, Configurator configurator) {
        this.deployed = deployed;
        this.configurator = configurator;
        Map<String, Object> original = deployed.getUserProperties();
        this.userProperties = Collections.synchronizedMap(
                original == null ? new LinkedHashMap<>() : new LinkedHashMap<>(original));
    }

    /** A fresh view for one connection of {@code deployed}. */
    public static ConnectionEndpointConfig of(ServerEndpointConfig deployed) {
        if (deployed instanceof ConnectionEndpointConfig view) {
            deployed = view.deployed;
        }
        Configurator configurator = deployed.getConfigurator();
        return new ConnectionEndpointConfig(deployed,
                configurator == null ? DefaultServerConfigurator.shared() : configurator);
    }

    /** The configuration as deployed (or as passed to {@code upgradeHttpToWebSocket}). */
    public ServerEndpointConfig deployed() {
        return deployed;
    }

    @Override
    public Class<?> getEndpointClass() {
        return deployed.getEndpointClass();
    }

    @Override
    public String getPath() {
        return deployed.getPath();
    }

    @Override
    public List<String> getSubprotocols() {
        return deployed.getSubprotocols();
    }

    @Override
    public List<Extension> getExtensions() {
        return deployed.getExtensions();
    }

    @Override
    public Configurator getConfigurator() {
        return configurator;
    }

    @Override
    public List<Class<? extends Encoder>> getEncoders() {
        return deployed.getEncoders();
    }

    @Override
    public List<Class<? extends Decoder>> getDecoders() {
        return deployed.getDecoders();
    }

    /** This connection's copy of the user properties; modifiable. */
    @Override
    public Map<String, Object> getUserProperties() {
        return userProperties;
    }

    @Override
    public String toString() {
        return "ConnectionEndpointConfig[" + deployed.getPath() + " -> " + deployed.getEndpointClass().getName() + "]";
    }
}
