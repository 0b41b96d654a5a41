package dev.duplex.servlet;

import dev.duplex.endpoint.annotation.EndpointModels;
import dev.duplex.endpoint.annotation.EndpointRole;
import dev.duplex.endpoint.server.DuplexServerContainer;
import dev.duplex.endpoint.server.EndpointMatch;
import dev.duplex.endpoint.server.HandshakeAcceptance;
import dev.duplex.endpoint.server.HandshakeOutcome;
import dev.duplex.endpoint.server.HandshakeRejection;
import dev.duplex.endpoint.server.HttpUpgrader;
import dev.duplex.endpoint.server.ServerHandshake;
import dev.duplex.endpoint.server.UpgradeRequest;
import dev.duplex.endpoint.session.SessionContext;
import dev.duplex.endpoint.session.SessionOpener;
import dev.duplex.endpoint.session.SessionRuntime;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Turns servlet requests into WebSocket connections: the filter's path (match a deployed
 * endpoint) and {@code ServerContainer.upgradeHttpToWebSocket} (a configuration given by the
 * application) share the handshake, the answer to a refused one, and the upgrade itself.
 *
 * <p>Thread-safe: serves every request of an application concurrently.
 */
final class ServletUpgrade implements HttpUpgrader {
    private static final System.Logger LOG = System.getLogger(ServletUpgrade.class.getName());

    private final DuplexServerContainer container;
    private final EndpointSessions sessions;
    private final SessionRuntime runtime;
    private final long maxQueuedBytes;
    private final ContainerAdapters adapters;

    ServletUpgrade(DuplexServerContainer container, EndpointSessions sessions, SessionRuntime runtime,
            long maxQueuedBytes, ContainerAdapters adapters) {
        this.container = container;
        this.sessions = sessions;
        this.runtime = runtime;
        this.maxQueuedBytes = maxQueuedBytes;
        this.adapters = adapters;
    }

    /**
     * Answers the request if it is a WebSocket handshake for a deployed endpoint: upgraded, or
     * refused with the status the RFC names.
     *
     * @return false when the request is none of Duplex's business and goes down the filter chain
     */
    boolean handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getHeader("Upgrade") == null) {
            return false; // the cheap test first: most requests are plain HTTP
        }
        EndpointMatch match = container.match(ServletUpgradeRequests.endpointPath(request));
        if (match == null) {
            return false;
        }
        UpgradeRequest upgradeRequest;
        try {
            upgradeRequest = ServletUpgradeRequests.read(request);
        } catch (URISyntaxException e) {
            reject(response, new HandshakeRejection(400, Map.of(), "malformed request URI: " + e.getMessage(), e));
            return true;
        }
        if (!ServerHandshake.isUpgradeAttempt(upgradeRequest)) {
            return false;
        }
        complete(container.handshake().process(upgradeRequest, match), request, response, match.config());
        return true;
    }

    /**
     * {@code ServerContainer.upgradeHttpToWebSocket}: the handshake for a configuration that need
     * not be deployed.
     *
     * @throws IllegalStateException when the request is no WebSocket handshake at all (ServerContainer javadoc)
     */
    @Override
    public void upgrade(Object httpRequest, Object httpResponse, ServerEndpointConfig config,
            Map<String, String> pathParameters) throws IOException, DeploymentException {
        if (!(httpRequest instanceof HttpServletRequest request) || !(httpResponse instanceof HttpServletResponse response)) {
            throw new IllegalArgumentException("upgradeHttpToWebSocket needs an HttpServletRequest and an HttpServletResponse");
        }
        UpgradeRequest upgradeRequest;
        try {
            upgradeRequest = ServletUpgradeRequests.read(request);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the request URI is malformed: " + e.getMessage(), e);
        }
        if (!ServerHandshake.isUpgradeAttempt(upgradeRequest)) {
            throw new IllegalStateException("the request is not a WebSocket opening handshake"
                    + " (no Upgrade: websocket), so it cannot be upgraded (ServerContainer javadoc)");
        }
        complete(container.handshake().process(upgradeRequest, config, pathParameters), request, response, config);
    }

    private void complete(HandshakeOutcome outcome, HttpServletRequest request, HttpServletResponse response,
            ServerEndpointConfig deployed) throws IOException {
        if (outcome instanceof HandshakeRejection rejection) {
            reject(response, rejection);
            return;
        }
        HandshakeAcceptance acceptance = (HandshakeAcceptance) outcome;
        Endpoint endpoint;
        try {
            endpoint = EndpointModels.endpointFor(acceptance.endpoint(), acceptance.config().getEndpointClass(),
                    EndpointRole.SERVER, acceptance.config());
        } catch (DeploymentException e) {
            LOG.log(Level.ERROR, "cannot run endpoint " + acceptance.config().getEndpointClass().getName(), e);
            container.getInstanceProvider().destroy(acceptance.endpoint());
            reject(response, new HandshakeRejection(500, Map.of(), e.getMessage(), e));
            return;
        }
        SessionContext context = SessionContext.builder(acceptance.requestUri())
                .queryString(acceptance.queryString())
                .requestParameters(acceptance.parameterMap())
                .pathParameters(acceptance.pathParameters())
                .userPrincipal(acceptance.userPrincipal())
                .subprotocol(acceptance.subprotocol())
                .extensions(acceptance.extensions())
                .secure(acceptance.isSecure())
                .userProperties(acceptance.userProperties())
                .build();
        SessionOpener opener = new SessionOpener(acceptance.config(), container, sessions.of(deployed),
                runtime.withExecutor(container.getExecutor()));
        ContainerConnection connection = adapters.connectionFor(request);
        PendingSession pending = new PendingSession(opener, endpoint, context, maxQueuedBytes, connection);
        response.setStatus(HttpServletResponse.SC_SWITCHING_PROTOCOLS);
        writeHeaders(response, acceptance.responseHeaders());
        if (connection.upgradeNatively(pending)) {
            return;
        }
        WebSocketUpgradeHandler handler;
        try {
            handler = request.upgrade(WebSocketUpgradeHandler.class);
        } catch (ServletException e) {
            opener.instances().destroy(acceptance.endpoint());
            throw new IOException("the servlet container refused to upgrade the connection", e);
        }
        handler.prepare(pending);
    }

    private static void reject(HttpServletResponse response, HandshakeRejection rejection) throws IOException {
        response.setStatus(rejection.status());
        writeHeaders(response, rejection.headers());
        response.setContentType("text/plain;charset=utf-8");
        byte[] body = (rejection.reason() + "\n").getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static void writeHeaders(HttpServletResponse response, Map<String, List<String>> headers) {
        headers.forEach((name, values) -> {
            for (String value : values) {
                response.addHeader(name, value);
            }
        });
    }
}
