package dev.duplex.endpoint.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.DeploymentException;
import org.junit.jupiter.api.Test;

class PlainInstanceProviderTest {
    private final InstanceProvider plain = InstanceProvider.plain();

    public static class Simple {
    }

    public static class Throwing {
        public Throwing() {
            throw new IllegalStateException("not today");
        }
    }

    public static class NeedsArgument {
        public NeedsArgument(String name) {
        }
    }

    /** The core does not depend on jakarta.inject: the annotation is recognised by its name (test scope here). */
    public static class InjectedOnly {
        @jakarta.inject.Inject
        public InjectedOnly(String name) {
        }
    }

    @Test
    void createsThroughThePublicNoArgumentConstructor() throws Exception {
        assertInstanceOf(Simple.class, plain.create(Simple.class));
    }

    @Test
    void aConstructorThatThrowsIsTheCauseAndNamedInTheMessage() {
        InstantiationException e = assertThrows(InstantiationException.class, () -> plain.create(Throwing.class));
        assertTrue(e.getMessage().contains(Throwing.class.getName() + " threw from its constructor"), e.getMessage());
        assertEquals("not today", e.getCause().getMessage());
    }

    @Test
    void aClassWithoutANoArgumentConstructorFailsDeploymentNamingTheRule() {
        DeploymentException e = assertThrows(DeploymentException.class,
                () -> plain.checkDeployable(NeedsArgument.class, "decoder"));
        assertTrue(e.getMessage().contains("decoder " + NeedsArgument.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains("no public no-argument constructor"), e.getMessage());
    }

    @Test
    void anInjectConstructorWithoutCdiSaysWhatIsMissing() {
        DeploymentException e = assertThrows(DeploymentException.class,
                () -> plain.checkDeployable(InjectedOnly.class, "endpoint"));
        assertTrue(e.getMessage().contains("only an @Inject one, and no CDI container is in use"), e.getMessage());
    }

    @Test
    void withNoServiceListedTheDiscoveredProviderIsThePlainOne() {
        assertSame(plain, InstanceProvider.discover());
    }

    @Test
    void destroyingAnythingIsHarmless() {
        plain.destroy(new Simple());
        plain.destroy(null);
    }
}
