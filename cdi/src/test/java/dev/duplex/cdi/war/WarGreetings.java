package dev.duplex.cdi.war;

import jakarta.enterprise.context.ApplicationScoped;

/** A bean of the web application, discovered by Weld Servlet in WEB-INF/classes. */
@ApplicationScoped
public class WarGreetings {
    public String greet(String name) {
        return "Hello from the WAR, " + name;
    }
}
