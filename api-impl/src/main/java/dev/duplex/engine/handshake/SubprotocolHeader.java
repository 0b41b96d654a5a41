package dev.duplex.engine.handshake;

import java.util.List;

/**
 * The {@code Sec-WebSocket-Protocol} request header: the client's subprotocols in order of preference (RFC 6455
 * §4.1 item 10, §4.2.1 item 8, §11.3.4).
 *
 * <p>Names are returned exactly as sent: subprotocol names are compared case-sensitively (§11.3.4), unlike the header's
 * own name. Duplicates are kept; uniqueness (§4.1) is the client's obligation and changes nothing about which name a
 * server picks first.
 *
 * <p>Thread-safety: stateless; safe to use from any thread.
 */
public final class SubprotocolHeader {

    /** The header's name, for messages; header names are case-insensitive (RFC 7230 §3.2). */
    static final String NAME = "Sec-WebSocket-Protocol";

    private SubprotocolHeader() {
    }

    /**
     * The offered subprotocols of every occurrence of the header, in order, case preserved; empty elements are ignored
     * (RFC 7230 §7).
     *
     * @param headerValues the values of every occurrence of the header (none if it is absent)
     * @throws HandshakeFormatException if a non-empty element is not a token (RFC 6455 §4.1: no separators or controls)
     */
    public static List<String> subprotocols(Iterable<String> headerValues) {
        return HeaderTokens.tokens(NAME, headerValues);
    }
}
