package dev.duplex.cdi.endpoints;

/** What {@link NameDecoder} makes of a text message. */
public record Name(String value) {
}
