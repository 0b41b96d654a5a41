package dev.duplex.endpoint.server;

import dev.duplex.endpoint.HeaderExtension;
import dev.duplex.engine.deflate.DeflateNegotiation;
import dev.duplex.engine.deflate.DeflateParameters;
import jakarta.websocket.Extension;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Duplex's platform default {@link ServerEndpointConfig.Configurator} (Jakarta WebSocket 2.2 section
 * 3.1), found by the API through {@link java.util.ServiceLoader} under
 * {@code META-INF/services/jakarta.websocket.server.ServerEndpointConfig$Configurator}.
 *
 * <p>The API's {@code Configurator} methods delegate to the container default, so this class
 * overrides every one of them; otherwise each call would load another default and recurse.
 *
 * <p>Stateless and thread-safe: one instance may serve every endpoint and connection. The container
 * uses {@link #shared()}; the service loader creates further instances, all behaving alike.
 */
public class DefaultServerConfigurator extends ServerEndpointConfig.Configurator {
    private static final DefaultServerConfigurator SHARED = new DefaultServerConfigurator();

    /** Public so that {@link java.util.ServiceLoader} can create it. */
    public DefaultServerConfigurator() {
    }

    /** The instance the container uses for configurations that name no configurator. */
    public static DefaultServerConfigurator shared() {
        return SHARED;
    }

    /** This configurator is the platform default, so it answers with itself. */
    @Override
    public ServerEndpointConfig.Configurator getContainerDefaultConfigurator() {
        return this;
    }

    /**
     * The first subprotocol in the client's list that the server supports, or "" when none
     * (Configurator javadoc: "the first subprotocol in the list sent by the client that the server
     * supports"; the TCK expects the client's order to decide, not the server's). Names compare
     * exactly: RFC 6455 section 11.3.4 registers subprotocol names case-sensitively.
     */
    @Override
    public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
        if (supported == null || requested == null) {
            return "";
        }
        for (String candidate : requested) {
            if (candidate != null && supported.contains(candidate)) {
                return candidate;
            }
        }
        return "";
    }

    /**
     * The requested extensions that are installed, in the client's order (Configurator javadoc,
     * Jakarta WebSocket 2.2 section 3.1.3). Extensions are matched by name; the client's offer,
     * with its parameters, is what is returned. A client may offer one extension several times with
     * different parameters (RFC 7692 section 5); only its first acceptable offer is taken, since an
     * extension is in use at most once.
     */
    @Override
    public List<Extension> getNegotiatedExtensions(List<Extension> installed, List<Extension> requested) {
        if (installed == null || requested == null || installed.isEmpty()) {
            return new ArrayList<>();
        }
        Set<String> installedNames = new HashSet<>();
        for (Extension extension : installed) {
            installedNames.add(extension.getName());
        }
        Set<String> taken = new HashSet<>();
        List<Extension> negotiated = new ArrayList<>();
        for (Extension offer : requested) {
            String name = offer.getName();
            if (installedNames.contains(name) && acceptable(offer) && taken.add(name)) {
                negotiated.add(offer);
            }
        }
        return negotiated;
    }

    /**
     * Whether Duplex can honour the offer: for permessage-deflate, a well-formed one (RFC 7692 section
     * 7: no unknown or repeated parameter, window sizes 8 to 15), so that a malformed first offer
     * leaves the client's next one to be taken (section 5.1). Other extensions are the application's.
     */
    private static boolean acceptable(Extension offer) {
        if (!DeflateNegotiation.NAME.equals(offer.getName())) {
            return true;
        }
        try {
            DeflateParameters.fromOffer(HeaderExtension.toOffer(offer).parameters());
            return true;
        } catch (DeflateParameters.InvalidParametersException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Accepts every origin. Section 3.1.4 asks the default to fail handshakes whose Origin cannot be
     * verified, but the container knows no list of trusted origins, and non-browser clients send no
     * Origin at all (RFC 6455 section 10.2 leaves the policy to the server). Applications restrict
     * origins by overriding this method.
     */
    @Override
    public boolean checkOrigin(String originHeaderValue) {
        return true;
    }

    /** Makes no change to the handshake (section 3.1.5). */
    @Override
    public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
        // The default configuration leaves the handshake as the container formulated it.
    }

    /**
     * A new instance per call: one endpoint instance per client, the default deployment cardinality
     * (Configurator javadoc). It is made by the container's instance provider
     * ({@link dev.duplex.endpoint.instance.InstanceProvider}): the public no-argument constructor by
     * default, a CDI container's bean or injected instance with {@code duplex-cdi}.
     *
     * @throws InstantiationException when the class is abstract or an interface, has no public
     *                                no-argument constructor, is not accessible, or its constructor
     *                                throws (then the cause is what it threw)
     */
    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
        try {
            return EndpointInstanceProvider.current().create(endpointClass);
        } catch (InstantiationException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            throw instantiationFailure(endpointClass, e.toString(), e);
        }
    }

    private static InstantiationException instantiationFailure(Class<?> endpointClass, String why, Throwable cause) {
        InstantiationException failure = new InstantiationException(
                "cannot instantiate endpoint " + endpointClass.getName() + ": " + why);
        failure.initCause(cause);
        return failure;
    }
}
