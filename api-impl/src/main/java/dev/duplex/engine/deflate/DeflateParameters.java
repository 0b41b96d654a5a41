package dev.duplex.engine.deflate;

import dev.duplex.engine.handshake.ExtensionParameter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The parameters of one {@code permessage-deflate} offer or response (RFC 7692 section 7.1), read
 * strictly: each parameter at most once, none unknown, window sizes decimal integers from 8 to 15
 * without leading zeros (section 7.1.2), a value only where the RFC allows one.
 *
 * <p>Immutable.
 *
 * @param serverNoContextTakeover {@code server_no_context_takeover} (section 7.1.1.1)
 * @param clientNoContextTakeover {@code client_no_context_takeover} (section 7.1.1.2)
 * @param serverMaxWindowBits     {@code server_max_window_bits}: 8-15, or {@link #ABSENT}
 * @param clientMaxWindowBits     {@code client_max_window_bits}: 8-15, {@link #ABSENT}, or in an offer
 *                                {@link #NO_VALUE} (section 7.1.2.2: the client can honour a limit)
 */
public record DeflateParameters(boolean serverNoContextTakeover, boolean clientNoContextTakeover,
        int serverMaxWindowBits, int clientMaxWindowBits) {

    public static final String SERVER_NO_CONTEXT_TAKEOVER = "server_no_context_takeover";
    public static final String CLIENT_NO_CONTEXT_TAKEOVER = "client_no_context_takeover";
    public static final String SERVER_MAX_WINDOW_BITS = "server_max_window_bits";
    public static final String CLIENT_MAX_WINDOW_BITS = "client_max_window_bits";

    /** The parameter is not there. */
    public static final int ABSENT = 0;
    /** {@code client_max_window_bits} without a value, which only an offer may send. */
    public static final int NO_VALUE = -1;
    /** The LZ77 window of DEFLATE when nothing limits it: 2^15 bytes. */
    public static final int MAX_WINDOW_BITS = 15;
    public static final int MIN_WINDOW_BITS = 8;

    /** The malformed parameter list, and why; offers like that are declined, responses fail the connection. */
    public static final class InvalidParametersException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidParametersException(String message) {
            super(message, null, false, false);
        }
    }

    /** Reads a client's offer. */
    public static DeflateParameters fromOffer(List<ExtensionParameter> parameters) throws InvalidParametersException {
        return read(parameters, true);
    }

    /** Reads a server's response. */
    public static DeflateParameters fromResponse(List<ExtensionParameter> parameters) throws InvalidParametersException {
        return read(parameters, false);
    }

    private static DeflateParameters read(List<ExtensionParameter> parameters, boolean offer)
            throws InvalidParametersException {
        boolean serverNoContext = false;
        boolean clientNoContext = false;
        int serverBits = ABSENT;
        int clientBits = ABSENT;
        Set<String> seen = new HashSet<>();
        for (ExtensionParameter parameter : parameters) {
            String name = parameter.name();
            if (!seen.add(name)) {
                throw new InvalidParametersException(name + " appears twice (RFC 7692 section 7)");
            }
            switch (name) {
                case SERVER_NO_CONTEXT_TAKEOVER -> serverNoContext = flag(parameter);
                case CLIENT_NO_CONTEXT_TAKEOVER -> clientNoContext = flag(parameter);
                case SERVER_MAX_WINDOW_BITS -> serverBits = windowBits(parameter);
                case CLIENT_MAX_WINDOW_BITS -> clientBits = parameter.value() == null && offer
                        ? NO_VALUE : windowBits(parameter);
                default -> throw new InvalidParametersException("unknown parameter " + name + " (RFC 7692 section 7)");
            }
        }
        return new DeflateParameters(serverNoContext, clientNoContext, serverBits, clientBits);
    }

    private static boolean flag(ExtensionParameter parameter) throws InvalidParametersException {
        if (parameter.value() != null) {
            throw new InvalidParametersException(parameter.name() + " takes no value (RFC 7692 section 7.1.1)");
        }
        return true;
    }

    private static int windowBits(ExtensionParameter parameter) throws InvalidParametersException {
        String value = parameter.value();
        if (value == null || !value.matches("[1-9][0-9]?")) {
            throw new InvalidParametersException(parameter.name() + " needs a value from 8 to 15 without"
                    + " leading zeros (RFC 7692 section 7.1.2): " + value);
        }
        int bits = Integer.parseInt(value);
        if (bits < MIN_WINDOW_BITS || bits > MAX_WINDOW_BITS) {
            throw new InvalidParametersException(parameter.name() + " must be from 8 to 15 (RFC 7692 section 7.1.2): "
                    + value);
        }
        return bits;
    }

    /** The parameters as they go into {@code Sec-WebSocket-Extensions}, in the RFC's order. */
    public List<ExtensionParameter> toParameters() {
        List<ExtensionParameter> list = new ArrayList<>(4);
        if (serverNoContextTakeover) {
            list.add(ExtensionParameter.of(SERVER_NO_CONTEXT_TAKEOVER));
        }
        if (clientNoContextTakeover) {
            list.add(ExtensionParameter.of(CLIENT_NO_CONTEXT_TAKEOVER));
        }
        if (serverMaxWindowBits > 0) {
            list.add(ExtensionParameter.of(SERVER_MAX_WINDOW_BITS, Integer.toString(serverMaxWindowBits)));
        }
        if (clientMaxWindowBits == NO_VALUE) {
            list.add(ExtensionParameter.of(CLIENT_MAX_WINDOW_BITS));
        } else if (clientMaxWindowBits > 0) {
            list.add(ExtensionParameter.of(CLIENT_MAX_WINDOW_BITS, Integer.toString(clientMaxWindowBits)));
        }
        return list;
    }
}
