package dev.duplex.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.cdi.beans.CallId;
import dev.duplex.cdi.beans.CountingInterceptor;
import dev.duplex.cdi.beans.Greetings;
import dev.duplex.cdi.beans.Helper;
import dev.duplex.cdi.beans.ShoutingDecorator;
import dev.duplex.cdi.endpoints.CodedEndpoint;
import dev.duplex.cdi.endpoints.DecoratedEndpoint;
import dev.duplex.cdi.endpoints.InjectedEndpoint;
import dev.duplex.cdi.endpoints.NameDecoder;
import dev.duplex.cdi.endpoints.ProgrammaticEndpoint;
import dev.duplex.cdi.endpoints.RequestScopedEndpoint;
import dev.duplex.cdi.endpoints.SharedEndpoint;
import dev.duplex.client.DuplexWebSocketContainer;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Weld SE beside an embedded Jetty, enabled with one call: what works with CDI present. */
class WeldSeEmbeddedTest {
    private static WeldContainer weld;
    private static CdiServer server;
    private static CdiInstanceProvider provider;
    private static DuplexWebSocketContainer client;

    @BeforeAll
    static void start() throws Exception {
        weld = new Weld("duplex-cdi-se-test").disableDiscovery()
                .addBeanClasses(Greetings.class, CallId.class, Helper.class, DecoratedEndpoint.class,
                        SharedEndpoint.class, RequestScopedEndpoint.class,
                        CountingInterceptor.class, ShoutingDecorator.class) // enabled by their @Priority
                .initialize();
        server = CdiServer.embedded(container -> {
            provider = DuplexCdi.enable(container, weld);
            container.addEndpoint(InjectedEndpoint.class);
            container.addEndpoint(CodedEndpoint.class);
            container.addEndpoint(DecoratedEndpoint.class);
            container.addEndpoint(SharedEndpoint.class);
            container.addEndpoint(ServerEndpointConfig.Builder.create(ProgrammaticEndpoint.class, "/programmatic").build());
        });
        client = DuplexWebSocketContainer.create();
    }

    @AfterAll
    static void stop() throws Exception {
        if (client != null) {
            client.stop();
        }
        if (server != null) {
            server.close();
        }
        if (weld != null) {
            weld.shutdown();
        }
    }

    @Test
    void anEndpointThatIsNoBeanHasItsFieldsInjectedAndItsPostConstructCalled() throws Exception {
        try (TextClient session = new TextClient(client, server.ws("/injected"))) {
            assertTrue(session.ask("Ada").startsWith("Hello, Ada constructed=true"));
        }
    }

    @Test
    void eachCallbackRunsInItsOwnRequestContext() throws Exception {
        try (TextClient session = new TextClient(client, server.ws("/injected"))) {
            long[] first = callIds(session.ask("one"));
            long[] second = callIds(session.ask("two"));
            assertEquals(first[0], first[1], "one request-scoped instance within a callback");
            assertNotEquals(first[0], second[0], "a new one for the next callback");
        }
    }

    private static long[] callIds(String reply) {
        Matcher matcher = Pattern.compile("call=(\\d+)/(\\d+)").matcher(reply);
        assertTrue(matcher.find(), reply);
        return new long[] {Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2))};
    }

    @Test
    void theConfiguratorNamedByTheAnnotationHasItsFieldsInjected() throws Exception {
        try (TextClient session = new TextClient(client, server.ws("/injected"))) {
            assertEquals("Hello, handshake", session.responseHeader("X-Greeting"));
        }
    }

    @Test
    void decodersAndEncodersAreInjectedTheEncoderThroughItsConstructor() throws Exception {
        try (TextClient session = new TextClient(client, server.ws("/coded"))) {
            assertEquals("[Hello, Hello, Grace]", session.ask("Grace"));
        }
    }

    @Test
    void aDependentBeanEndpointGetsItsConstructorInterceptorAndDecorator() throws Exception {
        int before = CountingInterceptor.CALLS.get();
        try (TextClient session = new TextClient(client, server.ws("/decorated"))) {
            assertEquals("HELPED HELLO, ALAN", session.ask("Alan"));
        }
        assertEquals(before + 1, CountingInterceptor.CALLS.get());
    }

    @Test
    void aDependentEndpointAndItsDependentsAreDestroyedWhenTheSessionCloses() throws Exception {
        Helper.DESTROYED.drainPermits();
        int liveBefore = provider.liveInstances();
        try (TextClient session = new TextClient(client, server.ws("/decorated"))) {
            session.ask("Barbara");
        }
        assertTrue(Helper.DESTROYED.tryAcquire(10, TimeUnit.SECONDS), "the endpoint's dependent Helper was destroyed");
        // The provider lets go of an instance before destroying it, so by now it holds nothing of this session
        // (sessions of earlier tests may have ended since, hence at most).
        assertTrue(provider.liveInstances() <= liveBefore, "the provider keeps nothing of the closed session");
    }

    @Test
    void coderInstancesAreDestroyedWithTheirSession() throws Exception {
        NameDecoder.DESTROYED.drainPermits();
        try (TextClient session = new TextClient(client, server.ws("/coded"))) {
            session.ask("Edsger");
        }
        assertTrue(NameDecoder.DESTROYED.tryAcquire(10, TimeUnit.SECONDS), "the decoder's @PreDestroy ran");
    }

    @Test
    void anApplicationScopedEndpointIsOneInstanceForEveryPeer() throws Exception {
        try (TextClient first = new TextClient(client, server.ws("/shared"));
                TextClient second = new TextClient(client, server.ws("/shared"))) {
            assertEquals(first.ask("who"), second.ask("who"));
        }
    }

    @Test
    void aRequestScopedEndpointIsRefusedAtDeploymentNamingTheRule() {
        DeploymentException e = assertThrows(DeploymentException.class,
                () -> server.container().addEndpoint(RequestScopedEndpoint.class));
        assertTrue(e.getMessage().contains(RequestScopedEndpoint.class.getName() + " is @RequestScoped"), e.getMessage());
        assertTrue(e.getMessage().contains("use @Dependent"), e.getMessage());
    }

    @Test
    void aProgrammaticEndpointIsInjectedToo() throws Exception {
        try (TextClient session = new TextClient(client, server.ws("/programmatic"))) {
            assertEquals("Hello, Barbara", session.ask("Barbara"));
        }
    }

    @Test
    void theClientContainerFindsTheCdiContainerWithoutBeingTold() {
        assertInstanceOf(CdiInstanceProvider.class, client.getInstanceProvider());
    }
}
