package dev.duplex.endpoint.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.Extension;
import jakarta.websocket.Session;
import java.net.URI;
import java.security.Principal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SessionPropertiesTest {
    private final SessionPair pair = new SessionPair();

    @AfterEach
    void closePair() {
        pair.close();
    }

    private record TestExtension(String getName, List<Parameter> getParameters) implements Extension {
    }

    @Test
    void gettersReportTheHandshakeFacts() throws Exception {
        Principal alice = () -> "alice";
        Extension extension = new TestExtension("x-test", List.of());
        URI uri = URI.create("wss://example.com/app/rooms/42?lang=en&lang=fr");
        pair.serverContext(SessionContext.builder(uri)
                .requestParameters(Map.of("lang", List.of("en", "fr")))
                .pathParameters(Map.of("room", "42"))
                .userPrincipal(alice)
                .subprotocol("chat.v2")
                .extensions(List.of(extension))
                .build());
        RecordingEndpoint server = new RecordingEndpoint();
        pair.open(server, new RecordingEndpoint());
        Session session = server.opened.get(10, TimeUnit.SECONDS);
        assertSame(pair.server, session);
        assertEquals(uri, session.getRequestURI());
        assertEquals("lang=en&lang=fr", session.getQueryString());
        assertEquals(Map.of("lang", List.of("en", "fr")), session.getRequestParameterMap());
        assertEquals(Map.of("room", "42"), session.getPathParameters());
        assertSame(alice, session.getUserPrincipal());
        assertEquals("chat.v2", session.getNegotiatedSubprotocol());
        assertEquals(List.of(extension), session.getNegotiatedExtensions());
        assertTrue(session.isSecure());
        assertEquals("13", session.getProtocolVersion());
        assertSame(pair.container, session.getContainer());
        assertTrue(session.isOpen());
        assertThrows(UnsupportedOperationException.class, () -> session.getPathParameters().put("x", "y"));
        assertThrows(UnsupportedOperationException.class, () -> session.getRequestParameterMap().clear());
    }

    @Test
    void aHandshakeWithoutTheOptionalFactsGivesEmptyValues() throws Exception {
        pair.serverContext(SessionContext.builder(URI.create("ws://localhost/plain")).build());
        pair.open(new RecordingEndpoint(), new RecordingEndpoint());
        Session session = pair.server;
        assertNull(session.getQueryString());
        assertTrue(session.getRequestParameterMap().isEmpty());
        assertTrue(session.getPathParameters().isEmpty());
        assertNull(session.getUserPrincipal());
        assertEquals("", session.getNegotiatedSubprotocol());
        assertTrue(session.getNegotiatedExtensions().isEmpty());
        assertFalse(session.isSecure());
    }

    @Test
    void sessionIdsAreUnique() {
        pair.open(new RecordingEndpoint(), new RecordingEndpoint());
        assertNotEquals(pair.server.getId(), pair.client.getId());
    }

    @Test
    void userPropertiesAreAMutableShallowCopyOfTheSeedPerSession() {
        Object shared = new Object();
        Map<String, Object> seed = new HashMap<>();
        seed.put("shared", shared);
        seed.put("nothing", null);
        pair.serverContext(SessionContext.builder(SessionPair.SERVER_URI).userProperties(seed).build());
        pair.open(new RecordingEndpoint(), new RecordingEndpoint());
        Map<String, Object> properties = pair.server.getUserProperties();
        assertSame(shared, properties.get("shared"));
        assertTrue(properties.containsKey("nothing"));
        properties.put("added", 1);
        properties.remove("shared");
        assertEquals(2, seed.size());
        assertSame(properties, pair.server.getUserProperties());
        assertFalse(pair.client.getUserProperties().containsKey("added"));
    }

    @Test
    void withoutASeedUserPropertiesAreACopyOfTheConfigurations() {
        jakarta.websocket.ClientEndpointConfig config = jakarta.websocket.ClientEndpointConfig.Builder.create().build();
        config.getUserProperties().put("from config", "yes");
        pair.serverConfig(config);
        pair.open(new RecordingEndpoint(), new RecordingEndpoint());
        assertEquals("yes", pair.server.getUserProperties().get("from config"));
        pair.server.getUserProperties().put("session only", 1);
        assertFalse(config.getUserProperties().containsKey("session only"));
    }

    @Test
    void openSessionsHoldsTheOpenSessionsOfTheSameEndpoint() throws Exception {
        RecordingEndpoint first = new RecordingEndpoint();
        pair.open(first, new RecordingEndpoint());
        try (SessionPair second = new SessionPair()) {
            RecordingEndpoint other = new RecordingEndpoint();
            second.open(other, new RecordingEndpoint());
            // A session of another deployed endpoint is not counted.
            assertEquals(Set.of(pair.server), pair.server.getOpenSessions());
        }
        Set<Session> snapshot = pair.server.getOpenSessions();
        snapshot.clear();
        assertEquals(Set.of(pair.server), pair.server.getOpenSessions());
        assertEquals(Set.of(pair.client), pair.client.getOpenSessions());
    }

    @Test
    void openSessionsHoldAClosingSessionUntilItsCloseCompletes() throws Exception {
        RecordingEndpoint server = new RecordingEndpoint();
        pair.open(server, new RecordingEndpoint());
        pair.link.client().suspendDelivery();
        pair.server.close();
        // Still open (isOpen is true until onClose returned), so still among the open sessions.
        assertEquals(Set.of(pair.server), pair.server.getOpenSessions());
        pair.link.client().resumeDelivery();
        server.awaitClose();
        SessionPair.awaitNotOpen(pair.server);
        assertTrue(pair.serverSessions.snapshot().isEmpty());
    }

    @Test
    void settingsStartFromTheContainersDefaults() throws Exception {
        pair.container.setDefaultMaxSessionIdleTimeout(120_000);
        pair.container.setDefaultMaxTextMessageBufferSize(1234);
        pair.container.setDefaultMaxBinaryMessageBufferSize(5678);
        pair.container.setAsyncSendTimeout(9_000);
        pair.open(new RecordingEndpoint(), new RecordingEndpoint());
        Session session = pair.server;
        assertEquals(120_000, session.getMaxIdleTimeout());
        assertEquals(1234, session.getMaxTextMessageBufferSize());
        assertEquals(5678, session.getMaxBinaryMessageBufferSize());
        assertEquals(9_000, session.getAsyncRemote().getSendTimeout());
    }

    @Test
    void settersChangeWhatTheGettersReport() {
        pair.open(new RecordingEndpoint(), new RecordingEndpoint());
        Session session = pair.server;
        session.setMaxIdleTimeout(98_765);
        session.setMaxTextMessageBufferSize(987_654_321);
        session.setMaxBinaryMessageBufferSize(98_765_432);
        session.getAsyncRemote().setSendTimeout(5);
        assertEquals(98_765, session.getMaxIdleTimeout());
        assertEquals(987_654_321, session.getMaxTextMessageBufferSize());
        assertEquals(98_765_432, session.getMaxBinaryMessageBufferSize());
        assertEquals(5, session.getAsyncRemote().getSendTimeout());
        session.setMaxIdleTimeout(0);
        assertEquals(0, session.getMaxIdleTimeout());
    }

    @Test
    void bufferSizesMustBePositive() {
        pair.open(new RecordingEndpoint(), new RecordingEndpoint());
        assertThrows(IllegalArgumentException.class, () -> pair.server.setMaxTextMessageBufferSize(0));
        assertThrows(IllegalArgumentException.class, () -> pair.server.setMaxBinaryMessageBufferSize(-1));
    }

    @Test
    void theRemoteEndpointsAreTheSameObjectsEachCall() {
        pair.open(new RecordingEndpoint(), new RecordingEndpoint());
        assertSame(pair.server.getBasicRemote(), pair.server.getBasicRemote());
        assertSame(pair.server.getAsyncRemote(), pair.server.getAsyncRemote());
    }
}
