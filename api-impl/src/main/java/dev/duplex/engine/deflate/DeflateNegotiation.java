package dev.duplex.engine.deflate;

import dev.duplex.engine.Role;
import dev.duplex.engine.deflate.DeflateParameters.InvalidParametersException;
import dev.duplex.engine.handshake.ExtensionOffer;
import dev.duplex.engine.handshake.ExtensionParameter;
import java.util.List;
import java.util.Optional;

/**
 * Negotiates {@code permessage-deflate} (RFC 7692 section 7.1) for either side, and makes the
 * extension the agreement describes.
 *
 * <p>Window sizes: Duplex decompresses with the largest window (15 bits), which reads any stream whose
 * window is smaller, so it never limits the peer's window ({@code client_max_window_bits} is left out
 * of a server's response, which section 7.1.2.2 allows). When the peer limits Duplex's window to
 * fewer than 15 bits, which {@code java.util.zip} cannot set, Duplex still accepts and keeps to the
 * limit for real: it compresses each 2^bits bytes of a message as its own block, ended by a full
 * flush, so that no back-reference reaches further back than the window ({@link PerMessageDeflate}).
 *
 * <p>Stateless.
 */
public final class DeflateNegotiation {
    public static final String NAME = "permessage-deflate";

    private DeflateNegotiation() {
    }

    /**
     * A server's answer to one offer: the response's parameters, or empty when the offer is malformed
     * (an unknown or repeated parameter, a bad window size), which declines this offer and leaves the
     * client's next one to be tried (section 5.1).
     */
    public static Optional<DeflateParameters> accept(List<ExtensionParameter> offer,
            DeflateSettings settings) {
        DeflateParameters offered;
        try {
            offered = DeflateParameters.fromOffer(offer);
        } catch (InvalidParametersException e) {
            return Optional.empty();
        }
        return Optional.of(new DeflateParameters(
                // Section 7.1.1.1: a server may always announce no context takeover for itself.
                offered.serverNoContextTakeover() || !settings.ownContextTakeover(),
                // Section 7.1.1.2: and may ask it of the client.
                offered.clientNoContextTakeover() || !settings.peerContextTakeover(),
                // Section 7.1.2.1: a limit on the server's window is kept (see the class comment).
                offered.serverMaxWindowBits(),
                DeflateParameters.ABSENT));
    }

    /**
     * A client's offer where the application named {@code permessage-deflate} without parameters (as
     * {@code getInstalledExtensions} lists it): {@code client_max_window_bits} without a value, as browsers
     * send, since Duplex keeps to any window the server asks for (section 7.1.2.2), and
     * {@code client_no_context_takeover} where these settings keep no context between messages.
     */
    public static ExtensionOffer offer(DeflateSettings settings) {
        List<ExtensionParameter> parameters = settings.ownContextTakeover()
                ? List.of(ExtensionParameter.of(DeflateParameters.CLIENT_MAX_WINDOW_BITS))
                : List.of(ExtensionParameter.of(DeflateParameters.CLIENT_NO_CONTEXT_TAKEOVER),
                        ExtensionParameter.of(DeflateParameters.CLIENT_MAX_WINDOW_BITS));
        return new ExtensionOffer(NAME, parameters);
    }

    /**
     * Checks a server's response to {@link #offer}: section 7.1 lets the client accept only a
     * response it can honour, and fail the connection otherwise.
     *
     * @throws InvalidParametersException what makes the response unacceptable
     */
    public static DeflateParameters checkResponse(ExtensionOffer response) throws InvalidParametersException {
        return DeflateParameters.fromResponse(response.parameters());
    }

    /** The extension for one connection, from the agreed parameters (the response) seen from {@code role}. */
    public static PerMessageDeflate extension(DeflateParameters agreed, Role role, DeflateSettings settings) {
        boolean server = role == Role.SERVER;
        boolean ownNoContext = server ? agreed.serverNoContextTakeover() : agreed.clientNoContextTakeover();
        boolean peerNoContext = server ? agreed.clientNoContextTakeover() : agreed.serverNoContextTakeover();
        int ownBits = server ? agreed.serverMaxWindowBits() : agreed.clientMaxWindowBits();
        return new PerMessageDeflate(settings.compressionLevel(), settings.threshold(),
                !ownNoContext && settings.ownContextTakeover(), ownBits > 0 ? ownBits : DeflateParameters.MAX_WINDOW_BITS,
                !peerNoContext, ZlibPool.SHARED);
    }
}
