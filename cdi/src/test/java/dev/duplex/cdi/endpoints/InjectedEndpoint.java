package dev.duplex.cdi.endpoints;

import dev.duplex.cdi.beans.CallId;
import dev.duplex.cdi.beans.Greetings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;
import java.lang.ref.WeakReference;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;

/**
 * No bean (no bean-defining annotation): made by non-contextual injection. Replies with a greeting, and
 * the request-scoped call id asked for twice in the same callback.
 */
@ServerEndpoint(value = "/injected", configurator = InjectedConfigurator.class)
public class InjectedEndpoint {
    public static final Semaphore DESTROYED = new Semaphore(0);
    /** Every instance made, weakly: after their sessions closed, none may stay reachable. */
    public static final Queue<WeakReference<InjectedEndpoint>> MADE = new ConcurrentLinkedQueue<>();

    @Inject
    Greetings greetings;
    @Inject
    CallId callId;
    private boolean constructed;

    @PostConstruct
    void constructed() {
        constructed = true;
        MADE.add(new WeakReference<>(this));
    }

    @PreDestroy
    void destroyed() {
        DESTROYED.release();
    }

    @OnMessage
    public String onMessage(String name) {
        return greetings.greet(name) + " constructed=" + constructed + " call=" + callId.id() + "/" + callId.id();
    }
}
