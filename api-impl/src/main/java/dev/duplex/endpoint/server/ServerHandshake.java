package dev.duplex.endpoint.server;

import dev.duplex.endpoint.AbstractWebSocketContainer;
import dev.duplex.endpoint.HeaderExtension;
import dev.duplex.endpoint.instance.InstanceProvider;
import dev.duplex.engine.deflate.DeflateNegotiation;
import dev.duplex.engine.deflate.DeflateParameters;
import dev.duplex.engine.deflate.DeflateSettings;
import dev.duplex.engine.handshake.ExtensionHeader;
import dev.duplex.engine.handshake.ExtensionOffer;
import dev.duplex.engine.handshake.HandshakeFormatException;
import dev.duplex.engine.handshake.HeaderTokens;
import dev.duplex.engine.handshake.SubprotocolHeader;
import dev.duplex.engine.handshake.UpgradeHeader;
import dev.duplex.engine.handshake.WebSocketKey;
import jakarta.websocket.Extension;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The server side of the opening handshake, independent of any transport: it checks the request
 * (RFC 6455 section 4.2.1), runs the configurator (Jakarta WebSocket 2.2 section 3.1) and formulates
 * the 101 response (RFC 6455 section 4.2.2), or says why the request is refused.
 *
 * <p>Steps, in order; the first failing one decides the answer:
 * <ol>
 * <li>the method is GET, else 405 with {@code Allow: GET};</li>
 * <li>{@code Host} is present, else 400 (section 4.2.1 item 2);</li>
 * <li>{@code Upgrade} lists {@code websocket} and {@code Connection} lists {@code upgrade}, both
 *     ASCII case-insensitively, else 400 (items 3 and 4);</li>
 * <li>{@code Sec-WebSocket-Version} is 13, else 426 with {@code Sec-WebSocket-Version: 13}
 *     (item 6, section 4.4); checked before the key so that a client of another version is told
 *     which one to speak;</li>
 * <li>exactly one {@code Sec-WebSocket-Key}, the base64 form of 16 bytes, else 400 (item 5);</li>
 * <li>the configurator's {@code checkOrigin} with the {@code Origin} value (null when absent),
 *     else 403 (section 3.1.4, RFC 6455 section 4.2.2 item 4);</li>
 * <li>subprotocol: {@code getNegotiatedSubprotocol(config's subprotocols, client's list)}; the
 *     answer must be "" or one of the client's, else 500 (RFC 6455 section 4.2.2 item 5.5);</li>
 * <li>extensions: {@code getNegotiatedExtensions(installed, client's offers)}, where installed is
 *     the configuration's extensions followed by the container's (section 3.1.3);</li>
 * <li>{@code modifyHandshake} with the per-connection configuration, the request, and the proposed
 *     response (section 3.1.5);</li>
 * <li>{@code getEndpointInstance}, before anything is sent, so a failure is still a 500.</li>
 * </ol>
 * A malformed {@code Upgrade}, {@code Connection}, {@code Sec-WebSocket-Version},
 * {@code Sec-WebSocket-Protocol} or {@code Sec-WebSocket-Extensions} header is a 400. An exception
 * thrown by the configurator is a 500 that carries it.
 *
 * <p>The container owns the protocol's own response headers: {@code Upgrade}, {@code Connection},
 * {@code Sec-WebSocket-Accept}, {@code Sec-WebSocket-Protocol} and {@code Sec-WebSocket-Extensions}
 * are in the proposed response {@code modifyHandshake} sees, and are set again afterwards, so a
 * configurator that copies request headers into the response cannot break the handshake. Every
 * other header it adds, changes or removes is sent as it left it.
 *
 * <p>Thread-safety: stateless apart from its immutable settings; one instance serves every
 * handshake of a container, concurrently.
 */
public final class ServerHandshake {
    private static final System.Logger LOG = System.getLogger(ServerHandshake.class.getName());

    static final String VERSION = "13";
    private static final String SEC_WEBSOCKET_VERSION = HandshakeRequest.SEC_WEBSOCKET_VERSION;
    private static final String SEC_WEBSOCKET_KEY = HandshakeRequest.SEC_WEBSOCKET_KEY;
    private static final String SEC_WEBSOCKET_PROTOCOL = HandshakeRequest.SEC_WEBSOCKET_PROTOCOL;
    private static final String SEC_WEBSOCKET_EXTENSIONS = HandshakeRequest.SEC_WEBSOCKET_EXTENSIONS;
    private static final String SEC_WEBSOCKET_ACCEPT = HandshakeResponse.SEC_WEBSOCKET_ACCEPT;

    private final Supplier<DeflateSettings> deflateSettings;
    private final Supplier<InstanceProvider> instanceProvider;

    /** A handshake whose endpoints are made by their public no-argument constructor. */
    public ServerHandshake(Supplier<DeflateSettings> deflateSettings) {
        this(deflateSettings, InstanceProvider::plain);
    }

    /**
     * @param deflateSettings  the container's current settings for permessage-deflate, read at each handshake
     * @param instanceProvider the container's instance provider, read at each handshake: the default
     *                         {@code getEndpointInstance} creates endpoints through it
     */
    public ServerHandshake(Supplier<DeflateSettings> deflateSettings, Supplier<InstanceProvider> instanceProvider) {
        this.deflateSettings = deflateSettings;
        this.instanceProvider = instanceProvider;
    }

    /**
     * Whether the request asks for a WebSocket upgrade at all: it has an {@code Upgrade} header
     * mentioning websocket. A transport passes other requests on as plain HTTP, and gives these to
     * {@link #process}, which then answers every defect with the proper status.
     */
    public static boolean isUpgradeAttempt(UpgradeRequest request) {
        for (String value : request.headerValues("Upgrade")) {
            if (value.toLowerCase(Locale.ROOT).contains("websocket")) {
                return true;
            }
        }
        return false;
    }

    /** Runs the handshake for a deployed endpoint the registry matched. */
    public HandshakeOutcome process(UpgradeRequest request, EndpointMatch match) {
        return process(request, match.config(), match.pathParameters());
    }

    /**
     * Runs the handshake for {@code config} (deployed, or given to {@code upgradeHttpToWebSocket}).
     *
     * @param pathParameters the path's variables and values; empty when there are none
     */
    public HandshakeOutcome process(UpgradeRequest request, ServerEndpointConfig config,
            Map<String, String> pathParameters) {
        try {
            return run(request, config, pathParameters);
        } catch (Rejected rejected) {
            HandshakeRejection rejection = rejected.rejection;
            if (rejection.status() >= 500) {
                LOG.log(Level.WARNING, "WebSocket handshake for " + request.requestUri() + " failed: "
                        + rejection.reason(), rejection.cause());
            } else {
                LOG.log(Level.DEBUG, "WebSocket handshake for {0} refused with {1}: {2}", request.requestUri(),
                        rejection.status(), rejection.reason());
            }
            return rejection;
        }
    }

    private HandshakeOutcome run(UpgradeRequest request, ServerEndpointConfig config,
            Map<String, String> pathParameters) throws Rejected {
        String key = checkRequest(request);

        ConnectionEndpointConfig connectionConfig = ConnectionEndpointConfig.of(config);
        ServerEndpointConfig.Configurator configurator = connectionConfig.getConfigurator();

        String origin = request.firstHeader("Origin");
        boolean originAccepted = callConfigurator("checkOrigin", () -> configurator.checkOrigin(origin));
        if (!originAccepted) {
            throw new Rejected(HandshakeRejection.of(403, "origin " + (origin == null ? "(none)" : quote(origin))
                    + " is not accepted by the endpoint's configurator"));
        }

        String subprotocol = negotiateSubprotocol(request, connectionConfig, configurator);
        List<Extension> extensions = negotiateExtensions(request, connectionConfig, configurator);

        ServerHandshakeResponse response = new ServerHandshakeResponse();
        Map<String, List<String>> protocolHeaders = protocolHeaders(key, subprotocol, extensions);
        applyProtocolHeaders(response, protocolHeaders);

        ServerHandshakeRequest handshakeRequest = new ServerHandshakeRequest(request, pathParameters);
        callConfigurator("modifyHandshake", () -> {
            configurator.modifyHandshake(connectionConfig, handshakeRequest, response);
            return null;
        });
        applyProtocolHeaders(response, protocolHeaders);

        Object endpoint = instantiate(instanceProvider.get(), configurator, connectionConfig.getEndpointClass());
        return new HandshakeAcceptance(response.snapshot(), connectionConfig, endpoint,
                Collections.unmodifiableMap(new LinkedHashMap<>(pathParameters)), subprotocol, List.copyOf(extensions),
                handshakeRequest);
    }

    /** RFC 6455 section 4.2.1; returns the client's key. */
    private static String checkRequest(UpgradeRequest request) throws Rejected {
        if (!request.method().equals("GET")) {
            throw new Rejected(HandshakeRejection.withHeader(405, "a WebSocket handshake must be a GET request, not "
                    + quote(request.method()) + " (RFC 6455 section 4.1)", "Allow", "GET"));
        }
        if (request.headerValues("Host").isEmpty()) {
            throw badRequest("the Host header is missing (RFC 6455 section 4.2.1 item 2)");
        }
        try {
            if (!UpgradeHeader.containsProtocol(request.headerValues("Upgrade"), "websocket")) {
                throw badRequest("the Upgrade header must list \"websocket\" (RFC 6455 section 4.2.1 item 3)");
            }
            if (!HeaderTokens.containsToken(request.headerValues("Connection"), "Upgrade")) {
                throw badRequest("the Connection header must list \"Upgrade\" (RFC 6455 section 4.2.1 item 4)");
            }
        } catch (HandshakeFormatException e) {
            throw badRequest(e.getMessage());
        }
        List<String> versions = request.headerValues(SEC_WEBSOCKET_VERSION);
        List<String> versionTokens;
        try {
            versionTokens = HeaderTokens.tokens(versions);
        } catch (HandshakeFormatException e) {
            versionTokens = List.of();
        }
        if (!versionTokens.equals(List.of(VERSION))) {
            String sent = versions.isEmpty() ? "no Sec-WebSocket-Version" : "Sec-WebSocket-Version "
                    + quote(String.join(", ", versions));
            throw new Rejected(HandshakeRejection.withHeader(426, "the request has " + sent
                    + "; this server speaks version 13 (RFC 6455 section 4.4)", SEC_WEBSOCKET_VERSION, VERSION));
        }
        List<String> keys = request.headerValues(SEC_WEBSOCKET_KEY);
        if (keys.isEmpty()) {
            throw badRequest("the Sec-WebSocket-Key header is missing (RFC 6455 section 4.2.1 item 5)");
        }
        if (keys.size() > 1) {
            throw badRequest("the request has more than one Sec-WebSocket-Key header (RFC 6455 section 11.3.1)");
        }
        if (!WebSocketKey.isValidClientKey(keys.get(0))) {
            throw badRequest("the Sec-WebSocket-Key " + quote(keys.get(0))
                    + " is not the base64 form of 16 bytes (RFC 6455 section 4.2.1 item 5)");
        }
        return keys.get(0);
    }

    private static String negotiateSubprotocol(UpgradeRequest request, ServerEndpointConfig config,
            ServerEndpointConfig.Configurator configurator) throws Rejected {
        List<String> requested;
        try {
            requested = SubprotocolHeader.subprotocols(request.headerValues(SEC_WEBSOCKET_PROTOCOL));
        } catch (HandshakeFormatException e) {
            throw badRequest(e.getMessage());
        }
        List<String> supported = config.getSubprotocols() == null ? List.of() : config.getSubprotocols();
        List<String> requestedCopy = new ArrayList<>(requested);
        String chosen = callConfigurator("getNegotiatedSubprotocol",
                () -> configurator.getNegotiatedSubprotocol(supported, requestedCopy));
        if (chosen == null || chosen.isEmpty()) {
            return "";
        }
        if (!requested.contains(chosen)) {
            throw new Rejected(HandshakeRejection.of(500, "the configurator chose the subprotocol " + quote(chosen)
                    + ", which the client did not request (RFC 6455 section 4.2.2 item 5.5)"));
        }
        return chosen;
    }

    private List<Extension> negotiateExtensions(UpgradeRequest request, ServerEndpointConfig config,
            ServerEndpointConfig.Configurator configurator) throws Rejected {
        List<Extension> requested = new ArrayList<>();
        try {
            for (ExtensionOffer offer : ExtensionHeader.parse(request.headerValues(SEC_WEBSOCKET_EXTENSIONS))) {
                requested.add(HeaderExtension.of(offer));
            }
        } catch (HandshakeFormatException e) {
            throw badRequest(e.getMessage());
        }
        DeflateSettings deflate = deflateSettings.get();
        List<Extension> installed = installedExtensions(config, deflate);
        List<Extension> chosen = callConfigurator("getNegotiatedExtensions",
                () -> configurator.getNegotiatedExtensions(installed, requested));
        return chosen == null ? List.of() : responses(chosen, deflate);
    }

    /**
     * What the response says of each chosen extension. The configurator chooses among the client's
     * offers (its javadoc); for permessage-deflate the response is then Duplex's answer to that
     * offer (RFC 7692 section 7.1), which sets what Duplex will do, and an offer Duplex cannot honour
     * is left out rather than accepted and then broken.
     */
    private static List<Extension> responses(List<Extension> chosen, DeflateSettings deflate) {
        List<Extension> responses = new ArrayList<>(chosen.size());
        boolean deflateTaken = false;
        for (Extension extension : chosen) {
            if (!DeflateNegotiation.NAME.equals(extension.getName())) {
                responses.add(extension);
                continue;
            }
            Optional<DeflateParameters> answer = deflate.enabled() && !deflateTaken
                    ? DeflateNegotiation.accept(HeaderExtension.toOffer(extension).parameters(), deflate)
                    : Optional.empty();
            if (answer.isEmpty()) {
                LOG.log(Level.DEBUG, () -> "declining " + extension.getName() + " " + extension.getParameters()
                        + ": not an offer Duplex can honour, or one of it was taken already");
                continue;
            }
            deflateTaken = true;
            responses.add(HeaderExtension.of(new ExtensionOffer(DeflateNegotiation.NAME, answer.get().toParameters())));
        }
        return List.copyOf(responses);
    }

    /** The configuration's extensions, then the container's that it does not already name. */
    private static List<Extension> installedExtensions(ServerEndpointConfig config, DeflateSettings deflate) {
        List<Extension> installed = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<Extension> configured = config.getExtensions() == null ? List.of() : config.getExtensions();
        for (Extension extension : configured) {
            installed.add(extension);
            names.add(extension.getName());
        }
        if (deflate.enabled() && names.add(DeflateNegotiation.NAME)) {
            installed.add(AbstractWebSocketContainer.PERMESSAGE_DEFLATE);
        }
        return installed;
    }

    /** RFC 6455 section 4.2.2 item 5. */
    private static Map<String, List<String>> protocolHeaders(String key, String subprotocol, List<Extension> extensions)
            throws Rejected {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Upgrade", List.of("websocket"));
        headers.put("Connection", List.of("Upgrade"));
        headers.put(SEC_WEBSOCKET_ACCEPT, List.of(WebSocketKey.acceptFor(key)));
        headers.put(SEC_WEBSOCKET_PROTOCOL, subprotocol.isEmpty() ? null : List.of(subprotocol));
        String extensionsValue = null;
        if (!extensions.isEmpty()) {
            List<ExtensionOffer> offers = new ArrayList<>(extensions.size());
            try {
                for (Extension extension : extensions) {
                    offers.add(HeaderExtension.toOffer(extension));
                }
            } catch (IllegalArgumentException e) {
                throw new Rejected(HandshakeRejection.of(500, "a negotiated extension cannot be written in the"
                        + " Sec-WebSocket-Extensions header: " + e.getMessage(), e));
            }
            extensionsValue = ExtensionHeader.format(offers);
        }
        headers.put(SEC_WEBSOCKET_EXTENSIONS, extensionsValue == null ? null : List.of(extensionsValue));
        return headers;
    }

    /** Sets the container-owned headers; a null value list removes the header. */
    private static void applyProtocolHeaders(ServerHandshakeResponse response, Map<String, List<String>> headers) {
        headers.forEach((name, values) -> {
            if (values == null) {
                response.getHeaders().remove(name);
            } else {
                response.set(name, values.get(0));
            }
        });
    }

    private static Object instantiate(InstanceProvider provider, ServerEndpointConfig.Configurator configurator,
            Class<?> endpointClass) throws Rejected {
        Object endpoint;
        try {
            endpoint = EndpointInstanceProvider.create(provider, () -> configurator.getEndpointInstance(endpointClass));
        } catch (InstantiationException e) {
            throw new Rejected(HandshakeRejection.of(500, "the endpoint could not be instantiated: " + e.getMessage(),
                    e));
        } catch (RuntimeException e) {
            throw new Rejected(HandshakeRejection.of(500, "the configurator's getEndpointInstance threw " + e, e));
        }
        if (endpoint == null) {
            throw new Rejected(HandshakeRejection.of(500, "the configurator's getEndpointInstance returned null for "
                    + endpointClass.getName()));
        }
        return endpoint;
    }

    @FunctionalInterface
    private interface ConfiguratorCall<T> {
        T call();
    }

    /** Runs application code; what it throws becomes a 500 naming the method. */
    private static <T> T callConfigurator(String method, ConfiguratorCall<T> call) throws Rejected {
        try {
            return call.call();
        } catch (RuntimeException e) {
            throw new Rejected(HandshakeRejection.of(500, "the configurator's " + method + " threw " + e, e));
        }
    }

    private static Rejected badRequest(String reason) {
        return new Rejected(HandshakeRejection.of(400, reason));
    }

    private static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        int limit = Math.min(value.length(), 80);
        for (int i = 0; i < limit; i++) {
            char c = value.charAt(i);
            out.append(c < ' ' || c == 0x7f ? '?' : c);
        }
        return out.append(value.length() > limit ? "...\"" : "\"").toString();
    }

    /** Carries a rejection out of the steps; never escapes this class. */
    private static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;
        final transient HandshakeRejection rejection;

        Rejected(HandshakeRejection rejection) {
            super(rejection.reason(), null, false, false);
            this.rejection = rejection;
        }
    }
}
