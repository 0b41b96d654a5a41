package dev.duplex.cdi.beans;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.Dependent;
import java.util.concurrent.Semaphore;

/** A dependent bean of a dependent endpoint: destroyed with it, which {@link #DESTROYED} counts. */
@Dependent
public class Helper {
    public static final Semaphore DESTROYED = new Semaphore(0);

    public String help(String message) {
        return "helped " + message;
    }

    @PreDestroy
    void destroyed() {
        DESTROYED.release();
    }
}
