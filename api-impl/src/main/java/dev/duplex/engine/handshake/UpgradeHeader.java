package dev.duplex.engine.handshake;

import java.util.List;

/**
 * The {@code Upgrade} header: {@code Upgrade = 1#protocol}, {@code protocol = protocol-name ["/" protocol-version]},
 * both parts tokens (RFC 7230 §6.7). A WebSocket handshake requires it to contain {@code websocket}, compared ASCII
 * case-insensitively (RFC 6455 §4.2.1 item 3, §4.1 handshake response item 2).
 *
 * <p>List rules, strictness and repeated headers are as for {@link HeaderTokens}; the only difference is that an
 * element may carry a {@code /version}.
 *
 * <p>Thread-safety: stateless; safe to use from any thread.
 */
public final class UpgradeHeader {

    /** The header's name, for messages; header names are case-insensitive (RFC 7230 §3.2). */
    static final String NAME = "Upgrade";

    private UpgradeHeader() {
    }

    /**
     * The protocols of every occurrence of the header, in order, as sent (for example {@code websocket} or
     * {@code HTTP/2.0}).
     *
     * @throws HandshakeFormatException if a non-empty element is not {@code token ["/" token]}
     */
    public static List<String> protocols(Iterable<String> headerValues) {
        return HeaderList.elements(NAME, headerValues, UpgradeHeader::isProtocol,
                "a protocol, token [\"/\" token] (RFC 7230 §6.7)");
    }

    /**
     * Tells whether the header offers {@code protocolName} without a version, ignoring ASCII case; for a WebSocket
     * handshake, {@code containsProtocol(values, "websocket")}. An element {@code websocket/13} names a version, so it
     * does not count.
     *
     * @param headerValues the values of every occurrence of the header (none if it is absent)
     * @param protocolName the protocol name, a token
     * @throws HandshakeFormatException if a non-empty element is malformed
     * @throws IllegalArgumentException if {@code protocolName} is not a token
     */
    public static boolean containsProtocol(Iterable<String> headerValues, String protocolName) {
        if (!HttpSyntax.isToken(protocolName)) {
            throw new IllegalArgumentException("not a token: " + HttpSyntax.quoteForMessage(protocolName));
        }
        return HeaderTokens.containsIgnoringCase(protocols(headerValues), protocolName);
    }

    private static boolean isProtocol(String element) {
        int slash = element.indexOf('/');
        return slash < 0
                ? HttpSyntax.isToken(element)
                : HttpSyntax.isToken(element.substring(0, slash)) && HttpSyntax.isToken(element.substring(slash + 1));
    }
}
