package dev.duplex.endpoint.annotation;

/** What the runtime passes for one parameter of an annotated method. */
public enum ArgumentKind {
    /** The {@code jakarta.websocket.Session} of the connection. */
    SESSION,
    /** The {@code EndpointConfig} the endpoint was opened with ({@code @OnOpen} only). */
    ENDPOINT_CONFIG,
    /** The {@code CloseReason} ({@code @OnClose} only). */
    CLOSE_REASON,
    /** The error ({@code @OnError} only, mandatory there). */
    THROWABLE,
    /** The message, or part of it ({@code @OnMessage} only, exactly one). */
    MESSAGE,
    /** Whether a part is the last of its message ({@code @OnMessage} receiving parts only). */
    LAST,
    /** A {@code @PathParam}, converted from the path segment to the parameter's type. */
    PATH_PARAM
}
