package dev.duplex.endpoint.annotation;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.DeploymentException;

/** Asserts that scanning fails with a DeploymentException whose message holds the given fragments. */
final class Rejections {
    private Rejections() {
    }

    static String rejected(Class<?> endpoint, String... fragments) {
        DeploymentException e = assertThrows(DeploymentException.class,
                () -> AnnotatedEndpointScanner.scanServerEndpoint(endpoint));
        return assertMentions(e, fragments);
    }

    static String rejectedClient(Class<?> endpoint, String... fragments) {
        DeploymentException e = assertThrows(DeploymentException.class,
                () -> AnnotatedEndpointScanner.scanClientEndpoint(endpoint));
        return assertMentions(e, fragments);
    }

    static String assertMentions(DeploymentException e, String... fragments) {
        String message = e.getMessage();
        for (String fragment : fragments) {
            assertTrue(message.contains(fragment), () -> "expected \"" + fragment + "\" in: " + message);
        }
        return message;
    }
}
