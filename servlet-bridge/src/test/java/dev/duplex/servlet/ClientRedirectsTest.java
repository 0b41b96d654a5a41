package dev.duplex.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.client.ClientProperties;
import dev.duplex.client.DuplexWebSocketContainer;
import dev.duplex.servlet.ServerUnderTest.Container;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.Session;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Duplex's client following redirects of the opening handshake, against Duplex's server on Jetty with a servlet that
 * answers the handshake with redirects: every followed status reaches the endpoint, relative Locations resolve,
 * the configurator sees every hop, and a chain too long, a loop, a redirect without Location and redirects turned
 * off are refused with the chain named.
 */
@Timeout(60)
class ClientRedirectsTest {

    /**
     * {@code /r/status/CODE?to=LOCATION}: that status, with that Location if given; {@code /r/hops/N}: a chain of N+1
     * redirects ending at /echo, relative Locations all the way; {@code /r/loop/a} and {@code /r/loop/b}: each to
     * the other.
     */
    public static class Redirects extends HttpServlet {
        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) {
            String[] path = request.getPathInfo().substring(1).split("/");
            switch (path[0]) {
                case "status" -> {
                    response.setStatus(Integer.parseInt(path[1]));
                    String to = request.getParameter("to");
                    if (to != null) {
                        response.setHeader("Location", to.replace("{port}", Integer.toString(request.getLocalPort())));
                    }
                }
                case "hops" -> {
                    int left = Integer.parseInt(path[1]);
                    response.setStatus(302);
                    response.setHeader("Location", left == 0 ? "../../echo" : "/r/hops/" + (left - 1));
                }
                case "loop" -> {
                    response.setStatus(307);
                    response.setHeader("Location", path[1].equals("a") ? "b" : "a");
                }
                default -> response.setStatus(404);
            }
        }
    }

    /** Records what the configurator saw of each hop: the keys it sent, the statuses it got back. */
    static final class HopRecorder extends ClientEndpointConfig.Configurator {
        final List<String> keys = new CopyOnWriteArrayList<>();
        final List<String> responses = new CopyOnWriteArrayList<>();

        @Override
        public void beforeRequest(Map<String, List<String>> headers) {
            keys.add(headers.get("Sec-WebSocket-Key").get(0));
        }

        @Override
        public void afterResponse(HandshakeResponse response) {
            List<String> location = response.getHeaders().get("Location");
            responses.add(location == null ? "no location" : location.get(0));
        }
    }

    /** Hands the first text it receives to {@link #reply}. */
    static final class FirstReply extends Endpoint {
        final CompletableFuture<String> reply = new CompletableFuture<>();

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, reply::complete);
        }
    }

    private static ServerUnderTest server;
    private final DuplexWebSocketContainer container = DuplexWebSocketContainer.create();
    private final HopRecorder hops = new HopRecorder();

    @BeforeAll
    static void start() throws Exception {
        server = ServerUnderTest.start(Container.JETTY,
                context -> context.addServlet("redirects", new Redirects()).addMapping("/r/*"),
                deploy -> deploy.addEndpoint(TestEndpoints.Echo.class));
    }

    @AfterAll
    static void close() throws Exception {
        server.close();
    }

    @AfterEach
    void stopClient() {
        container.stop();
    }

    private ClientEndpointConfig config() {
        return ClientEndpointConfig.Builder.create().configurator(hops).build();
    }

    private Session connect(ClientEndpointConfig config, String path, FirstReply client) throws Exception {
        return container.connectToServer(client, config, server.ws(path));
    }

    private void assertEchoes(Session session, FirstReply client) throws Exception {
        session.getBasicRemote().sendText("arrived");
        assertEquals("arrived", client.reply.get(20, TimeUnit.SECONDS));
        session.close();
    }

    private String refusal(ClientEndpointConfig config, String path) {
        return assertThrows(DeploymentException.class, () -> connect(config, path, new FirstReply())).getMessage();
    }

    @ParameterizedTest
    @CsvSource({
        "301, http://127.0.0.1:{port}/echo, /echo",
        "302, ws://127.0.0.1:{port}/echo,   /echo",
        "303, /echo?room=1,                 /echo?room=1",
        "307, ../../echo,                   /echo",
        "308, //127.0.0.1:{port}/echo,      /echo"
    })
    void eachRedirectStatusReachesTheEndpoint(int status, String location, String reached) throws Exception {
        FirstReply client = new FirstReply();
        Session session = connect(config(), "/r/status/" + status + "?to=" + URLEncoder.encode(location, StandardCharsets.UTF_8), client);
        assertEquals(server.ws(reached), session.getRequestURI());
        assertEquals(2, hops.keys.size(), "beforeRequest for each hop");
        assertEquals(2, new HashSet<>(hops.keys).size(), "a new Sec-WebSocket-Key for each hop");
        assertEquals(List.of(location.replace("{port}", Integer.toString(server.port())), "no location"), hops.responses,
                "afterResponse for each hop");
        assertEchoes(session, client);
    }

    @Test
    void relativeLocationsAreFollowedUpToTheLimit() throws Exception {
        FirstReply client = new FirstReply();
        Session session = connect(config(), "/r/hops/4", client); // 5 redirects, the default limit
        assertEquals(server.ws("/echo"), session.getRequestURI());
        assertEquals(6, hops.keys.size());
        assertEchoes(session, client);
    }

    @Test
    void oneRedirectMoreThanTheLimitIsRefusedNamingTheChain() throws Exception {
        String message = refusal(config(), "/r/hops/5");
        assertTrue(message.contains("more than 5 times: " + server.ws("/r/hops/5") + " -> " + server.ws("/r/hops/4")),
                message);
        assertTrue(message.contains(server.ws("/r/hops/0").toString()), message);

        ClientEndpointConfig higher = config();
        higher.getUserProperties().put(ClientProperties.MAX_REDIRECTS, 6);
        FirstReply client = new FirstReply();
        assertEchoes(connect(higher, "/r/hops/5", client), client);
    }

    @Test
    void aLoopIsRefusedNamingTheChain() {
        String message = refusal(config(), "/r/loop/a");
        URI a = server.ws("/r/loop/a");
        URI b = server.ws("/r/loop/b");
        assertTrue(message.contains("loop: " + a + " -> " + b + " -> " + a), message);
    }

    @Test
    void aRedirectWithoutLocationIsAFailedHandshakeNamingTheStatus() {
        String message = refusal(config(), "/r/status/302");
        assertTrue(message.contains("302") && message.contains("no Location"), message);
    }

    @Test
    void withRedirectsOffTheFirstRedirectIsRefused() {
        ClientEndpointConfig off = config();
        off.getUserProperties().put(ClientProperties.MAX_REDIRECTS, 0);
        String message = refusal(off, "/r/status/307?to=%2Fecho");
        assertTrue(message.contains("307") && message.contains(server.ws("/echo").toString())
                && message.contains(ClientProperties.MAX_REDIRECTS + " is 0"), message);
        assertEquals(1, hops.keys.size(), "no second hop");
    }
}
