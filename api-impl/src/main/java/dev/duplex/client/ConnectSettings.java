package dev.duplex.client;

import dev.duplex.client.transport.ConnectRequest;
import jakarta.websocket.DeploymentException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * Reads the {@link ClientProperties} out of a configuration's user properties onto a
 * {@link ConnectRequest.Builder}. Stateless and thread-safe.
 */
final class ConnectSettings {
    private ConnectSettings() {
    }

    /**
     * Applies every {@link ClientProperties} property present in {@code properties}; absent ones
     * leave the builder's defaults.
     *
     * @throws DeploymentException naming the property whose value has the wrong type or is out of range
     */
    static void apply(Map<String, Object> properties, ConnectRequest.Builder builder) throws DeploymentException {
        Object sslContext = properties.get(ClientProperties.SSL_CONTEXT);
        if (sslContext != null) {
            if (!(sslContext instanceof SSLContext context)) {
                throw invalid(ClientProperties.SSL_CONTEXT, sslContext, "a javax.net.ssl.SSLContext");
            }
            builder.sslContext(context);
        }
        Object verify = properties.get(ClientProperties.HOSTNAME_VERIFICATION);
        if (verify != null) {
            builder.hostnameVerification(bool(ClientProperties.HOSTNAME_VERIFICATION, verify));
        }
        Object connectTimeout = properties.get(ClientProperties.CONNECT_TIMEOUT);
        if (connectTimeout != null) {
            builder.connectTimeout(duration(ClientProperties.CONNECT_TIMEOUT, connectTimeout));
        }
        Object handshakeTimeout = properties.get(ClientProperties.HANDSHAKE_TIMEOUT);
        if (handshakeTimeout != null) {
            builder.handshakeTimeout(duration(ClientProperties.HANDSHAKE_TIMEOUT, handshakeTimeout));
        }
        Object proxy = properties.get(ClientProperties.PROXY);
        if (proxy != null) {
            builder.proxy(proxy(proxy));
        }
        Object maxQueued = properties.get(ClientProperties.MAX_QUEUED_BYTES);
        if (maxQueued != null) {
            builder.maxQueuedBytes(positive(ClientProperties.MAX_QUEUED_BYTES, maxQueued,
                    "a positive number of bytes"));
        }
    }

    /** The {@link ClientProperties#MAX_REDIRECTS} setting, or the default. */
    static int maxRedirects(Map<String, Object> properties) throws DeploymentException {
        Object value = properties.get(ClientProperties.MAX_REDIRECTS);
        if (value == null) {
            return RedirectChain.DEFAULT_MAX_REDIRECTS;
        }
        long redirects = wholeNumber(ClientProperties.MAX_REDIRECTS, value, 0,
                "a number of redirects from 0 (none followed) to " + Integer.MAX_VALUE);
        if (redirects > Integer.MAX_VALUE) {
            throw invalid(ClientProperties.MAX_REDIRECTS, value, "at most " + Integer.MAX_VALUE);
        }
        return (int) redirects;
    }

    /** The {@link ClientProperties#CLOSE_TIMEOUT} setting, or {@code otherwise}. */
    static Duration closeTimeout(Map<String, Object> properties, Duration otherwise) throws DeploymentException {
        Object value = properties.get(ClientProperties.CLOSE_TIMEOUT);
        return value == null ? otherwise : duration(ClientProperties.CLOSE_TIMEOUT, value);
    }

    /** The {@link ClientProperties#RECONNECT} policy, or null for none. */
    static ReconnectPolicy reconnectPolicy(Map<String, Object> properties) throws DeploymentException {
        Object value = properties.get(ClientProperties.RECONNECT);
        if (value == null || value instanceof ReconnectPolicy) {
            return (ReconnectPolicy) value;
        }
        throw invalid(ClientProperties.RECONNECT, value, "a dev.duplex.client.ReconnectPolicy");
    }

    private static boolean bool(String name, Object value) throws DeploymentException {
        if (value instanceof Boolean flag) {
            return flag;
        }
        if (value instanceof String text) {
            String normalized = text.strip().toLowerCase(Locale.ROOT);
            if (normalized.equals("true") || normalized.equals("false")) {
                return Boolean.parseBoolean(normalized);
            }
        }
        throw invalid(name, value, "a Boolean, or \"true\" or \"false\"");
    }

    private static Duration duration(String name, Object value) throws DeploymentException {
        String expected = "a positive java.time.Duration, or a positive number of milliseconds";
        if (value instanceof Duration duration) {
            if (duration.isNegative() || duration.isZero()) {
                throw invalid(name, value, expected);
            }
            return duration;
        }
        return Duration.ofMillis(positive(name, value, expected));
    }

    /** A positive whole number from a Number (not rounded: 1.5 is refused) or a numeric string. */
    private static long positive(String name, Object value, String expected) throws DeploymentException {
        return wholeNumber(name, value, 1, expected);
    }

    /** A whole number of at least {@code min} from a Number (not rounded: 1.5 is refused) or a numeric string. */
    private static long wholeNumber(String name, Object value, long min, String expected) throws DeploymentException {
        long number;
        if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long) {
            number = ((Number) value).longValue();
        } else if (value instanceof Number other && other.doubleValue() == Math.rint(other.doubleValue())
                && Math.abs(other.doubleValue()) < 0x1p62) {
            number = other.longValue();
        } else if (value instanceof String text) {
            try {
                number = Long.parseLong(text.strip());
            } catch (NumberFormatException e) {
                throw invalid(name, value, expected);
            }
        } else {
            throw invalid(name, value, expected);
        }
        if (number < min) {
            throw invalid(name, value, expected);
        }
        return number;
    }

    private static InetSocketAddress proxy(Object value) throws DeploymentException {
        String expected = "a java.net.InetSocketAddress, or a \"host:port\" string";
        if (value instanceof InetSocketAddress address) {
            return address;
        }
        if (!(value instanceof String text)) {
            throw invalid(ClientProperties.PROXY, value, expected);
        }
        String spec = text.strip();
        int colon = spec.lastIndexOf(':');
        if (colon <= 0 || colon == spec.length() - 1) {
            throw invalid(ClientProperties.PROXY, value, expected);
        }
        String host = spec.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1); // an IPv6 literal, as in a URI
        } else if (host.indexOf(':') >= 0) {
            throw invalid(ClientProperties.PROXY, value, expected + " (an IPv6 address goes in brackets)");
        }
        int port;
        try {
            port = Integer.parseInt(spec.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw invalid(ClientProperties.PROXY, value, expected);
        }
        if (host.isEmpty() || port < 1 || port > 65535) {
            throw invalid(ClientProperties.PROXY, value, expected + " with a port from 1 to 65535");
        }
        // Resolved by the connector's resolver thread, under the connect timeout, like the server's host.
        return InetSocketAddress.createUnresolved(host, port);
    }

    private static DeploymentException invalid(String name, Object value, String expected) {
        return new DeploymentException("the user property " + name + " of the ClientEndpointConfig is "
                + describe(value) + "; it must be " + expected + " (see dev.duplex.client.ClientProperties)");
    }

    private static String describe(Object value) {
        return value instanceof String ? "\"" + value + "\"" : value + " (" + value.getClass().getName() + ")";
    }
}
