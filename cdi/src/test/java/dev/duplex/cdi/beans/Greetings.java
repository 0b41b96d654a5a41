package dev.duplex.cdi.beans;

import jakarta.enterprise.context.ApplicationScoped;

/** An application-scoped service the endpoints, coders and configurators have injected. */
@ApplicationScoped
public class Greetings {
    public String greet(String name) {
        return "Hello, " + name;
    }
}
