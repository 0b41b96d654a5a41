package dev.duplex.endpoint.session;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A queue of what handlers received, with a bounded wait. */
final class Received<T> {
    private final BlockingQueue<T> items = new LinkedBlockingQueue<>();

    void add(T item) {
        items.add(item);
    }

    T next() throws InterruptedException {
        T item = items.poll(RecordingEndpoint.WAIT_SECONDS, TimeUnit.SECONDS);
        if (item == null) {
            throw new AssertionError("nothing received within " + RecordingEndpoint.WAIT_SECONDS + " s");
        }
        return item;
    }

    T poll() {
        return items.poll();
    }

    boolean isEmpty() {
        return items.isEmpty();
    }
}
