/**
 * Transport-neutral rules of the WebSocket opening handshake (RFC 6455 §4, §9.1, §11.3) and of the HTTP header syntax
 * it builds on (RFC 7230 §3.2.6, §7): pure functions over header values, with no dependency on any server, servlet or
 * Jakarta type.
 *
 * <p>Parsers are strict: a header value that does not match its grammar is reported with a
 * {@link dev.duplex.engine.handshake.HandshakeFormatException} naming the offending part, which a server turns into a
 * 400 response (RFC 6455 §4.2.1) and a client into a failed connection (§4.1).
 */
package dev.duplex.engine.handshake;
