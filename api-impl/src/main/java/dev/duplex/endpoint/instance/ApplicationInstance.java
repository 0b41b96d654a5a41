package dev.duplex.endpoint.instance;

import jakarta.websocket.Endpoint;

/**
 * An {@link Endpoint} that runs an application object of another class (an annotated endpoint's
 * adapter). The session destroys the application's object, not the adapter, because that is what the
 * {@link InstanceProvider} made.
 */
public interface ApplicationInstance {

    /** The application's object this endpoint runs. */
    Object applicationInstance();

    /** What an instance provider made for {@code endpoint}: the object it runs, or the endpoint itself. */
    static Object of(Endpoint endpoint) {
        return endpoint instanceof ApplicationInstance adapter ? adapter.applicationInstance() : endpoint;
    }
}
