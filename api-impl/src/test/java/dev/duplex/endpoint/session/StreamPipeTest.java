package dev.duplex.endpoint.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class StreamPipeTest {
    private final List<String> flow = new CopyOnWriteArrayList<>();
    private final StreamPipe pipe = new StreamPipe(new StreamPipe.FlowControl() {
        @Override
        public void pause() {
            flow.add("pause");
        }

        @Override
        public void resume() {
            flow.add("resume");
        }
    });

    private static ByteBuffer bytes(int length) {
        return ByteBuffer.allocate(length);
    }

    @Test
    void theWriterPausesOnceTheBacklogPassesTheWindowAndTheReaderResumesAtHalf() throws IOException {
        pipe.write(bytes(StreamPipe.WINDOW));
        assertEquals(List.of(), flow);
        pipe.write(bytes(1));
        assertEquals(List.of("pause"), flow);
        InputStream in = pipe.input();
        in.readNBytes(StreamPipe.WINDOW / 2);
        assertEquals(List.of("pause"), flow);
        in.readNBytes(1);
        assertEquals(List.of("pause", "resume"), flow);
    }

    @Test
    void theLastFragmentPausesUntilTheHandlerIsDone() {
        pipe.write(bytes(10));
        pipe.finish();
        assertEquals(List.of("pause"), flow);
        pipe.consumerDone();
        assertEquals(List.of("pause", "resume"), flow);
    }

    @Test
    void aHandlerDoneBeforeTheLastFragmentLeavesReadingAlone() {
        pipe.write(bytes(10));
        pipe.consumerDone();
        pipe.write(bytes(10));
        pipe.finish();
        assertEquals(List.of(), flow);
        assertEquals(0, pipe.buffered());
    }

    @Test
    void pausedForSpaceAtTheLastFragmentStaysPausedUntilTheHandlerIsDone() throws IOException {
        pipe.write(bytes(StreamPipe.WINDOW + 1));
        pipe.finish();
        pipe.input().readAllBytes();
        assertEquals(List.of("pause"), flow);
        pipe.consumerDone();
        assertEquals(List.of("pause", "resume"), flow);
    }

    @Test
    void readsBlockUntilBytesArriveAndEndAfterTheLastFragment() throws Exception {
        CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
            try {
                return pipe.input().readAllBytes();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        pipe.write(ByteBuffer.wrap(new byte[] {1, 2}));
        pipe.write(ByteBuffer.wrap(new byte[] {3}));
        pipe.finish();
        assertArrayEquals(new byte[] {1, 2, 3}, read.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aFailureBeforeTheLastFragmentReachesTheReader() throws IOException {
        pipe.write(ByteBuffer.wrap(new byte[] {1}));
        IOException cause = new IOException("closed");
        pipe.fail(cause);
        InputStream in = pipe.input();
        assertEquals(1, in.read());
        assertSame(cause, assertThrows(IOException.class, in::read));
    }

    @Test
    void theWritersBufferIsCopied() throws IOException {
        ByteBuffer fragment = ByteBuffer.wrap(new byte[] {7});
        pipe.write(fragment);
        fragment.put(0, (byte) 9);
        assertEquals(0, fragment.position());
        assertEquals(1, pipe.input().available());
        assertEquals(7, pipe.input().read());
    }

    /**
     * The handler may finish on its thread while the receiving thread is pausing for the last
     * fragment. Whatever the interleaving, the connection must end up reading again: here the
     * handler's {@code consumerDone} is started from inside {@code pause()}, the latest point at
     * which it can overtake the pause.
     */
    @Test
    void aHandlerFinishingWhileTheLastFragmentPausesLeavesReadingResumed() throws Exception {
        AtomicBoolean paused = new AtomicBoolean();
        AtomicReference<Thread> handler = new AtomicReference<>();
        AtomicReference<StreamPipe> racing = new AtomicReference<>();
        StreamPipe pipe = new StreamPipe(new StreamPipe.FlowControl() {
            @Override
            public void pause() {
                Thread done = new Thread(() -> racing.get().consumerDone());
                handler.set(done);
                done.start();
                awaitFinishedOrBlocked(done);
                paused.set(true); // what WebSocketConnection.pauseReading does
            }

            @Override
            public void resume() {
                paused.compareAndSet(true, false); // WebSocketConnection.resumeReading: only if paused
            }
        });
        racing.set(pipe);
        pipe.write(bytes(10));
        pipe.finish();
        handler.get().join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(handler.get().isAlive(), "consumerDone did not return");
        assertFalse(paused.get(), "the connection stayed paused after the handler was done");
    }

    /**
     * Waits until the thread has ended or waits for the pipe's lock (a ReentrantLock parks it: WAITING); its state
     * says which, without a timed guess.
     */
    private static void awaitFinishedOrBlocked(Thread thread) {
        while (thread.getState() != Thread.State.TERMINATED && thread.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
    }
}
