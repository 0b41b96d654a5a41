package dev.duplex.endpoint.annotation;

/** Which side an annotated endpoint is deployed on: {@code @ServerEndpoint} or {@code @ClientEndpoint}. */
public enum EndpointRole {
    SERVER, CLIENT
}
