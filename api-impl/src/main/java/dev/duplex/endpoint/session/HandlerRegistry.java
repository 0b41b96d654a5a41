package dev.duplex.endpoint.session;

import dev.duplex.endpoint.GenericTypes;
import dev.duplex.endpoint.coder.Decoders;
import jakarta.websocket.MessageHandler;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The message handlers of one session: at most one per native message type (Session javadoc,
 * {@code addMessageHandler}; Jakarta WebSocket 2.2 section 2.1.3, WSC-2.1.3-2).
 *
 * <p>Thread-safe: handlers may be added and removed from any thread while messages arrive. The
 * receiving side looks a handler up once, at the first fragment of a message, and uses it for the
 * whole message whatever changes meanwhile (Session javadoc).
 */
final class HandlerRegistry {
    private final Decoders decoders;
    private final Map<NativeKind, RegisteredHandler> handlers = new EnumMap<>(NativeKind.class);

    HandlerRegistry(Decoders decoders) {
        this.decoders = decoders;
    }

    /**
     * Adds a handler whose message type is read from its {@code Whole<T>} or {@code Partial<T>}
     * declaration.
     *
     * @throws IllegalStateException when the type cannot be read (a lambda, a generic class), or see {@link #add}
     */
    RegisteredHandler addInferred(MessageHandler handler) {
        boolean partial;
        Class<?> type;
        if (handler instanceof MessageHandler.Whole<?>) {
            partial = false;
            type = GenericTypes.typeArgument(handler.getClass(), MessageHandler.Whole.class, 0);
        } else if (handler instanceof MessageHandler.Partial<?>) {
            partial = true;
            type = GenericTypes.typeArgument(handler.getClass(), MessageHandler.Partial.class, 0);
        } else {
            throw new IllegalStateException(HandlerClassifier.describe(handler)
                    + " implements neither MessageHandler.Whole nor MessageHandler.Partial");
        }
        if (type == null) {
            throw new IllegalStateException("cannot tell which message type " + HandlerClassifier.describe(handler)
                    + " takes: its type argument is not visible at runtime (a lambda or a generic class)."
                    + " Register it with addMessageHandler(Class<T>, MessageHandler.Whole<T>) or"
                    + " addMessageHandler(Class<T>, MessageHandler.Partial<T>) (Jakarta WebSocket 2.2 section 2.1.3)");
        }
        return add(handler, type, partial);
    }

    /**
     * Adds a handler for messages of {@code type}.
     *
     * @throws IllegalStateException when a handler for the same native message type is registered,
     *                               or the type is not one the handler can take
     */
    RegisteredHandler add(MessageHandler handler, Class<?> type, boolean partial) {
        RegisteredHandler registered = HandlerClassifier.classify(handler, type, partial, decoders);
        synchronized (this) {
            RegisteredHandler existing = handlers.get(registered.kind());
            if (existing != null) {
                throw new IllegalStateException("cannot register " + HandlerClassifier.describe(handler) + " for "
                        + registered.kind().name().toLowerCase() + " messages: "
                        + HandlerClassifier.describe(existing.handler()) + " already handles them, and a session takes"
                        + " one handler per native message type (Session javadoc, addMessageHandler)");
            }
            handlers.put(registered.kind(), registered);
        }
        return registered;
    }

    /** Removes the handler; returns whether it was registered. */
    synchronized boolean remove(MessageHandler handler) {
        return handlers.values().removeIf(registered -> registered.handler() == handler);
    }

    /** The handler for a native message type, or null. */
    synchronized RegisteredHandler get(NativeKind kind) {
        return handlers.get(kind);
    }

    /** An unmodifiable copy of the registered handlers. */
    synchronized Set<MessageHandler> all() {
        Set<MessageHandler> all = new HashSet<>();
        for (RegisteredHandler registered : handlers.values()) {
            all.add(registered.handler());
        }
        return Collections.unmodifiableSet(all);
    }
}
