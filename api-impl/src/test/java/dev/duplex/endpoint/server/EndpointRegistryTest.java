package dev.duplex.endpoint.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EndpointRegistryTest {
    public static class Echo extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
        }
    }

    public static class Other extends Echo {
    }

    private final EndpointRegistry registry = new EndpointRegistry();

    private static ServerEndpointConfig config(String path) {
        return ServerEndpointConfig.Builder.create(Echo.class, path).build();
    }

    private void deploy(String... paths) throws DeploymentException {
        for (String path : paths) {
            registry.add(config(path));
        }
    }

    /** The deployed path the request maps to, or null. */
    private String target(String requestPath) {
        EndpointMatch match = registry.match(requestPath);
        return match == null ? null : match.config().getPath();
    }

    @Test
    void exactPathBeatsTemplate() throws DeploymentException {
        // Section 3.1.1: "/a/b" against endpoints "/a/b" and "/a/{customer-name}".
        deploy("/a/{customer-name}", "/a/b");
        assertEquals("/a/b", target("/a/b"));
        assertEquals("/a/{customer-name}", target("/a/c"));
    }

    @Test
    void exactMatchIsPreferredOverVariableSegments() throws DeploymentException {
        // Section 3.1.1, example iii.
        deploy("/a/{var}/c", "/a/b/c", "/a/{var1}/{var2}");
        assertEquals("/a/b/c", target("/a/b/c"));
        EndpointMatch d = registry.match("/a/d/c");
        assertEquals("/a/{var}/c", d.config().getPath());
        assertEquals(Map.of("var", "d"), d.pathParameters());
        EndpointMatch xy = registry.match("/a/x/y");
        assertEquals("/a/{var1}/{var2}", xy.config().getPath());
        assertEquals(Map.of("var1", "x", "var2", "y"), xy.pathParameters());
    }

    @Test
    void leftmostDifferingSegmentDecides() throws DeploymentException {
        // Section 3.1.1, example iv: "/b/d" goes to "/b/{var2}", not "/{var1}/d".
        deploy("/{var1}/d", "/b/{var2}");
        EndpointMatch match = registry.match("/b/d");
        assertEquals("/b/{var2}", match.config().getPath());
        assertEquals(Map.of("var2", "d"), match.pathParameters());
    }

    @Test
    void onlyPathsWithTheSameSegmentCountMatch() throws DeploymentException {
        deploy("/{a}", "/{a}/{b}", "/{a}/{b}/{c}");
        assertEquals("/{a}", target("/x"));
        assertEquals("/{a}/{b}", target("/x/y"));
        assertEquals("/{a}/{b}/{c}", target("/x/y/z"));
        assertNull(target("/w/x/y/z"));
    }

    @Test
    void tckUriMatchingSetMapsEachPathToItsEndpoint() throws DeploymentException {
        deploy("/a", "/{a}", "/c/{d}", "/{c}/d", "/c/d", "/{c}/{d}", "/a/c/d", "/a/c/{d}", "/a/{c}/d",
                "/a/{c}/{d}", "/{a}/c/d", "/{a}/c/{d}", "/{a}/{c}/d", "/{a}/{c}/{d}");
        assertEquals("/a", target("/a"));
        assertEquals("/{a}", target("/c"));
        assertEquals("/c/{d}", target("/c/one"));
        assertEquals("/c/d", target("/c/d"));
        assertEquals("/{c}/d", target("/one/d"));
        assertEquals("/{c}/{d}", target("/one/two"));
        assertEquals("/a/c/d", target("/a/c/d"));
        assertEquals("/a/{c}/{d}", target("/a/one/two"));
        assertEquals("/{a}/c/{d}", target("/one/c/two"));
        assertEquals("/{a}/{c}/d", target("/one/two/d"));
        assertEquals("/{a}/{c}/{d}", target("/one/two/three"));
        assertEquals("/a/c/{d}", target("/a/c/three"));
        assertEquals("/a/{c}/d", target("/a/two/d"));
        assertEquals("/{a}/c/d", target("/one/c/d"));
    }

    @Test
    void validExpansionIsFoundEvenWhenAnExactPrefixLeadsNowhere() throws DeploymentException {
        deploy("/a/b/c", "/{x}/b/d");
        EndpointMatch match = registry.match("/a/b/d");
        assertEquals("/{x}/b/d", match.config().getPath());
        assertEquals(Map.of("x", "a"), match.pathParameters());
    }

    @Test
    void noMatchGivesNull() throws DeploymentException {
        deploy("/a/{var}");
        assertNull(target("/a"));
        assertNull(target("/a/b/"));
        assertNull(target("/b/c"));
    }

    @Test
    void malformedRequestPathMatchesNothing() throws DeploymentException {
        deploy("/a/{var}");
        assertNull(target("/a/%zz"));
    }

    @Test
    void requestPathIsNormalisedBeforeMatching() throws DeploymentException {
        deploy("/a/b");
        assertEquals("/a/b", target("/a/./b"));
        assertEquals("/a/b", target("/a/x/../b"));
        assertEquals("/a/b", target("/a/%62"));
    }

    @Test
    void duplicatePathIsRejected() throws DeploymentException {
        deploy("/path");
        DeploymentException e = assertThrows(DeploymentException.class,
                () -> registry.add(ServerEndpointConfig.Builder.create(Other.class, "/path").build()));
        assertTrue(e.getMessage().contains(Other.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains(Echo.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains("duplicates"), e.getMessage());
    }

    @Test
    void equivalentTemplateIsRejected() throws DeploymentException {
        deploy("/a/{x}");
        DeploymentException e = assertThrows(DeploymentException.class, () -> registry.add(config("/a/{y}")));
        assertTrue(e.getMessage().contains("\"/a/{y}\"") && e.getMessage().contains("\"/a/{x}\""), e.getMessage());
    }

    @Test
    void rejectedEndpointLeavesTheRegistryUnchanged() throws DeploymentException {
        deploy("/a/{x}");
        assertThrows(DeploymentException.class, () -> registry.add(config("/a/{y}")));
        assertEquals(1, registry.configs().size());
        assertEquals(Map.of("x", "q"), registry.match("/a/q").pathParameters());
    }

    @Test
    void invalidPathIsADeploymentExceptionNamingTheEndpoint() {
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(Echo.class, "/a/{x}{y}").build();
        DeploymentException e = assertThrows(DeploymentException.class, () -> registry.add(config));
        assertTrue(e.getMessage().contains(Echo.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains("entire segment"), e.getMessage());
    }

    @Test
    void matchCarriesTheDeployedConfigItself() throws DeploymentException {
        ServerEndpointConfig config = config("/x");
        registry.add(config);
        assertSame(config, registry.match("/x").config());
    }

    @Test
    void clearRemovesEveryEndpoint() throws DeploymentException {
        deploy("/a", "/b");
        registry.clear();
        assertTrue(registry.isEmpty());
        assertNull(target("/a"));
    }

    @Test
    void concurrentAdditionsAreAllKept() throws Exception {
        int writers = 4;
        int perWriter = 50;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int w = 0; w < writers; w++) {
                int writer = w;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perWriter; i++) {
                        registry.add(config("/w" + writer + "/" + i + "/{p}"));
                        assertNotNull(registry.match("/w" + writer + "/" + i + "/v"));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(writers * perWriter, registry.configs().size());
    }
}
