package dev.duplex.endpoint.annotation;

import jakarta.websocket.DeploymentException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What an annotated endpoint class does, found once at deployment by {@link AnnotatedEndpointScanner}:
 * its {@code @OnOpen}, {@code @OnClose} and {@code @OnError} methods and its {@code @OnMessage}
 * methods (at most one per native message format), each bound with its argument plan.
 *
 * <p>Immutable and thread-safe: one model serves every connection of the endpoint, each through
 * its own {@link AnnotatedEndpoint}.
 */
public final class EndpointModel {
    private final Class<?> endpointClass;
    private final EndpointRole role;
    private final BoundMethod onOpen;
    private final BoundMethod onClose;
    private final BoundMethod onError;
    private final List<MessageMethod> messageMethods;

    EndpointModel(Class<?> endpointClass, EndpointRole role, BoundMethod onOpen, BoundMethod onClose,
                  BoundMethod onError, List<MessageMethod> messageMethods) {
        this.endpointClass = Objects.requireNonNull(endpointClass);
        this.role = Objects.requireNonNull(role);
        this.onOpen = onOpen;
        this.onClose = onClose;
        this.onError = onError;
        this.messageMethods = List.copyOf(messageMethods);
    }

    /** The annotated class. */
    public Class<?> endpointClass() {
        return endpointClass;
    }

    /** Server or client. */
    public EndpointRole role() {
        return role;
    }

    /** The {@code @OnOpen} method, if any. */
    public Optional<BoundMethod> onOpen() {
        return Optional.ofNullable(onOpen);
    }

    /** The {@code @OnClose} method, if any. */
    public Optional<BoundMethod> onClose() {
        return Optional.ofNullable(onClose);
    }

    /** The {@code @OnError} method, if any. */
    public Optional<BoundMethod> onError() {
        return Optional.ofNullable(onError);
    }

    /** The {@code @OnMessage} methods, at most one per native message format. */
    public List<MessageMethod> messageMethods() {
        return messageMethods;
    }

    /** The {@code @OnMessage} method that handles this native format, if any. */
    public Optional<MessageMethod> messageMethod(MessageKind kind) {
        return messageMethods.stream().filter(m -> m.kinds().contains(kind)).findFirst();
    }

    /** Every annotated method of the model, lifecycle ones first. */
    public List<BoundMethod> allMethods() {
        List<BoundMethod> all = new ArrayList<>();
        Stream.of(onOpen, onClose, onError).filter(Objects::nonNull).forEach(all::add);
        messageMethods.forEach(m -> all.add(m.method()));
        return List.copyOf(all);
    }

    /** The names of all {@code @PathParam} parameters, in the order they appear. */
    public Set<String> pathParameterNames() {
        Set<String> names = new LinkedHashSet<>();
        for (BoundMethod method : allMethods()) {
            for (Argument argument : method.arguments()) {
                if (argument.kind() == ArgumentKind.PATH_PARAM) {
                    names.add(argument.pathParamName());
                }
            }
        }
        return names;
    }

    /**
     * Checks the {@code @PathParam} parameters against the variables of the path template the
     * endpoint is deployed at. A name the template lacks gives null (javadoc of {@code PathParam});
     * a primitive cannot take null, so a primitive parameter with such a name could never be
     * called and is a deployment error. The server calls this once it has parsed the template;
     * a client endpoint is checked against no variables at all.
     *
     * @throws DeploymentException naming each primitive parameter whose name is not a template variable
     */
    public void checkPathParameters(Set<String> templateVariables) throws DeploymentException {
        DeploymentProblems problems = new DeploymentProblems(endpointClass);
        for (BoundMethod method : allMethods()) {
            for (Argument argument : method.arguments()) {
                if (argument.kind() == ArgumentKind.PATH_PARAM && argument.type().isPrimitive()
                        && !templateVariables.contains(argument.pathParamName())) {
                    problems.ofMethod(method.method(), "@PathParam(\"" + argument.pathParamName()
                            + "\") names no variable of the path template " + templateVariables
                            + ", so it would be null, which its primitive type " + argument.type().getName()
                            + " cannot take", "section 4.3");
                }
            }
        }
        problems.throwIfAny();
    }

    @Override
    public String toString() {
        return "EndpointModel[" + endpointClass.getName() + ", " + role + ", onOpen=" + onOpen + ", onClose="
                + onClose + ", onError=" + onError + ", onMessage=" + messageMethods + "]";
    }
}
