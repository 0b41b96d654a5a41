package dev.duplex.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.engine.Callback;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WriteQueueTest {

    /** A sink that takes at most {@code budget} bytes before reporting it is not ready. */
    private static final class ThrottledSink implements WriteQueue.Sink {
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        int budget;

        ThrottledSink(int budget) {
            this.budget = budget;
        }

        @Override
        public boolean write(ByteBuffer[] buffers) {
            for (ByteBuffer buffer : buffers) {
                while (buffer.hasRemaining()) {
                    if (budget == 0) {
                        return false;
                    }
                    written.write(buffer.get());
                    budget--;
                }
            }
            return true;
        }
    }

    private static final class RecordingCallback implements Callback {
        final List<String> events = new ArrayList<>();
        Throwable failure;

        @Override
        public void succeeded() {
            events.add("ok");
        }

        @Override
        public void failed(Throwable cause) {
            failure = cause;
            events.add("failed");
        }
    }

    private static ByteBuffer[] bytes(String text) {
        return new ByteBuffer[] {ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII))};
    }

    @Test
    void writesInOrderAcrossNotReadyPauses() {
        WriteQueue queue = new WriteQueue(1024);
        RecordingCallback first = new RecordingCallback();
        RecordingCallback second = new RecordingCallback();
        ThrottledSink sink = new ThrottledSink(3);
        queue.offer(bytes("hello"), first);
        queue.offer(bytes("world"), second);

        assertFalse(queue.flush(sink));
        assertTrue(first.events.isEmpty(), "callback must wait until every byte is handed over");

        sink.budget = 100;
        assertTrue(queue.flush(sink));
        assertEquals("helloworld", sink.written.toString(StandardCharsets.US_ASCII));
        assertEquals(List.of("ok"), first.events);
        assertEquals(List.of("ok"), second.events);
        assertEquals(0, queue.queuedBytes());
    }

    @Test
    void refusesAWriteThatWouldPassTheBoundAndKeepsTheRest() {
        WriteQueue queue = new WriteQueue(8);
        RecordingCallback accepted = new RecordingCallback();
        RecordingCallback refused = new RecordingCallback();
        assertTrue(queue.offer(bytes("12345"), accepted));
        assertFalse(queue.offer(bytes("6789"), refused));

        assertInstanceOf(WriteQueueFullException.class, refused.failure);
        assertEquals(5, queue.queuedBytes());
        ThrottledSink sink = new ThrottledSink(100);
        assertTrue(queue.flush(sink));
        assertEquals("12345", sink.written.toString(StandardCharsets.US_ASCII));
        assertEquals(List.of("ok"), accepted.events);
    }

    @Test
    void acceptsOneWriteLargerThanTheBoundWhenEmpty() {
        WriteQueue queue = new WriteQueue(4);
        RecordingCallback callback = new RecordingCallback();
        assertTrue(queue.offer(bytes("larger than four"), callback));
        assertTrue(queue.flush(new ThrottledSink(100)));
        assertEquals(List.of("ok"), callback.events);
    }

    @Test
    void sinkFailureFailsQueuedAndLaterWrites() {
        WriteQueue queue = new WriteQueue(1024);
        RecordingCallback queued = new RecordingCallback();
        RecordingCallback later = new RecordingCallback();
        queue.offer(bytes("abc"), queued);
        queue.flush(buffers -> {
            throw new IOException("reset by peer");
        });
        assertEquals(List.of("failed"), queued.events);
        assertFalse(queue.offer(bytes("def"), later));
        assertEquals(List.of("failed"), later.events);
    }

    @Test
    void aFlushAskedForDuringAFlushIsNotLost() {
        WriteQueue queue = new WriteQueue(1024);
        RecordingCallback callback = new RecordingCallback();
        queue.offer(bytes("ab"), callback);
        ThrottledSink inner = new ThrottledSink(100);
        // The first attempt finds the network not ready, but a "ready" signal arrives meanwhile.
        boolean[] signalled = {false};
        WriteQueue.Sink sink = buffers -> {
            if (!signalled[0]) {
                signalled[0] = true;
                assertFalse(queue.flush(inner), "a nested flush only marks the running one to go round again");
                return false;
            }
            return inner.write(buffers);
        };
        assertTrue(queue.flush(sink));
        assertEquals(List.of("ok"), callback.events);
    }
}
