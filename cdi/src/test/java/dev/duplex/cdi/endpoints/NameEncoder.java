package dev.duplex.cdi.endpoints;

import dev.duplex.cdi.beans.Greetings;
import jakarta.inject.Inject;
import jakarta.websocket.Encoder;

/** An encoder whose only constructor is an {@code @Inject} one. */
public class NameEncoder implements Encoder.Text<Name> {
    private final Greetings greetings;

    @Inject
    public NameEncoder(Greetings greetings) {
        this.greetings = greetings;
    }

    @Override
    public String encode(Name name) {
        return "[" + greetings.greet(name.value()) + "]";
    }
}
