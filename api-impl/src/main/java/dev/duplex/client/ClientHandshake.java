package dev.duplex.client;

import dev.duplex.client.transport.ClientConnection;
import dev.duplex.client.transport.ConnectRequest;
import dev.duplex.client.transport.HandshakeException;
import dev.duplex.client.transport.HandshakeValidator;
import dev.duplex.endpoint.AbstractWebSocketContainer;
import dev.duplex.endpoint.HeaderExtension;
import dev.duplex.engine.deflate.DeflateNegotiation;
import dev.duplex.engine.deflate.DeflateSettings;
import dev.duplex.engine.handshake.ExtensionHeader;
import dev.duplex.engine.handshake.ExtensionOffer;
import dev.duplex.engine.handshake.HandshakeFormatException;
import dev.duplex.engine.handshake.SubprotocolHeader;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Extension;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The client's side of the opening handshake with a {@link ClientEndpointConfig} (Jakarta
 * WebSocket 2.2 section 3.3 and the {@code ClientEndpointConfig.Configurator} javadoc; RFC 6455
 * section 4.1): the request with the configuration's offer, the configurator's turn before it is
 * sent and after the response came, and the verdict on the response. Stateless and thread-safe;
 * the configurator's methods run on the thread calling {@code connectToServer}.
 */
final class ClientHandshake {
    static final String SEC_WEBSOCKET_PROTOCOL = "Sec-WebSocket-Protocol";
    static final String SEC_WEBSOCKET_EXTENSIONS = "Sec-WebSocket-Extensions";
    private static final ClientEndpointConfig.Configurator DEFAULT_CONFIGURATOR =
            new ClientEndpointConfig.Configurator();

    private ClientHandshake() {
    }

    /**
     * The upgrade request for {@code path}: the fields RFC 6455 section 4.1 requires, the
     * configuration's preferred subprotocols and extensions (all of them, in order, though Duplex
     * implements no extension: the server may accept what the application asked for), the
     * {@link ClientProperties} settings, then whatever {@code beforeRequest} leaves in the header map.
     *
     * @throws DeploymentException when the URI is no {@code ws}/{@code wss} URI with a host, a setting
     *                             is invalid, a subprotocol or extension cannot be written in its header,
     *                             or the configurator throws or leaves a header that cannot be sent
     */
    static ConnectRequest request(URI path, ClientEndpointConfig config, DeflateSettings deflate)
            throws DeploymentException {
        return request(path, config, deflate, false);
    }

    /**
     * @param deflateWhenNoneNamed offer permessage-deflate when the configuration names no extension, as
     *                             browsers do ({@link DuplexWebSocketContainer#setOfferingDeflateByDefault})
     */
    static ConnectRequest request(URI path, ClientEndpointConfig config, DeflateSettings deflate,
            boolean deflateWhenNoneNamed) throws DeploymentException {
        if (path == null) {
            throw new DeploymentException("connectToServer needs the URI of the server endpoint; it was null");
        }
        ConnectRequest.Builder builder;
        try {
            builder = ConnectRequest.builder(path);
        } catch (IllegalArgumentException e) {
            throw new DeploymentException("cannot connect to " + path + ": " + e.getMessage(), e);
        }
        ConnectSettings.apply(config.getUserProperties(), builder);
        List<String> subprotocols = config.getPreferredSubprotocols();
        if (subprotocols != null && !subprotocols.isEmpty()) {
            builder.header(SEC_WEBSOCKET_PROTOCOL, subprotocolHeader(subprotocols));
        }
        // Exactly what the configuration names (ClientEndpointConfig javadoc: these populate the header), so
        // nothing by default; the TCK checks that a configuration without extensions negotiates none. An
        // application asks for compression by naming permessage-deflate, e.g. from getInstalledExtensions(),
        // or has the container offer it to every configuration that names none.
        List<Extension> extensions = config.getExtensions();
        if (deflateWhenNoneNamed && (extensions == null || extensions.isEmpty())) {
            extensions = List.of(AbstractWebSocketContainer.PERMESSAGE_DEFLATE);
        }
        List<Extension> offered = extensions == null ? List.of() : withoutDisabledDeflate(extensions, deflate);
        if (!offered.isEmpty()) {
            builder.header(SEC_WEBSOCKET_EXTENSIONS, extensionHeader(offered, deflate));
        }
        ConnectRequest formulated = builder.build();

        // Configurator javadoc, beforeRequest: the headers of the request as formulated, to inspect and
        // change; names are case-insensitive (RFC 9110 section 5.1), so the map is too.
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        formulated.handshakeHeaders().forEach((name, values) -> headers.put(name, new ArrayList<>(values)));
        try {
            configurator(config).beforeRequest(headers);
        } catch (RuntimeException e) {
            throw new DeploymentException(configuratorName(config) + ".beforeRequest threw: " + e, e);
        }
        try {
            return formulated.toBuilder().headers(inSendingOrder(headers, formulated)).build();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new DeploymentException("the handshake request headers left by " + configuratorName(config)
                    + ".beforeRequest cannot be sent: " + e.getMessage(), e);
        }
    }

    /**
     * The configurator's {@code afterResponse}, for a response of any status: a redirect's too, since each hop is
     * a handshake interaction of its own (Configurator javadoc). On failure the connection is aborted.
     *
     * @throws DeploymentException when {@code afterResponse} threw
     */
    static void showResponse(ClientConnection connection, ClientEndpointConfig config) throws DeploymentException {
        try {
            configurator(config).afterResponse(new ReceivedHandshakeResponse(connection.response().headers()));
        } catch (RuntimeException e) {
            connection.abort();
            throw new DeploymentException(configuratorName(config) + ".afterResponse threw: " + e, e);
        }
    }

    /**
     * Checks the response (RFC 6455 section 4.1); on failure the connection is aborted.
     *
     * @return what the server agreed to
     * @throws DeploymentException when the server refused the handshake (the message names the status
     *                             or the broken rule; the cause is the {@link HandshakeException})
     */
    static HandshakeValidator.Agreement validate(ConnectRequest request, ClientConnection connection,
            ClientEndpointConfig config) throws DeploymentException {
        try {
            return HandshakeValidator.validate(request, connection.response());
        } catch (HandshakeException e) {
            connection.abort();
            throw new DeploymentException("the WebSocket handshake with " + request.uri() + " failed: "
                    + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            connection.abort();
            throw new DeploymentException("the handshake request headers left by " + configuratorName(config)
                    + ".beforeRequest are malformed: " + e.getMessage(), e);
        }
    }

    /**
     * Waits for the connector's attempt: the response head, or the failure. Interrupted, it abandons
     * the attempt (a connection that arrived anyway is aborted) and keeps the interrupt.
     *
     * @throws IOException the transport's failure as it is ({@link java.net.SocketTimeoutException} for
     *                     the timeouts, {@link javax.net.ssl.SSLException} for TLS...), or
     *                     {@link InterruptedIOException} when interrupted
     */
    static ClientConnection await(CompletableFuture<ClientConnection> attempt, URI uri) throws IOException {
        try {
            return attempt.get();
        } catch (InterruptedException e) {
            if (!attempt.cancel(false)) {
                attempt.thenAccept(ClientConnection::abort);
            }
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException("interrupted while connecting to " + uri);
            interrupted.initCause(e);
            throw interrupted;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException("connecting to " + uri + " failed: " + cause, cause);
        } catch (CancellationException e) {
            throw new IOException("connecting to " + uri + " was cancelled", e);
        }
    }

    /** One header value listing the subprotocols (RFC 6455 section 4.1, point 10); each must be a token. */
    private static String subprotocolHeader(List<String> subprotocols) throws DeploymentException {
        String value = String.join(", ", subprotocols);
        try {
            if (SubprotocolHeader.subprotocols(List.of(value)).equals(subprotocols)) {
                return value;
            }
        } catch (HandshakeFormatException | NullPointerException e) {
            // reported below
        }
        throw new DeploymentException("the preferred subprotocols " + subprotocols + " of the ClientEndpointConfig"
                + " cannot be offered: each must be a non-empty HTTP token (RFC 6455 section 4.1, point 10)");
    }

    /** The offers, in order; a bare permessage-deflate gets the parameters Duplex's client offers it with. */
    private static String extensionHeader(List<Extension> extensions, DeflateSettings deflate) throws DeploymentException {
        List<ExtensionOffer> offers = new ArrayList<>();
        for (Extension extension : extensions) {
            try {
                ExtensionOffer offer = HeaderExtension.toOffer(extension);
                boolean bareDeflate = DeflateNegotiation.NAME.equals(offer.name()) && offer.parameters().isEmpty();
                offers.add(bareDeflate ? DeflateNegotiation.offer(deflate) : offer);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new DeploymentException("the extension " + describe(extension) + " of the ClientEndpointConfig"
                        + " cannot be offered: " + e.getMessage() + " (RFC 6455 section 9.1)", e);
            }
        }
        return ExtensionHeader.format(offers);
    }

    /** A container with permessage-deflate turned off does not offer it, even when a configuration names it. */
    private static List<Extension> withoutDisabledDeflate(List<Extension> extensions, DeflateSettings deflate) {
        if (deflate.enabled()) {
            return extensions;
        }
        List<Extension> kept = new ArrayList<>(extensions);
        kept.removeIf(extension -> extension != null && DeflateNegotiation.NAME.equals(extension.getName()));
        return kept;
    }

    private static String describe(Extension extension) {
        return extension == null ? "null" : "'" + extension.getName() + "'";
    }

    /** The map in the order the request had (the required fields first, RFC 9110 section 7.2), then additions. */
    private static Map<String, List<String>> inSendingOrder(Map<String, List<String>> headers,
            ConnectRequest formulated) {
        Map<String, List<String>> ordered = new LinkedHashMap<>();
        for (String name : formulated.handshakeHeaders().keySet()) {
            List<String> values = headers.get(name);
            if (values != null) {
                ordered.put(name, values);
            }
        }
        headers.forEach((name, values) -> {
            if (ordered.keySet().stream().noneMatch(name::equalsIgnoreCase)) {
                ordered.put(name, values);
            }
        });
        return ordered;
    }

    /** The configuration's configurator; a configuration implemented without one gets the default's no-ops. */
    private static ClientEndpointConfig.Configurator configurator(ClientEndpointConfig config) {
        ClientEndpointConfig.Configurator configurator = config.getConfigurator();
        return configurator != null ? configurator : DEFAULT_CONFIGURATOR;
    }

    private static String configuratorName(ClientEndpointConfig config) {
        return configurator(config).getClass().getName();
    }
}
