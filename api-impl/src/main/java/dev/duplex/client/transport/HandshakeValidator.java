package dev.duplex.client.transport;

import dev.duplex.engine.handshake.ExtensionHeader;
import dev.duplex.engine.deflate.DeflateNegotiation;
import dev.duplex.engine.deflate.DeflateParameters;
import dev.duplex.engine.handshake.ExtensionOffer;
import dev.duplex.engine.handshake.HandshakeFormatException;
import dev.duplex.engine.handshake.HeaderTokens;
import dev.duplex.engine.handshake.SubprotocolHeader;
import dev.duplex.engine.handshake.UpgradeHeader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a server's response against the client's side of the opening handshake, RFC 6455
 * section 4.1 ("the client MUST validate the server's response as follows", points 1 to 6).
 * Pure functions of the offer and the response, with no I/O; header grammar comes from
 * {@code dev.duplex.engine.handshake}. Each broken rule has its own message. Thread-safe.
 */
public final class HandshakeValidator {

    /**
     * What the server agreed to.
     *
     * @param subprotocol the subprotocol the server chose, or null for none
     * @param extensions  the extensions the server answered with, with their parameters, in order
     */
    public record Agreement(String subprotocol, List<ExtensionOffer> extensions) {
        public Agreement {
            extensions = List.copyOf(extensions);
        }
    }

    private HandshakeValidator() {
    }

    /**
     * Validates a response to the given request; see {@link #validate(String, List, List, int, String, Map)}.
     *
     * @throws HandshakeException naming the first rule the response breaks
     * @throws IllegalArgumentException when the request's own Sec-WebSocket-Protocol or
     *         Sec-WebSocket-Extensions fields are malformed
     */
    public static Agreement validate(ConnectRequest request, UpgradeResponse response) throws HandshakeException {
        List<String> offeredSubprotocols;
        List<ExtensionOffer> offeredExtensions;
        try {
            offeredSubprotocols = SubprotocolHeader.subprotocols(request.handshakeHeader("Sec-WebSocket-Protocol"));
            offeredExtensions = ExtensionHeader.parse(request.handshakeHeader("Sec-WebSocket-Extensions"));
        } catch (HandshakeFormatException e) {
            throw new IllegalArgumentException("the request's own offer is malformed: " + e.getMessage(), e);
        }
        return validate(request.expectedAccept(), offeredSubprotocols, offeredExtensions,
                response.status(), response.reason(), response.headers());
    }

    /**
     * Validates a response against what was offered.
     *
     * @param expectedAccept      the accept value the key that was sent calls for; null when no valid key was sent
     * @param offeredSubprotocols the subprotocols the request listed
     * @param offeredExtensions   the extensions the request offered
     * @param status              the response's status code
     * @param reason              the response's reason phrase
     * @param headers             the response's header fields; names are looked up ignoring case
     * @return what the server agreed to
     * @throws HandshakeException naming the first rule the response breaks
     */
    public static Agreement validate(String expectedAccept, List<String> offeredSubprotocols,
            List<ExtensionOffer> offeredExtensions, int status, String reason, Map<String, List<String>> headers)
            throws HandshakeException {
        // Point 1: anything but 101 is handled per HTTP; for a WebSocket client it means refused.
        if (status != 101) {
            throw refused("the server answered " + status + (reason.isEmpty() ? "" : " " + reason)
                    + " instead of 101 Switching Protocols (RFC 6455 section 4.1)", status, headers);
        }
        try {
            checkUpgrade(values(headers, "Upgrade"), status, headers);
            checkConnection(values(headers, "Connection"), status, headers);
            checkAccept(expectedAccept, values(headers, "Sec-WebSocket-Accept"), status, headers);
            List<ExtensionOffer> extensions = checkExtensions(offeredExtensions,
                    ExtensionHeader.parse(values(headers, "Sec-WebSocket-Extensions")), status, headers);
            String subprotocol = checkSubprotocol(offeredSubprotocols,
                    SubprotocolHeader.subprotocols(values(headers, "Sec-WebSocket-Protocol")), status, headers);
            return new Agreement(subprotocol, extensions);
        } catch (HandshakeFormatException malformed) {
            throw refused("the 101 response has a malformed header field: " + malformed.getMessage()
                    + " (RFC 6455 section 4.1)", status, headers);
        }
    }

    /** Point 2: Upgrade: websocket, ignoring ASCII case. */
    private static void checkUpgrade(List<String> upgrade, int status, Map<String, List<String>> headers)
            throws HandshakeException {
        if (upgrade.isEmpty()) {
            throw refused("the 101 response has no Upgrade header field (RFC 6455 section 4.1, point 2)",
                    status, headers);
        }
        List<String> protocols = UpgradeHeader.protocols(upgrade);
        if (protocols.size() != 1 || !protocols.get(0).equalsIgnoreCase("websocket")) {
            throw refused("the 101 response's Upgrade header field is '" + String.join(", ", upgrade)
                    + "', not 'websocket' (RFC 6455 section 4.1, point 2)", status, headers);
        }
    }

    /** Point 3: a Connection field with the token Upgrade, ignoring ASCII case. */
    private static void checkConnection(List<String> connection, int status, Map<String, List<String>> headers)
            throws HandshakeException {
        if (connection.isEmpty()) {
            throw refused("the 101 response has no Connection header field (RFC 6455 section 4.1, point 3)",
                    status, headers);
        }
        if (!HeaderTokens.containsToken(connection, "Upgrade")) {
            throw refused("the 101 response's Connection header field '" + String.join(", ", connection)
                    + "' has no 'Upgrade' token (RFC 6455 section 4.1, point 3)", status, headers);
        }
    }

    /** Point 4: Sec-WebSocket-Accept is base64(SHA-1(key + GUID)), compared exactly. */
    private static void checkAccept(String expectedAccept, List<String> accept, int status,
            Map<String, List<String>> headers) throws HandshakeException {
        if (accept.isEmpty()) {
            throw refused("the 101 response has no Sec-WebSocket-Accept header field (RFC 6455 section 4.1, point 4)",
                    status, headers);
        }
        if (accept.size() > 1) {
            throw refused("the 101 response has " + accept.size()
                    + " Sec-WebSocket-Accept header fields; exactly one is allowed (RFC 6455 section 4.1, point 4)",
                    status, headers);
        }
        if (expectedAccept == null) {
            throw refused("the request did not send exactly one valid Sec-WebSocket-Key, so Sec-WebSocket-Accept cannot"
                    + " be checked (RFC 6455 section 4.1, point 4)", status, headers);
        }
        if (!accept.get(0).equals(expectedAccept)) {
            throw refused("the 101 response's Sec-WebSocket-Accept is '" + accept.get(0)
                    + "' but the key sent calls for '" + expectedAccept + "' (RFC 6455 section 4.1, point 4)",
                    status, headers);
        }
    }

    /** Point 5: only extensions the client offered; names compare ignoring case like other tokens of the registry. */
    private static List<ExtensionOffer> checkExtensions(List<ExtensionOffer> offered, List<ExtensionOffer> answered,
            int status, Map<String, List<String>> headers) throws HandshakeException {
        List<String> offeredNames = new ArrayList<>();
        offered.forEach(offer -> offeredNames.add(offer.name()));
        boolean deflateSeen = false;
        for (ExtensionOffer extension : answered) {
            if (offeredNames.stream().noneMatch(extension.name()::equalsIgnoreCase)) {
                throw refused("the server answered with extension '" + extension.name() + "', which was not offered"
                        + " (offered: " + offeredNames + ") (RFC 6455 section 4.1, point 5)", status, headers);
            }
            if (DeflateNegotiation.NAME.equals(extension.name())) {
                // RFC 7692 section 5: a response the client cannot honour fails the connection.
                if (deflateSeen) {
                    throw refused("the server accepted permessage-deflate twice (RFC 7692 section 5)", status, headers);
                }
                deflateSeen = true;
                try {
                    DeflateNegotiation.checkResponse(extension);
                } catch (DeflateParameters.InvalidParametersException e) {
                    throw refused("the server's permessage-deflate response is not one the client can accept: "
                            + e.getMessage(), status, headers);
                }
            }
        }
        return answered;
    }

    /** Point 6: at most one subprotocol, and one that was offered, compared exactly (section 11.3.4). */
    private static String checkSubprotocol(List<String> offered, List<String> chosen, int status,
            Map<String, List<String>> headers) throws HandshakeException {
        if (chosen.isEmpty()) {
            return null;
        }
        if (chosen.size() > 1) {
            throw refused("the server answered with " + chosen.size() + " subprotocols " + chosen
                    + "; it must choose at most one (RFC 6455 section 4.2.2)", status, headers);
        }
        String subprotocol = chosen.get(0);
        if (!offered.contains(subprotocol)) {
            throw refused("the server chose subprotocol '" + subprotocol + "', which was not offered (offered: "
                    + offered + ") (RFC 6455 section 4.1, point 6)", status, headers);
        }
        return subprotocol;
    }

    private static List<String> values(Map<String, List<String>> headers, String name) {
        return ConnectRequest.headerValues(headers, name);
    }

    private static HandshakeException refused(String message, int status, Map<String, List<String>> headers) {
        return new HandshakeException(message, status, headers);
    }
}
