package dev.duplex.client;

import dev.duplex.endpoint.instance.ApplicationInstance;
import dev.duplex.endpoint.session.DuplexSession;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.lang.System.Logger.Level;

/**
 * The endpoint a session with a {@link ReconnectPolicy} calls: the application's endpoint, then, once its
 * {@code onClose} returned, the {@link Reconnector}, so that a new session (which may call the same instance) opens
 * only after the old one's {@code onClose}. The instance provider still destroys the application's object
 * ({@link ApplicationInstance}). Thread-safe as the endpoint it runs.
 */
final class ReconnectingEndpoint extends Endpoint implements ApplicationInstance {
    private static final System.Logger LOG = System.getLogger(ReconnectingEndpoint.class.getName());

    private final Endpoint endpoint;
    private final Reconnector reconnector;
    private final boolean endpointHandlesErrors;

    ReconnectingEndpoint(Endpoint endpoint, Reconnector reconnector) {
        this.endpoint = endpoint;
        this.reconnector = reconnector;
        this.endpointHandlesErrors = DuplexSession.overridesOnError(endpoint);
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        endpoint.onOpen(session, config);
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        try {
            endpoint.onClose(session, closeReason);
        } finally {
            reconnector.sessionClosed(session, closeReason);
        }
    }

    @Override
    public void onError(Session session, Throwable thr) {
        if (endpointHandlesErrors) {
            endpoint.onError(session, thr);
        } else {
            // The session logs errors of endpoints without onError (WSC-5.2.2-3); it sees this class, which has one.
            LOG.log(Level.WARNING, "session " + session.getId() + " of " + endpoint.getClass().getName()
                    + ": error not handled by the endpoint", thr);
        }
    }

    @Override
    public Object applicationInstance() {
        return ApplicationInstance.of(endpoint);
    }

    @Override
    public String toString() {
        return "ReconnectingEndpoint[" + endpoint + "]";
    }
}
