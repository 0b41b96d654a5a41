package dev.duplex.endpoint.annotation;

import jakarta.websocket.CloseReason;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;

/**
 * What is at hand when the runtime calls an annotated method; each {@link Argument} picks its value
 * from here. Fields a callback does not have are null.
 */
record CallValues(Session session, EndpointConfig config, CloseReason closeReason, Throwable throwable,
                  Object message, boolean last) {

    static CallValues open(Session session, EndpointConfig config) {
        return new CallValues(session, config, null, null, null, false);
    }

    static CallValues close(Session session, CloseReason reason) {
        return new CallValues(session, null, reason, null, null, false);
    }

    static CallValues error(Session session, Throwable throwable) {
        return new CallValues(session, null, null, throwable, null, false);
    }

    static CallValues message(Session session, Object message, boolean last) {
        return new CallValues(session, null, null, null, message, last);
    }
}
