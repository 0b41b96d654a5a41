package dev.duplex.cdi.endpoints;

import dev.duplex.cdi.beans.Counted;
import dev.duplex.cdi.beans.Greetings;
import dev.duplex.cdi.beans.Helper;
import dev.duplex.cdi.beans.Replies;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/**
 * A dependent bean with an {@code @Inject} constructor only, a dependent bean of its own, an interceptor on
 * its message method and a decorator of the interface it implements.
 */
@Dependent
@ServerEndpoint("/decorated")
public class DecoratedEndpoint implements Replies {
    private final Greetings greetings;
    private final Helper helper;

    @Inject
    public DecoratedEndpoint(Greetings greetings, Helper helper) {
        this.greetings = greetings;
        this.helper = helper;
    }

    @Override
    @Counted
    @OnMessage
    public String reply(String message) {
        return helper.help(greetings.greet(message));
    }
}
