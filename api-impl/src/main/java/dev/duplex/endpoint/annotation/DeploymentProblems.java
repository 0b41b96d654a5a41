package dev.duplex.endpoint.annotation;

import jakarta.websocket.DeploymentException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Collects what is wrong with one endpoint class so that a single {@link DeploymentException}
 * reports all of it, each problem naming the class, the method and the rule broken
 * (Jakarta WebSocket 2.2 section 5.2.1: "the container must provide an informative error message").
 *
 * <p>Used by one deploying thread; not thread-safe.
 */
final class DeploymentProblems {
    private static final String SPEC = "Jakarta WebSocket 2.2 ";

    private final Class<?> endpointClass;
    private final List<String> problems = new ArrayList<>();

    DeploymentProblems(Class<?> endpointClass) {
        this.endpointClass = endpointClass;
    }

    /**
     * A rule the class itself breaks.
     *
     * @param source where the spec states the rule, such as "section 4.1"; null for a Duplex rule
     */
    void ofClass(String rule, String source) {
        problems.add(endpointClass.getName() + ": " + rule + cite(source));
    }

    /**
     * A rule a method breaks.
     *
     * @param source where the spec states the rule, such as "section 4.7"; null for a Duplex rule
     */
    void ofMethod(Method method, String rule, String source) {
        problems.add(describe(method) + ": " + rule + cite(source));
    }

    private static String cite(String source) {
        return source == null ? "" : " (" + SPEC + source + ")";
    }

    /** How many problems are recorded so far. */
    int count() {
        return problems.size();
    }

    /** Throws the collected problems, if there are any, as one DeploymentException. */
    void throwIfAny() throws DeploymentException {
        if (!problems.isEmpty()) {
            throw toException();
        }
    }

    /** The collected problems as one DeploymentException; there must be at least one. */
    DeploymentException toException() {
        if (problems.size() == 1) {
            return new DeploymentException(problems.get(0));
        }
        return new DeploymentException(endpointClass.getName() + " cannot be deployed, for " + problems.size()
                + " reasons:\n  " + String.join("\n  ", problems));
    }

    /** {@code com.example.Chat.onMessage(String, boolean)}, plus the subclass being deployed if it inherits it. */
    String describe(Method method) {
        String text = method.getDeclaringClass().getName() + "." + method.getName() + "("
                + Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(", "))
                + ")";
        return method.getDeclaringClass() == endpointClass ? text : text + " inherited by " + endpointClass.getName();
    }
}
