package dev.duplex.client;

/**
 * Names of the {@code ClientEndpointConfig} user properties that tune one connection of the
 * Duplex client. Put them into the configuration before calling {@code connectToServer}:
 * <pre>{@code
 * ClientEndpointConfig config = ClientEndpointConfig.Builder.create().build();
 * config.getUserProperties().put(ClientProperties.SSL_CONTEXT, mySslContext);
 * config.getUserProperties().put(ClientProperties.CONNECT_TIMEOUT, Duration.ofSeconds(5));
 * container.connectToServer(endpoint, config, URI.create("wss://example.com/chat"));
 * }</pre>
 * For an annotated endpoint, whose configuration the container builds from {@code @ClientEndpoint},
 * a custom {@code ClientEndpointConfig.Configurator} cannot reach the user properties; use the
 * {@code connectToServer(Endpoint, ClientEndpointConfig, URI)} overloads for these settings.
 *
 * <p>A value of the wrong type, or out of range, makes {@code connectToServer} throw a
 * {@code DeploymentException} naming the property. Absent properties take the defaults below. Like
 * every user property, they are copied into the session's user properties as well (Session javadoc).
 */
public final class ClientProperties {

    /**
     * The {@link javax.net.ssl.SSLContext} for {@code wss} connections. Default: the JVM's default
     * context, {@link javax.net.ssl.SSLContext#getDefault()} (so the {@code javax.net.ssl.trustStore}
     * system properties apply).
     */
    public static final String SSL_CONTEXT = "dev.duplex.client.sslContext";

    /**
     * Whether the server's certificate must name the host of the URI (RFC 2818 section 3.1): a
     * {@link Boolean}, or the string {@code "true"} or {@code "false"}. Default {@code true}. Turn it
     * off only for tests and closed networks: without it anyone on the path can pose as the server.
     */
    public static final String HOSTNAME_VERIFICATION = "dev.duplex.client.hostnameVerification";

    /**
     * How long resolving the host and opening the TCP connection (to the proxy, if any) may take: a
     * {@link java.time.Duration}, or a {@link Number} or numeric string of milliseconds, positive.
     * Default 30 seconds. When it expires, {@code connectToServer} throws a
     * {@link java.net.SocketTimeoutException}.
     */
    public static final String CONNECT_TIMEOUT = "dev.duplex.client.connectTimeout";

    /**
     * How long the whole opening handshake may take, from the call until the server's response
     * head arrived (resolution, TCP, proxy, TLS and HTTP, for every redirect followed): a {@link java.time.Duration}, or a
     * {@link Number} or numeric string of milliseconds, positive. Default 30 seconds. When it
     * expires, {@code connectToServer} throws a {@link java.net.SocketTimeoutException}.
     */
    public static final String HANDSHAKE_TIMEOUT = "dev.duplex.client.handshakeTimeout";

    /**
     * How long a session waits for the server's answer to its close frame before it drops the connection and reports
     * 1006 to {@code onClose} (RFC 6455 section 7.1.5): a {@link java.time.Duration}, or a {@link Number} or numeric
     * string of milliseconds, positive. Default 30 seconds, as on the server ({@code dev.duplex.closeTimeout}).
     */
    public static final String CLOSE_TIMEOUT = "dev.duplex.client.closeTimeout";

    /**
     * An HTTP proxy to reach the server through, with {@code CONNECT} (RFC 9110 section 9.3.6): an
     * {@link java.net.InetSocketAddress}, or a string {@code "host:port"} ({@code "[::1]:3128"} for an
     * IPv6 literal). Default: none, a direct connection. System proxy settings are not consulted.
     */
    public static final String PROXY = "dev.duplex.client.proxy";

    /**
     * The most bytes that may wait to be sent on the connection, for a peer that reads slowly: a
     * {@link Number} or numeric string, positive. A send that would pass it fails at once with an
     * IOException (an async send's future or handler hears of it), and nothing of it is sent.
     * Default 16 MiB ({@link dev.duplex.transport.WriteQueue#DEFAULT_MAX_QUEUED_BYTES}).
     */
    public static final String MAX_QUEUED_BYTES = "dev.duplex.client.maxQueuedBytes";

    /**
     * How many redirects of the opening handshake to follow (301, 302, 303, 307, 308 with a {@code Location}; RFC
     * 6455 section 4.1 lets a client follow them): a {@link Number} or numeric string, zero or positive; {@code 0}
     * follows none, so a redirect fails {@code connectToServer} with a {@code DeploymentException} naming the status
     * and the Location. Default 5. Each hop is a new opening handshake with a new key, over a new connection, with the
     * same settings (TLS, proxy, connect timeout) and the same subprotocols and extensions; the configurator's
     * {@code beforeRequest} and {@code afterResponse} run for every hop, so headers meant for one host (such as
     * {@code Authorization}) are sent to another only if it adds them again. An {@code http} or {@code https}
     * Location is taken as {@code ws} or {@code wss}. Refused with a {@code DeploymentException}: a redirect from
     * {@code wss} to {@code ws}, a loop, and more redirects than this. The {@link #HANDSHAKE_TIMEOUT} covers the whole
     * chain; {@link #CONNECT_TIMEOUT} each connection. The session's {@code getRequestURI} is the URI of the last hop.
     */
    public static final String MAX_REDIRECTS = "dev.duplex.client.maxRedirects";

    /**
     * A {@link ReconnectPolicy}: when the session's connection drops, connect again after a backoff delay, and tell
     * the policy's listeners of the new session or of giving up. Default: none, a dropped session stays closed. See
     * {@link ReconnectPolicy} for which closes count as drops.
     */
    public static final String RECONNECT = "dev.duplex.client.reconnect";

    private ClientProperties() {
    }
}
