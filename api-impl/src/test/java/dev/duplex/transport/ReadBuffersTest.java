package dev.duplex.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class ReadBuffersTest {

    @Test
    void aTakenBufferIsEmptyAndReadyToBeCompactedInto() {
        ByteBuffer buffer = new ReadBuffers(1024, 4).take();
        assertEquals(1024, buffer.capacity());
        assertEquals(0, buffer.remaining());
        buffer.compact();
        assertEquals(1024, buffer.remaining());
    }

    @Test
    void aGivenBackBufferIsReusedWithoutItsBytes() {
        ReadBuffers buffers = new ReadBuffers(64, 4);
        ByteBuffer first = buffers.take();
        first.compact().put(new byte[10]).flip();
        buffers.give(first);
        assertEquals(1, buffers.pooledCount());
        ByteBuffer again = buffers.take();
        assertSame(first, again);
        assertEquals(0, again.remaining());
        assertEquals(0, buffers.pooledCount());
    }

    @Test
    void beyondTheBoundBuffersAreLeftToTheCollector() {
        ReadBuffers buffers = new ReadBuffers(64, 1);
        ByteBuffer a = buffers.take();
        ByteBuffer b = buffers.take();
        buffers.give(a);
        buffers.give(b);
        assertEquals(1, buffers.pooledCount());
        assertSame(a, buffers.take());
        assertNotSame(b, buffers.take());
    }

    @Test
    void foreignBuffersAreRefused() {
        ReadBuffers buffers = new ReadBuffers(64, 1);
        assertThrows(IllegalArgumentException.class, () -> buffers.give(ByteBuffer.allocate(65)));
        assertThrows(IllegalArgumentException.class, () -> buffers.give(ByteBuffer.allocateDirect(64)));
        assertThrows(IllegalArgumentException.class, () -> new ReadBuffers(0, 1));
    }
}
