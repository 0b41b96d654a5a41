/**
 * The transport-neutral WebSocket protocol engine (RFC 6455): framing, validation and handshake rules.
 *
 * <p>Code in this package and its subpackages depends only on the JDK: it imports no {@code jakarta.*} or servlet
 * types, so that both the Jakarta API layer and any transport adapter can build on it.
 */
package dev.duplex.engine;
