package dev.duplex.cdi.endpoints;

import dev.duplex.cdi.beans.Greetings;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.websocket.Decoder;
import java.util.concurrent.Semaphore;

/** A decoder with an injected bean, whose {@code @PreDestroy} is counted. */
public class NameDecoder implements Decoder.Text<Name> {
    public static final Semaphore DESTROYED = new Semaphore(0);

    @Inject
    Greetings greetings;

    @Override
    public Name decode(String text) {
        return new Name(greetings.greet(text));
    }

    @Override
    public boolean willDecode(String text) {
        return true;
    }

    @PreDestroy
    void destroyed() {
        DESTROYED.release();
    }
}
