package dev.duplex.client.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens client WebSocket connections for one container: a fixed set of selector threads shared
 * by all its connections (no thread per connection), plus one resolver thread, started on
 * demand, for the blocking host name lookup. Threads are daemons named
 * {@code duplex-client-selector-N} and {@code duplex-client-resolver-N}.
 *
 * <p>{@link #connect} performs the opening handshake of RFC 6455 section 4.1 up to the server's
 * response head, without judging it (see {@link HandshakeValidator}); the future completes on a
 * selector thread, so its dependent actions must not block.
 *
 * <p>Thread-safe.
 */
public final class ClientConnector implements AutoCloseable {
    private static final AtomicInteger SELECTOR_THREADS = new AtomicInteger();
    private static final AtomicInteger RESOLVER_THREADS = new AtomicInteger();

    private final List<SelectorLoop> loops;
    private final HostResolver resolver;
    private final ThreadPoolExecutor resolverExecutor;
    private final AtomicInteger nextLoop = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** A connector with one selector thread and the system resolver. */
    public ClientConnector() {
        this(1, HostResolver.SYSTEM);
    }

    /**
     * @param selectorThreads how many selector threads share the connections, at least 1
     * @param resolver        how host names become addresses
     * @throws UncheckedIOException when a selector cannot be opened
     */
    public ClientConnector(int selectorThreads, HostResolver resolver) {
        if (selectorThreads < 1) {
            throw new IllegalArgumentException("selectorThreads must be at least 1: " + selectorThreads);
        }
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.resolverExecutor = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                task -> {
                    Thread thread = new Thread(task, "duplex-client-resolver-" + RESOLVER_THREADS.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.resolverExecutor.allowCoreThreadTimeOut(true);
        List<SelectorLoop> opened = new ArrayList<>();
        try {
            for (int i = 0; i < selectorThreads; i++) {
                opened.add(new SelectorLoop("duplex-client-selector-" + SELECTOR_THREADS.incrementAndGet()));
            }
        } catch (IOException e) {
            opened.forEach(SelectorLoop::discard);
            resolverExecutor.shutdown();
            throw new UncheckedIOException("cannot open a selector for the WebSocket client", e);
        }
        this.loops = List.copyOf(opened);
        loops.forEach(SelectorLoop::start);
    }

    /**
     * Opens a connection and performs the opening handshake up to the response head.
     *
     * @return a future completed with the connection once a response head arrived, whatever its
     *         status (a non-101 connection is already closed), or failed: with
     *         {@link ConnectTimeoutException} or {@link HandshakeTimeoutException} when a timeout
     *         expires, {@link ProxyConnectException} when the proxy refuses the tunnel,
     *         {@link javax.net.ssl.SSLHandshakeException} when TLS fails (such as a certificate not
     *         naming the host), or another {@link IOException}. Cancelling the future abandons
     *         the attempt and closes its socket.
     */
    public CompletableFuture<ClientConnection> connect(ConnectRequest request) {
        Objects.requireNonNull(request, "request");
        CompletableFuture<ClientConnection> future = new CompletableFuture<>();
        if (closed.get()) {
            future.completeExceptionally(new IOException("the client connector is closed"));
            return future;
        }
        SelectorLoop loop = loops.get(Math.floorMod(nextLoop.getAndIncrement(), loops.size()));
        HandshakeAttempt attempt = new HandshakeAttempt(request, loop, resolver, resolverExecutor, future);
        future.whenComplete((connection, failure) -> {
            if (failure instanceof CancellationException) {
                attempt.abandon();
            }
        });
        attempt.start();
        return future;
    }

    /**
     * Stops the selector threads after closing every connection and failing every attempt in
     * progress (engines hear {@code onTransportClosed}); waits for the threads to end unless
     * called from one of them. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        loops.forEach(SelectorLoop::stop);
        resolverExecutor.shutdownNow();
        boolean interrupted = false;
        for (SelectorLoop loop : loops) {
            if (loop.inLoop()) {
                continue;
            }
            while (true) {
                try {
                    loop.thread().join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isClosed() {
        return closed.get();
    }

    /**
     * How many channels are registered and open on the selector threads, and how many attempts and
     * connections live there; for tests that check nothing leaks. Waits for each loop to answer.
     */
    int[] liveChannelsAndHandlers() {
        int[] counts = new int[2];
        for (SelectorLoop loop : loops) {
            CompletableFuture<int[]> answer = new CompletableFuture<>();
            loop.execute(() -> answer.complete(loop.liveChannelsAndHandlers()));
            int[] one = answer.join();
            counts[0] += one[0];
            counts[1] += one[1];
        }
        return counts;
    }

    /** Whether the resolver thread has ended within the timeout; for tests, after {@link #close()}. */
    boolean awaitResolverTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return resolverExecutor.awaitTermination(timeout, unit);
    }

    /** The selector threads, for tests that check none outlives {@link #close()}. */
    List<Thread> selectorThreads() {
        List<Thread> threads = new ArrayList<>();
        loops.forEach(loop -> threads.add(loop.thread()));
        return threads;
    }
}
