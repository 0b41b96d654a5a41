package dev.duplex.cdi.war;

import jakarta.enterprise.context.RequestScoped;
import java.util.concurrent.atomic.AtomicLong;

/** One per callback: Duplex keeps a request context active around each. */
@RequestScoped
public class WarCallId {
    private static final AtomicLong NEXT = new AtomicLong();
    private final long id = NEXT.incrementAndGet();

    public long id() {
        return id;
    }
}
