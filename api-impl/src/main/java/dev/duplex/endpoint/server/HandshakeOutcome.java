package dev.duplex.endpoint.server;

/**
 * What became of an opening handshake: the transport either sends the rejection and keeps the
 * connection HTTP, or sends the 101 response and hands the connection to the session layer.
 */
public sealed interface HandshakeOutcome permits HandshakeRejection, HandshakeAcceptance {
}
