package dev.duplex.endpoint.coder;

import dev.duplex.endpoint.instance.InstanceProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * How one session's encoders or decoders come and go, alike for both: made through the container's
 * instance provider and initialised when the session opens, destroyed and handed back to the provider
 * when it closes (Jakarta WebSocket 2.2 section 4.1.1). Stateless.
 */
final class CoderLifecycle {
    private CoderLifecycle() {
    }

    /**
     * One initialised instance per class, in the classes' order. If one cannot be made or its
     * {@code init} throws, those already made are destroyed and the failure is thrown.
     *
     * @param what    "encoder" or "decoder", for the message
     * @param init    the coder's {@code init(config)}
     * @param destroy the coder's {@code destroy()}
     * @throws IllegalStateException when a coder cannot be instantiated
     */
    static <C> List<C> createAll(List<Class<? extends C>> classes, InstanceProvider provider, String what,
            Consumer<C> init, Consumer<C> destroy) {
        List<C> made = new ArrayList<>(classes.size());
        try {
            for (Class<? extends C> type : classes) {
                C coder = newInstance(provider, type, what);
                made.add(coder);
                init.accept(coder);
            }
        } catch (RuntimeException | Error e) {
            try {
                destroyAll(made, provider, destroy);
            } catch (RuntimeException destroying) {
                e.addSuppressed(destroying);
            }
            throw e;
        }
        return made;
    }

    /**
     * Calls each coder's {@code destroy()}, then lets the provider release it. One that throws does not keep
     * the others from being destroyed; the first exception is rethrown.
     */
    static <C> void destroyAll(List<? extends C> coders, InstanceProvider provider, Consumer<C> destroy) {
        RuntimeException first = null;
        for (C coder : coders) {
            try {
                destroy.accept(coder);
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            } finally {
                provider.destroy(coder);
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static <T> T newInstance(InstanceProvider provider, Class<T> type, String what) {
        try {
            return provider.create(type);
        } catch (InstantiationException e) {
            throw new IllegalStateException(e.getMessage() + " (a " + what + ")", e.getCause() != null ? e.getCause() : e);
        }
    }
}
