package dev.duplex.endpoint.session;

import dev.duplex.endpoint.AbstractWebSocketContainer;
import dev.duplex.endpoint.coder.Decoders;
import dev.duplex.endpoint.coder.Encoders;
import dev.duplex.endpoint.instance.ApplicationInstance;
import dev.duplex.endpoint.instance.InstanceProvider;
import dev.duplex.engine.Role;
import dev.duplex.engine.Transport;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.WebSocketContainer;
import java.util.Objects;

/**
 * Opens sessions for one deployed endpoint once handshakes succeed. The servlet bridge keeps one
 * per {@code ServerEndpointConfig}; the client makes one per connection. Immutable and thread-safe.
 *
 * <p>Use, after a successful handshake:
 * <pre>{@code
 * SessionOpener opener = new SessionOpener(config, container, openSessions, SessionRuntime.shared());
 * MyTransport transport = ...;                        // implements dev.duplex.engine.Transport
 * DuplexSession session = opener.open(endpointInstance, context, Role.SERVER, transport);
 * transport.startReading(session.connection());       // only now hand received bytes to the engine
 * }</pre>
 * {@link #open} calls {@code Endpoint.onOpen} before it returns, on the calling thread, so the
 * handlers the endpoint registers there are in place before the first message: the transport
 * must not deliver bytes to the connection before {@code open} returned. It may accept writes
 * before (onOpen may send).
 *
 * @param config       the endpoint's configuration: decoders, encoders, and what {@code onOpen} receives
 * @param container    the container: {@code Session.getContainer()}, and the defaults for the idle
 *                     timeout, buffer sizes and async send timeout
 * @param openSessions the registry of the deployed endpoint, behind {@code Session.getOpenSessions()}
 * @param runtime      the container's shared executor, scheduler and settings
 */
public record SessionOpener(EndpointConfig config, WebSocketContainer container, OpenSessions openSessions,
        SessionRuntime runtime) {

    public SessionOpener {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(openSessions, "openSessions");
        Objects.requireNonNull(runtime, "runtime");
    }

    /**
     * Creates the session and its engine connection over {@code transport}, creates and initialises
     * the session's decoders and encoders (Jakarta WebSocket 2.2 section 4.1.1), and calls
     * {@code onOpen} (errors it throws go to {@code onError}, the session stays open).
     *
     * @param endpoint  the endpoint instance for this peer (WSC-5.1-1: one per peer unless configured otherwise)
     * @param context   the handshake's facts
     * @param role      {@link Role#SERVER} for the servlet bridge, {@link Role#CLIENT} for the client; decides masking
     * @param transport the upgraded connection's byte stream
     * @throws IllegalStateException when a decoder or encoder cannot be created; the caller then closes the transport
     *                               (the endpoint instance has been handed to the instance provider to destroy)
     */
    public DuplexSession open(Endpoint endpoint, SessionContext context, Role role, Transport transport) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(transport, "transport");
        InstanceProvider instances = instances();
        Decoders decoders;
        Encoders encoders;
        try {
            decoders = Decoders.create(config.getDecoders(), config, instances);
            try {
                encoders = Encoders.create(config.getEncoders(), config, instances);
            } catch (RuntimeException e) {
                decoders.destroy();
                throw e;
            }
        } catch (RuntimeException e) {
            instances.destroy(ApplicationInstance.of(endpoint));
            throw e;
        }
        DuplexSession session = new DuplexSession(this, endpoint, context, role, transport, decoders, encoders,
                instances);
        session.open();
        return session;
    }

    /** The container's instance provider, which makes and destroys the session's coders and endpoint instance. */
    public InstanceProvider instances() {
        return container instanceof AbstractWebSocketContainer own ? own.getInstanceProvider() : InstanceProvider.plain();
    }
}
