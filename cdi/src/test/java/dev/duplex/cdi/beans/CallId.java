package dev.duplex.cdi.beans;

import jakarta.enterprise.context.RequestScoped;
import java.util.concurrent.atomic.AtomicLong;

/** A request-scoped bean: one per callback while Duplex keeps a request context active around each. */
@RequestScoped
public class CallId {
    private static final AtomicLong NEXT = new AtomicLong();
    private final long id = NEXT.incrementAndGet();

    public long id() {
        return id;
    }
}
