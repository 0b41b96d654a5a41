package dev.duplex.endpoint;

import dev.duplex.engine.Extensions;
import dev.duplex.engine.Role;
import dev.duplex.engine.deflate.DeflateNegotiation;
import dev.duplex.engine.deflate.DeflateParameters;
import dev.duplex.engine.deflate.DeflateSettings;
import jakarta.websocket.Extension;
import jakarta.websocket.WebSocketContainer;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's side of the extensions a handshake agreed on: the {@link Extension}s of
 * {@code Session.getNegotiatedExtensions()} (the server's response, RFC 6455 section 9.1) made into
 * what transforms the frames. Extensions Duplex does not implement have no engine part: their RSV bits
 * stay refused. Stateless.
 */
public final class EngineExtensions {
    private EngineExtensions() {
    }

    /** The deflate settings of the container, or the role's defaults for a container that is not Duplex's. */
    public static DeflateSettings settingsOf(WebSocketContainer container, Role role) {
        if (container instanceof AbstractWebSocketContainer duplex) {
            return duplex.getDeflateSettings();
        }
        return role == Role.SERVER ? DeflateSettings.SERVER_DEFAULTS : DeflateSettings.CLIENT_DEFAULTS;
    }

    /**
     * @throws IllegalArgumentException when the agreed parameters of permessage-deflate are not a valid
     *                                  response; the handshake checks them before it gets here
     */
    public static Extensions of(List<Extension> agreed, Role role, DeflateSettings settings) {
        if (agreed.isEmpty()) {
            return Extensions.NONE;
        }
        List<dev.duplex.engine.Extension> engine = new ArrayList<>(1);
        for (Extension extension : agreed) {
            if (DeflateNegotiation.NAME.equals(extension.getName())) {
                try {
                    DeflateParameters parameters = DeflateParameters.fromResponse(
                            HeaderExtension.toOffer(extension).parameters());
                    engine.add(DeflateNegotiation.extension(parameters, role, settings));
                } catch (DeflateParameters.InvalidParametersException e) {
                    throw new IllegalArgumentException(e.getMessage(), e);
                }
            }
        }
        return Extensions.of(engine);
    }
}
