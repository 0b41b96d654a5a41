package dev.duplex.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.client.transport.ConnectRequest;
import dev.duplex.transport.WriteQueue;
import jakarta.websocket.DeploymentException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

class ConnectSettingsTest {
    private final Map<String, Object> properties = new HashMap<>();

    private ConnectRequest apply() throws DeploymentException {
        ConnectRequest.Builder builder = ConnectRequest.builder(URI.create("wss://example.test/"));
        ConnectSettings.apply(properties, builder);
        return builder.build();
    }

    private String rejection(String name, Object value) {
        properties.clear();
        properties.put(name, value);
        return assertThrows(DeploymentException.class, this::apply).getMessage();
    }

    @Test
    void absentPropertiesKeepTheDefaults() throws Exception {
        properties.put("unrelated", "value");
        ConnectRequest request = apply();
        assertNull(request.sslContext());
        assertTrue(request.hostnameVerification());
        assertEquals(ConnectRequest.DEFAULT_CONNECT_TIMEOUT, request.connectTimeout());
        assertEquals(ConnectRequest.DEFAULT_HANDSHAKE_TIMEOUT, request.handshakeTimeout());
        assertNull(request.proxy());
        assertEquals(WriteQueue.DEFAULT_MAX_QUEUED_BYTES, request.maxQueuedBytes());
    }

    @Test
    void everyPropertyReachesTheRequest() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        properties.put(ClientProperties.SSL_CONTEXT, context);
        properties.put(ClientProperties.HOSTNAME_VERIFICATION, false);
        properties.put(ClientProperties.CONNECT_TIMEOUT, Duration.ofMillis(1500));
        properties.put(ClientProperties.HANDSHAKE_TIMEOUT, 2500);
        properties.put(ClientProperties.PROXY, new InetSocketAddress("127.0.0.1", 3128));
        properties.put(ClientProperties.MAX_QUEUED_BYTES, 1024L);
        ConnectRequest request = apply();
        assertSame(context, request.sslContext());
        assertFalse(request.hostnameVerification());
        assertEquals(Duration.ofMillis(1500), request.connectTimeout());
        assertEquals(Duration.ofMillis(2500), request.handshakeTimeout());
        assertEquals(new InetSocketAddress("127.0.0.1", 3128), request.proxy());
        assertEquals(1024, request.maxQueuedBytes());
    }

    @Test
    void stringsAreAcceptedWhereTheJavadocSaysSo() throws Exception {
        properties.put(ClientProperties.HOSTNAME_VERIFICATION, " FALSE ");
        properties.put(ClientProperties.CONNECT_TIMEOUT, "750");
        properties.put(ClientProperties.HANDSHAKE_TIMEOUT, new BigDecimal("900"));
        properties.put(ClientProperties.PROXY, "proxy.test:8080");
        properties.put(ClientProperties.MAX_QUEUED_BYTES, "4096");
        ConnectRequest request = apply();
        assertFalse(request.hostnameVerification());
        assertEquals(Duration.ofMillis(750), request.connectTimeout());
        assertEquals(Duration.ofMillis(900), request.handshakeTimeout());
        assertTrue(request.proxy().isUnresolved(), "resolved later, under the connect timeout");
        assertEquals("proxy.test", request.proxy().getHostString());
        assertEquals(8080, request.proxy().getPort());
        assertEquals(4096, request.maxQueuedBytes());
    }

    @Test
    void proxyWithAnIpv6LiteralTakesBrackets() throws Exception {
        properties.put(ClientProperties.PROXY, "[::1]:3128");
        assertEquals("::1", apply().proxy().getHostString());
        assertTrue(rejection(ClientProperties.PROXY, "::1:3128").contains("brackets"));
    }

    @Test
    void wrongTypesAndRangesNameThePropertyAndWhatItMustBe() {
        String message = rejection(ClientProperties.SSL_CONTEXT, "TLS");
        assertTrue(message.contains(ClientProperties.SSL_CONTEXT) && message.contains("javax.net.ssl.SSLContext"),
                message);
        assertTrue(rejection(ClientProperties.HOSTNAME_VERIFICATION, "yes").contains("Boolean"));
        assertTrue(rejection(ClientProperties.CONNECT_TIMEOUT, 0).contains(ClientProperties.CONNECT_TIMEOUT));
        assertTrue(rejection(ClientProperties.CONNECT_TIMEOUT, Duration.ofSeconds(-1)).contains("positive"));
        assertTrue(rejection(ClientProperties.HANDSHAKE_TIMEOUT, 1.5).contains(ClientProperties.HANDSHAKE_TIMEOUT));
        assertTrue(rejection(ClientProperties.HANDSHAKE_TIMEOUT, "soon").contains("milliseconds"));
        assertTrue(rejection(ClientProperties.PROXY, "no-port").contains(ClientProperties.PROXY));
        assertTrue(rejection(ClientProperties.PROXY, "host:70000").contains("65535"));
        assertTrue(rejection(ClientProperties.PROXY, 3128).contains("InetSocketAddress"));
        assertTrue(rejection(ClientProperties.MAX_QUEUED_BYTES, -1).contains(ClientProperties.MAX_QUEUED_BYTES));
    }

    @Test
    void maxRedirectsIsAWholeNumberFromZeroWithFiveByDefault() throws Exception {
        assertEquals(5, ConnectSettings.maxRedirects(Map.of()));
        assertEquals(0, ConnectSettings.maxRedirects(Map.of(ClientProperties.MAX_REDIRECTS, 0)));
        assertEquals(12, ConnectSettings.maxRedirects(Map.of(ClientProperties.MAX_REDIRECTS, " 12 ")));
        for (Object bad : new Object[] {-1, 1.5, "many", (long) Integer.MAX_VALUE + 1, true}) {
            String message = assertThrows(DeploymentException.class,
                    () -> ConnectSettings.maxRedirects(Map.of(ClientProperties.MAX_REDIRECTS, bad))).getMessage();
            assertTrue(message.contains(ClientProperties.MAX_REDIRECTS), message);
        }
    }


    @Test
    void reconnectIsAPolicyOrAbsent() throws Exception {
        assertNull(ConnectSettings.reconnectPolicy(Map.of()));
        ReconnectPolicy policy = ReconnectPolicy.defaults();
        assertSame(policy, ConnectSettings.reconnectPolicy(Map.of(ClientProperties.RECONNECT, policy)));
        String message = assertThrows(DeploymentException.class,
                () -> ConnectSettings.reconnectPolicy(Map.of(ClientProperties.RECONNECT, true))).getMessage();
        assertTrue(message.contains(ClientProperties.RECONNECT) && message.contains("ReconnectPolicy"), message);
    }
}
