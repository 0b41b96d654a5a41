package dev.duplex.endpoint.session;

import dev.duplex.engine.Role;
import dev.duplex.transport.memory.MemoryLink;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A server session and a client session joined by a {@link MemoryLink}, opened the way the
 * servlet bridge and the client will: open each session, then start its transport. Close it to
 * stop the threads it made.
 */
final class SessionPair implements AutoCloseable {
    static final URI SERVER_URI = URI.create("ws://localhost/app/chat?room=1");

    final ExecutorService executor = Executors.newCachedThreadPool(SessionRuntime.daemonThreads("pair"));
    final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, SessionRuntime.daemonThreads("pair-timer"));
    /** The server session's container; the client has one of its own, with the defaults. */
    final TestContainer container = new TestContainer();
    final TestContainer clientContainer = new TestContainer();
    final OpenSessions serverSessions = new OpenSessions(new SessionCounters("/app/chat"));
    final OpenSessions clientSessions = new OpenSessions(new SessionCounters("client"));
    MemoryLink link;
    DuplexSession server;
    DuplexSession client;

    private EndpointConfig serverConfig = ClientEndpointConfig.Builder.create().build();
    private EndpointConfig clientConfig = ClientEndpointConfig.Builder.create().build();
    private SessionContext serverContext = SessionContext.builder(SERVER_URI).build();
    private long writeBuffer = MemoryLink.DEFAULT_WRITE_BUFFER;
    private SessionRuntime runtime;

    SessionPair() {
        runtime = SessionRuntime.of(executor, scheduler);
    }

    SessionPair serverConfig(EndpointConfig config) {
        this.serverConfig = config;
        return this;
    }

    SessionPair clientConfig(EndpointConfig config) {
        this.clientConfig = config;
        return this;
    }

    SessionPair serverContext(SessionContext context) {
        this.serverContext = context;
        return this;
    }

    SessionPair writeBuffer(long bytes) {
        this.writeBuffer = bytes;
        return this;
    }

    SessionPair closeTimeout(Duration timeout) {
        this.runtime = runtime.withCloseTimeout(timeout);
        return this;
    }

    SessionPair applicationClassLoader(ClassLoader loader) {
        this.runtime = runtime.withApplicationClassLoader(loader);
        return this;
    }

    SessionPair sendFragmentSize(int bytes) {
        this.runtime = runtime.withSendFragmentSize(bytes);
        return this;
    }

    SessionRuntime runtime() {
        return runtime;
    }

    /** Opens both sessions, then starts both transports. */
    SessionPair open(Endpoint serverEndpoint, Endpoint clientEndpoint) {
        link = MemoryLink.open(executor, writeBuffer);
        SessionOpener serverOpener = new SessionOpener(serverConfig, container, serverSessions, runtime);
        SessionOpener clientOpener = new SessionOpener(clientConfig, clientContainer, clientSessions, runtime);
        server = serverOpener.open(serverEndpoint, serverContext, Role.SERVER, link.server());
        client = clientOpener.open(clientEndpoint, SessionContext.builder(SERVER_URI).build(), Role.CLIENT, link.client());
        link.server().start(server.connection());
        link.client().start(client.connection());
        return this;
    }

    /**
     * Polls, without sleeping, for {@code isOpen()} to turn false, as an application waiting for
     * the end of a session would; fails after 10 s.
     */
    static void awaitNotOpen(Session session) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (session.isOpen()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("session " + session.getId() + " is still open after 10 s");
            }
            Thread.yield();
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        scheduler.shutdownNow();
    }
}
