package dev.duplex.endpoint.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.duplex.monitoring.SessionStatistics;
import dev.duplex.monitoring.StatisticsListener;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A server container keeps one set of counters per endpoint path, and tells listeners as they come and go. */
class ServerEndpointStatisticsTest {
    public static class Programmatic extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
        }
    }

    /** Records what it hears as "added /path" and "removed /path". */
    private static final class RecordingListener implements StatisticsListener {
        final List<String> heard = new CopyOnWriteArrayList<>();

        @Override
        public void added(SessionStatistics endpoint) {
            heard.add("added " + endpoint.name());
        }

        @Override
        public void removed(SessionStatistics endpoint) {
            heard.add("removed " + endpoint.name());
        }
    }

    private final DuplexServerContainer container = new DuplexServerContainer(null, null);

    private static ServerEndpointConfig config(String path) {
        return ServerEndpointConfig.Builder.create(Programmatic.class, path).build();
    }

    private static List<String> names(List<SessionStatistics> endpoints) {
        return endpoints.stream().map(SessionStatistics::name).toList();
    }

    @Test
    void deployingAnEndpointMakesItsCountersAndTellsListenersAddedLaterToo() throws DeploymentException {
        RecordingListener early = new RecordingListener();
        container.statistics().addListener(early);
        container.addEndpoint(config("/echo"));
        container.addEndpoint(config("/chat/{room}"));
        RecordingListener late = new RecordingListener();
        container.statistics().addListener(late);

        assertEquals(List.of("/echo", "/chat/{room}"), names(container.statistics().endpoints()));
        assertEquals(List.of("added /echo", "added /chat/{room}"), early.heard);
        assertEquals(List.of("added /echo", "added /chat/{room}"), late.heard);
    }

    @Test
    void configurationsWithOnePathCountTogetherAndANewPathIsAnnounced() throws DeploymentException {
        RecordingListener listener = new RecordingListener();
        container.statistics().addListener(listener);
        ServerEndpointConfig deployed = config("/echo");
        container.addEndpoint(deployed);
        assertSame(container.countersFor(deployed), container.countersFor(config("/echo")));
        container.countersFor(config("/upgraded/{id}")); // upgradeHttpToWebSocket with a path not deployed
        assertEquals(List.of("added /echo", "added /upgraded/{id}"), listener.heard);
    }

    @Test
    void undeployingRemovesEveryEndpointAndTellsTheListeners() throws DeploymentException {
        RecordingListener listener = new RecordingListener();
        RecordingListener removedOne = new RecordingListener();
        container.addEndpoint(config("/echo"));
        container.addEndpoint(config("/chat/{room}"));
        container.statistics().addListener(listener);
        container.statistics().addListener(removedOne);
        container.statistics().removeListener(removedOne);
        container.undeployed();
        assertEquals(List.of(), container.statistics().endpoints());
        assertEquals(List.of("added /echo", "added /chat/{room}", "removed /echo", "removed /chat/{room}"),
                listener.heard);
        assertEquals(List.of("added /echo", "added /chat/{room}"), removedOne.heard);
    }

    @Test
    void aFailedDeploymentRemovesTheEndpointsItHadDeployed() throws DeploymentException {
        RecordingListener listener = new RecordingListener();
        container.statistics().addListener(listener);
        container.addEndpoint(config("/echo"));
        assertThrows(DeploymentException.class, () -> container.addEndpoint(config("/echo"))); // taken
        assertEquals(List.of(), container.statistics().endpoints());
        assertEquals(List.of("added /echo", "removed /echo"), listener.heard);
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheOthers() throws DeploymentException {
        RecordingListener listener = new RecordingListener();
        container.statistics().addListener(endpoint -> {
            throw new IllegalStateException("a broken listener");
        });
        container.statistics().addListener(listener);
        container.addEndpoint(config("/echo"));
        assertEquals(List.of("added /echo"), listener.heard);
        assertEquals(1, container.statistics().endpoints().size());
    }
}
