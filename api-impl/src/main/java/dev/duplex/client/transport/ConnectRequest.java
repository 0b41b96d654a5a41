package dev.duplex.client.transport;

import dev.duplex.engine.handshake.WebSocketKey;
import dev.duplex.transport.WriteQueue;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Everything {@link ClientConnector#connect} needs for one opening handshake: where to connect
 * (a {@code ws} or {@code wss} URI, optionally through an HTTP proxy), the header fields of the
 * upgrade request, TLS settings and timeouts. Immutable and thread-safe; build with
 * {@link #builder(URI)}, derive variants with {@link #toBuilder()}.
 *
 * <p>The upgrade request always carries the fields RFC 6455 section 4.1 requires: {@code Host},
 * {@code Upgrade: websocket}, {@code Connection: Upgrade}, {@code Sec-WebSocket-Key} and
 * {@code Sec-WebSocket-Version: 13}. Header fields given to the builder come after them and
 * replace a required field of the same name (names compare ignoring case), so that what a
 * Jakarta {@code ClientEndpointConfig.Configurator.beforeRequest} leaves in the map is exactly
 * what is sent: see {@link #handshakeHeaders()}.
 */
public final class ConnectRequest {
    public static final String SEC_WEBSOCKET_KEY = "Sec-WebSocket-Key";
    public static final int DEFAULT_MAX_RESPONSE_HEAD_BYTES = 64 * 1024;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(30);
    /** Key nonces must be unpredictable (RFC 6455 section 10.3); SecureRandom is thread-safe. */
    private static final SecureRandom KEY_SOURCE = new SecureRandom();

    private final URI uri;
    private final boolean secure;
    private final String host;
    private final int port;
    private final String requestTarget;
    private final Map<String, List<String>> callerHeaders;
    private final Map<String, List<String>> handshakeHeaders;
    private final String secWebSocketKey;
    private final Duration connectTimeout;
    private final Duration handshakeTimeout;
    private final InetSocketAddress proxy;
    private final Map<String, List<String>> proxyHeaders;
    private final SSLContext sslContext;
    private final boolean hostnameVerification;
    private final int maxResponseHeadBytes;
    private final long maxQueuedBytes;

    private ConnectRequest(Builder b) {
        this.uri = b.uri;
        this.secure = b.uri.getScheme().equalsIgnoreCase("wss");
        this.host = b.uri.getHost();
        int defaultPort = secure ? 443 : 80;
        this.port = b.uri.getPort() == -1 ? defaultPort : b.uri.getPort();
        String path = b.uri.getRawPath() == null || b.uri.getRawPath().isEmpty() ? "/" : b.uri.getRawPath();
        this.requestTarget = b.uri.getRawQuery() == null ? path : path + "?" + b.uri.getRawQuery();
        this.callerHeaders = freeze(b.headers);
        this.connectTimeout = b.connectTimeout;
        this.handshakeTimeout = b.handshakeTimeout;
        this.proxy = b.proxy;
        this.proxyHeaders = freeze(b.proxyHeaders);
        this.sslContext = b.sslContext;
        this.hostnameVerification = b.hostnameVerification;
        this.maxResponseHeadBytes = b.maxResponseHeadBytes;
        this.maxQueuedBytes = b.maxQueuedBytes;

        // RFC 6455 section 4.1: the Host field names the port only when it is not the scheme's default.
        String hostField = port == defaultPort ? host : host + ":" + port;
        String key = b.secWebSocketKey != null ? b.secWebSocketKey : WebSocketKey.newClientKey(KEY_SOURCE);
        Map<String, List<String>> effective = new LinkedHashMap<>();
        effective.put("Host", List.of(hostField));
        effective.put("Upgrade", List.of("websocket"));
        effective.put("Connection", List.of("Upgrade"));
        effective.put(SEC_WEBSOCKET_KEY, List.of(key));
        effective.put("Sec-WebSocket-Version", List.of("13"));
        callerHeaders.forEach((name, values) -> {
            effective.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
            effective.put(name, values);
        });
        this.handshakeHeaders = Collections.unmodifiableMap(effective);
        List<String> sentKey = headerValues(effective, SEC_WEBSOCKET_KEY);
        boolean oneValidKey = sentKey.size() == 1 && WebSocketKey.isValidClientKey(sentKey.get(0));
        this.secWebSocketKey = oneValidKey ? sentKey.get(0) : null;
    }

    public static Builder builder(URI uri) {
        return new Builder(uri);
    }

    public Builder toBuilder() {
        Builder b = new Builder(uri);
        b.headers.putAll(callerHeaders);
        b.secWebSocketKey = secWebSocketKey;
        b.connectTimeout = connectTimeout;
        b.handshakeTimeout = handshakeTimeout;
        b.proxy = proxy;
        b.proxyHeaders.putAll(proxyHeaders);
        b.sslContext = sslContext;
        b.hostnameVerification = hostnameVerification;
        b.maxResponseHeadBytes = maxResponseHeadBytes;
        b.maxQueuedBytes = maxQueuedBytes;
        return b;
    }

    public URI uri() {
        return uri;
    }

    /** Whether the URI is {@code wss}: TLS over the connection, or over the proxy's tunnel. */
    public boolean isSecure() {
        return secure;
    }

    /** The host as the URI gives it; an IPv6 literal keeps its brackets. */
    public String host() {
        return host;
    }

    /** The URI's port, or 80 for {@code ws} and 443 for {@code wss} when it has none. */
    public int port() {
        return port;
    }

    /** The request-target of the GET: the URI's path ({@code /} if empty) and query, as escaped in the URI. */
    public String requestTarget() {
        return requestTarget;
    }

    /**
     * The header fields of the upgrade request, in sending order: the required ones (section 4.1),
     * replaced or followed by the caller's. Unmodifiable; lookups by exact name.
     */
    public Map<String, List<String>> handshakeHeaders() {
        return handshakeHeaders;
    }

    /** The header fields given to the builder, without the required ones. */
    public Map<String, List<String>> callerHeaders() {
        return callerHeaders;
    }

    /** All values of a handshake header field, looking the name up ignoring case; empty if absent. */
    public List<String> handshakeHeader(String name) {
        return headerValues(handshakeHeaders, name);
    }

    /** The Sec-WebSocket-Key sent, or null when the caller's fields replaced it with anything but one valid key. */
    public String secWebSocketKey() {
        return secWebSocketKey;
    }

    /**
     * The Sec-WebSocket-Accept value a server must answer with (RFC 6455 section 4.2.2, point 5.4),
     * or null when no single valid key is sent.
     */
    public String expectedAccept() {
        return secWebSocketKey == null ? null : WebSocketKey.acceptFor(secWebSocketKey);
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    /** The HTTP proxy to tunnel through with CONNECT, or null for a direct connection. */
    public InetSocketAddress proxy() {
        return proxy;
    }

    /** Header fields for the CONNECT request, such as Proxy-Authorization. */
    public Map<String, List<String>> proxyHeaders() {
        return proxyHeaders;
    }

    /** The TLS context for {@code wss}, or null for {@link SSLContext#getDefault()}. */
    public SSLContext sslContext() {
        return sslContext;
    }

    /** Whether the server certificate must match the URI's host (RFC 2818 section 3.1); on by default. */
    public boolean hostnameVerification() {
        return hostnameVerification;
    }

    public int maxResponseHeadBytes() {
        return maxResponseHeadBytes;
    }

    /** The write queue's bound once connected; see {@link WriteQueue}. */
    public long maxQueuedBytes() {
        return maxQueuedBytes;
    }

    @Override
    public String toString() {
        return "ConnectRequest[" + uri + (proxy == null ? "" : " via proxy " + proxy) + "]";
    }

    static List<String> headerValues(Map<String, List<String>> headers, String name) {
        List<String> values = new ArrayList<>();
        headers.forEach((n, v) -> {
            if (n.equalsIgnoreCase(name)) {
                values.addAll(v);
            }
        });
        return values;
    }

    private static Map<String, List<String>> freeze(Map<String, List<String>> headers) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        return Collections.unmodifiableMap(copy);
    }

    /** Collects a request's settings; {@link #build()} checks them. Not thread-safe. */
    public static final class Builder {
        private final URI uri;
        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private String secWebSocketKey;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;
        private InetSocketAddress proxy;
        private final Map<String, List<String>> proxyHeaders = new LinkedHashMap<>();
        private SSLContext sslContext;
        private boolean hostnameVerification = true;
        private int maxResponseHeadBytes = DEFAULT_MAX_RESPONSE_HEAD_BYTES;
        private long maxQueuedBytes = WriteQueue.DEFAULT_MAX_QUEUED_BYTES;

        private Builder(URI uri) {
            this.uri = checkUri(uri);
        }

        /** Adds values to a header field of the upgrade request (a field already given under any case is extended). */
        public Builder header(String name, String... values) {
            add(headers, name, List.of(values));
            return this;
        }

        /** Replaces every header field given so far with these, as a configurator's map after beforeRequest. */
        public Builder headers(Map<String, List<String>> fields) {
            headers.clear();
            fields.forEach((name, values) -> add(headers, name, values));
            return this;
        }

        /**
         * The key to send, 16 random bytes in base64 (RFC 6455 section 4.1, point 7); by default a fresh one.
         *
         * @throws IllegalArgumentException when the key is not 16 bytes in base64
         */
        public Builder secWebSocketKey(String key) {
            if (!WebSocketKey.isValidClientKey(key)) {
                throw new IllegalArgumentException("a Sec-WebSocket-Key is 16 bytes in base64 (RFC 6455 section 4.1): '"
                        + key + "'");
            }
            this.secWebSocketKey = key;
            return this;
        }

        /** How long resolving the host and establishing the TCP connection (to the proxy, if any) may take. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive("connectTimeout", timeout);
            return this;
        }

        /**
         * How long the whole opening handshake may take, from the call to the HTTP response head:
         * resolution, TCP, proxy, TLS and HTTP.
         */
        public Builder handshakeTimeout(Duration timeout) {
            this.handshakeTimeout = positive("handshakeTimeout", timeout);
            return this;
        }

        /** Tunnels through this HTTP proxy with CONNECT (RFC 9110 section 9.3.6); null for none. */
        public Builder proxy(InetSocketAddress proxy) {
            this.proxy = proxy;
            return this;
        }

        public Builder proxyHeader(String name, String... values) {
            add(proxyHeaders, name, List.of(values));
            return this;
        }

        /** The TLS context for {@code wss}; null means {@link SSLContext#getDefault()}. */
        public Builder sslContext(SSLContext context) {
            this.sslContext = context;
            return this;
        }

        /**
         * Whether to check that the server's certificate names the URI's host. Only for tests and
         * closed networks: without it, anyone on the path can pose as the server.
         */
        public Builder hostnameVerification(boolean verify) {
            this.hostnameVerification = verify;
            return this;
        }

        public Builder maxResponseHeadBytes(int bytes) {
            if (bytes < 64) {
                throw new IllegalArgumentException("maxResponseHeadBytes must be at least 64: " + bytes);
            }
            this.maxResponseHeadBytes = bytes;
            return this;
        }

        public Builder maxQueuedBytes(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxQueuedBytes must be positive: " + bytes);
            }
            this.maxQueuedBytes = bytes;
            return this;
        }

        public ConnectRequest build() {
            return new ConnectRequest(this);
        }

        private static URI checkUri(URI uri) {
            Objects.requireNonNull(uri, "uri");
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!"ws".equals(scheme) && !"wss".equals(scheme)) {
                throw new IllegalArgumentException("the URI's scheme must be ws or wss (RFC 6455 section 3): " + uri);
            }
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                throw new IllegalArgumentException("the URI has no host (RFC 6455 section 3): " + uri);
            }
            if (uri.getRawFragment() != null) {
                throw new IllegalArgumentException(
                        "a WebSocket URI must not have a fragment (RFC 6455 section 3): " + uri);
            }
            return uri;
        }

        private static Duration positive(String name, Duration timeout) {
            if (timeout == null || timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive: " + timeout);
            }
            return timeout;
        }

        private static void add(Map<String, List<String>> target, String name, List<String> values) {
            if (name == null || !HttpTokens.isToken(name)) {
                throw new IllegalArgumentException("not an HTTP header field name: '" + name + "'");
            }
            for (String value : values) {
                if (value == null || !HttpTokens.isSafeFieldValue(value)) {
                    throw new IllegalArgumentException("header field " + name
                            + " has a value with CR, LF, NUL or a non-Latin-1 character, which cannot be sent: '"
                            + value + "'");
                }
            }
            String existing = target.keySet().stream().filter(n -> n.equalsIgnoreCase(name)).findFirst().orElse(name);
            target.computeIfAbsent(existing, n -> new ArrayList<>()).addAll(values);
        }
    }
}
