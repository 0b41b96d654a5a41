package dev.duplex.endpoint.annotation;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One {@code @OnMessage} method, classified: which native message formats it handles, the Java
 * type it receives them as, how (whole, in parts, as a stream), and its {@code maxMessageSize}.
 *
 * <p>Immutable and thread-safe.
 */
public final class MessageMethod {
    /** The value of {@code maxMessageSize} that means no maximum was configured. */
    public static final long UNLIMITED = -1;

    private final BoundMethod method;
    private final Set<MessageKind> kinds;
    private final Class<?> messageType;
    private final Delivery delivery;
    private final long maxMessageSize;

    MessageMethod(BoundMethod method, Set<MessageKind> kinds, Class<?> messageType, Delivery delivery,
                  long maxMessageSize) {
        this.method = Objects.requireNonNull(method);
        this.kinds = Collections.unmodifiableSet(EnumSet.copyOf(kinds));
        this.messageType = Objects.requireNonNull(messageType);
        this.delivery = Objects.requireNonNull(delivery);
        this.maxMessageSize = maxMessageSize;
    }

    /** The bound method and its argument plan. */
    public BoundMethod method() {
        return method;
    }

    /**
     * The native formats this method handles: one, except for a decoded type that has both a text
     * and a binary decoder, which takes both.
     */
    public Set<MessageKind> kinds() {
        return kinds;
    }

    /** The declared type of the message parameter (a primitive stays primitive here). */
    public Class<?> messageType() {
        return messageType;
    }

    /** Whole, partial or stream delivery. */
    public Delivery delivery() {
        return delivery;
    }

    /** The annotation's {@code maxMessageSize} in bytes, or {@link #UNLIMITED}. */
    public long maxMessageSize() {
        return maxMessageSize;
    }

    /**
     * Whether {@code maxMessageSize} limits this method's messages: it was given and the method
     * receives whole text or binary messages, not parts or streams (javadoc of {@code OnMessage.maxMessageSize}).
     */
    public boolean limitsMessageSize() {
        return maxMessageSize != UNLIMITED && delivery == Delivery.WHOLE && !kinds.contains(MessageKind.PONG);
    }

    /** Whether a value the method returns is sent back to the peer (it is not void). */
    public boolean returnsValue() {
        return method.method().getReturnType() != void.class;
    }

    @Override
    public String toString() {
        return kinds + " " + delivery + " " + messageType.getSimpleName() + " -> " + method;
    }
}
