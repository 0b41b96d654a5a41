package dev.duplex.client;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.concurrent.LinkedBlockingQueue;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * Jetty 12.1's own WebSocket server (its core API, not its Jakarta one), on 127.0.0.1 and an
 * ephemeral port, optionally over TLS: a server Duplex did not write, for the client to talk to.
 *
 * <p>Paths:
 * <ul>
 * <li>{@code /echo}: echoes text and binary messages; chooses subprotocol {@code chat.v2} when offered;
 *     answers with header {@code X-Server-Name: jetty-test}; text {@code "close CODE REASON"} makes it
 *     close, {@code "fragments N"} makes it send a text in N fragments, {@code "header NAME"} answers
 *     with the value of that request header.</li>
 * <li>{@code /forbidden}: 403; {@code /redirect?to=LOCATION}: 302 to the (URL-encoded) Location; any other
 *     path: 404.</li>
 * </ul>
 * What the server sees is put into {@link #events}: {@code "open"}, {@code "closed CODE REASON"}.
 */
public final class JettyTestServer implements AutoCloseable {
    final LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final Server server = new Server();
    private final ServerConnector connector;
    private final boolean secure;

    private JettyTestServer(SSLContext tls) throws Exception {
        secure = tls != null;
        if (secure) {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setSslContext(tls);
            // Jetty refuses requests whose host its certificate does not name; the client's check is under test.
            SecureRequestCustomizer customizer = new SecureRequestCustomizer();
            customizer.setSniHostCheck(false);
            HttpConfiguration http = new HttpConfiguration();
            http.addCustomizer(customizer);
            connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                    new HttpConnectionFactory(http));
        } else {
            connector = new ServerConnector(server);
        }
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(WebSocketUpgradeHandler.from(server, container -> {
            container.setMaxTextMessageSize(64 << 20);
            container.setMaxBinaryMessageSize(64 << 20);
            container.addMapping("/echo", (request, response, callback) -> {
                response.getHeaders().put("X-Server-Name", "jetty-test");
                if (request.getSubProtocols().contains("chat.v2")) {
                    response.setAcceptedSubProtocol("chat.v2");
                }
                return new Echo(request.getHeaders(), events);
            });
            container.addMapping("/redirect", (request, response, callback) -> {
                String to = URLDecoder.decode(request.getHttpURI().getQuery().substring("to=".length()),
                        StandardCharsets.UTF_8);
                response.setStatus(302);
                response.getHeaders().put("Location", to);
                response.write(true, null, callback);
                return null;
            });
            container.addMapping("/forbidden", (request, response, callback) -> {
                Response.writeError(request, response, callback, 403, "no entry");
                return null;
            });
        }));
        server.start();
    }

    static JettyTestServer plain() throws Exception {
        return new JettyTestServer(null);
    }

    static JettyTestServer tls(SSLContext serverContext) throws Exception {
        return new JettyTestServer(serverContext);
    }

    URI uri(String path) {
        return URI.create((secure ? "wss" : "ws") + "://127.0.0.1:" + connector.getLocalPort() + path);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** The server end of one connection; public, as Jetty calls it through method handles. */
    public static final class Echo implements Session.Listener.AutoDemanding {
        private final HttpFields requestHeaders;
        private final LinkedBlockingQueue<String> events;
        private Session session;

        Echo(HttpFields requestHeaders, LinkedBlockingQueue<String> events) {
            this.requestHeaders = requestHeaders;
            this.events = events;
        }

        @Override
        public void onWebSocketOpen(Session session) {
            this.session = session;
            events.add("open");
        }

        @Override
        public void onWebSocketText(String text) {
            String[] words = text.split(" ", 3);
            switch (words[0]) {
                case "close" -> session.close(Integer.parseInt(words[1]), words.length > 2 ? words[2] : "",
                        Callback.NOOP);
                case "fragments" -> sendFragments(Integer.parseInt(words[1]));
                case "header" -> session.sendText(String.valueOf(requestHeaders.get(words[1])), Callback.NOOP);
                default -> session.sendText(text, Callback.NOOP);
            }
        }

        private void sendFragments(int count) {
            for (int i = 0; i < count; i++) {
                Callback.Completable sent = new Callback.Completable();
                session.sendPartialText("part" + i + (i < count - 1 ? "," : ""), i == count - 1, sent);
                sent.join();
            }
        }

        @Override
        public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
            ByteBuffer copy = ByteBuffer.allocate(payload.remaining()).put(payload).flip();
            callback.succeed();
            session.sendBinary(copy, Callback.NOOP);
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            events.add("closed " + statusCode + " " + reason);
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            events.add("error " + cause);
        }
    }
}
