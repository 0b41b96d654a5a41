package dev.duplex.client;

import dev.duplex.client.transport.ClientConnection;
import dev.duplex.client.transport.ConnectRequest;
import dev.duplex.client.transport.HandshakeTimeoutException;
import dev.duplex.client.transport.HandshakeValidator;
import dev.duplex.engine.deflate.DeflateSettings;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The opening handshake of one {@code connectToServer} (or of one reconnect attempt), following redirects: for each
 * hop the request is formulated anew from the configuration ({@link ClientHandshake#request}: a new key, the Host of
 * the new URI, {@code beforeRequest} again), sent over a new connection of the container's connector, and its
 * response shown to {@code afterResponse}; a followable redirect ({@link RedirectChain}) leads to the next hop, any
 * other response is validated and ends the chain. The {@link ClientProperties#HANDSHAKE_TIMEOUT} bounds the whole
 * chain, so {@code connectToServer} returns within it however many hops there are.
 *
 * <p>{@link #perform} blocks, running the configurator on the calling thread; {@link #performAsync} waits on no
 * thread and runs the configurator on the given executor. Immutable and thread-safe: one chain may be performed any
 * number of times.
 */
final class HandshakeChain {
    private static final System.Logger LOG = System.getLogger(HandshakeChain.class.getName());

    /**
     * A handshake the server accepted.
     *
     * @param request    the request of the last hop: its URI is the session's
     * @param connection the upgraded connection
     * @param agreement  the subprotocol and extensions the server agreed to
     */
    record Completed(ConnectRequest request, ClientConnection connection, HandshakeValidator.Agreement agreement) {
    }

    private final ClientEndpointConfig config;
    private final ConnectorLeases connectors;
    private final DeflateSettings deflate;
    private final boolean deflateWhenNoneNamed;
    private final int maxRedirects;

    /** @throws DeploymentException when {@link ClientProperties#MAX_REDIRECTS} is invalid */
    HandshakeChain(ClientEndpointConfig config, ConnectorLeases connectors, DeflateSettings deflate,
            boolean deflateWhenNoneNamed) throws DeploymentException {
        this.config = config;
        this.connectors = connectors;
        this.deflate = deflate;
        this.deflateWhenNoneNamed = deflateWhenNoneNamed;
        this.maxRedirects = ConnectSettings.maxRedirects(config.getUserProperties());
    }

    /**
     * Performs the handshake with {@code uri} and the hops it is redirected to, on this thread.
     *
     * @throws DeploymentException for an invalid request or setting, a refused handshake or redirect
     * @throws IOException         when the network prevented a hop, or the handshake timeout expired
     */
    Completed perform(URI uri) throws DeploymentException, IOException {
        long started = System.nanoTime();
        RedirectChain chain = RedirectChain.startingAt(uri, maxRedirects);
        while (true) {
            ConnectRequest request = request(chain, started);
            ClientConnection connection = ClientHandshake.await(connect(request), chain.current());
            RedirectChain next = redirect(chain, connection);
            if (next == null) {
                return new Completed(request, connection, ClientHandshake.validate(request, connection, config));
            }
            chain = next;
        }
    }

    /**
     * Performs the handshake without waiting on any thread: the connector's selector thread does the I/O, and each
     * step after a response (the configurator, the checks, the next hop) runs on {@code steps}.
     *
     * @return the handshake, or its failure as {@link #perform} throws it
     */
    CompletableFuture<Completed> performAsync(URI uri, Executor steps) {
        CompletableFuture<Completed> result = new CompletableFuture<>();
        hopAsync(RedirectChain.startingAt(uri, maxRedirects), System.nanoTime(), steps, result);
        return result;
    }

    private void hopAsync(RedirectChain chain, long started, Executor steps, CompletableFuture<Completed> result) {
        ConnectRequest request;
        CompletableFuture<ClientConnection> attempt;
        try {
            request = request(chain, started);
            attempt = connect(request);
        } catch (DeploymentException | IOException | RuntimeException e) {
            result.completeExceptionally(e);
            return;
        }
        // The attempt completes on a selector thread, which must not run the configurator: hand over.
        attempt.whenComplete((connection, failure) -> steps.execute(() -> {
            if (failure != null) {
                result.completeExceptionally(failure);
                return;
            }
            try {
                RedirectChain next = redirect(chain, connection);
                if (next == null) {
                    result.complete(new Completed(request, connection,
                            ClientHandshake.validate(request, connection, config)));
                } else {
                    hopAsync(next, started, steps, result);
                }
            } catch (DeploymentException | RuntimeException e) {
                result.completeExceptionally(e);
            }
        }));
    }

    /**
     * The request of the chain's current hop. Later hops get what is left of the first hop's handshake timeout.
     *
     * @throws HandshakeTimeoutException when nothing is left
     */
    private ConnectRequest request(RedirectChain chain, long started) throws DeploymentException, IOException {
        ConnectRequest request = ClientHandshake.request(chain.current(), config, deflate, deflateWhenNoneNamed);
        if (chain.redirects() == 0) {
            return request;
        }
        long left = request.handshakeTimeout().toNanos() - (System.nanoTime() - started);
        if (left <= 0) {
            throw new HandshakeTimeoutException("handshake timeout of " + request.handshakeTimeout().toMillis()
                    + " ms expired while following redirects: " + chain.describe());
        }
        return request.toBuilder().handshakeTimeout(Duration.ofNanos(left)).build();
    }

    /** Starts one hop on a leased connector; the lease is returned once the hop's connection has ended. */
    private CompletableFuture<ClientConnection> connect(ConnectRequest request) throws IOException {
        ConnectorLeases.Lease lease;
        try {
            lease = connectors.lease();
        } catch (UncheckedIOException e) {
            throw e.getCause(); // no selector could be opened
        }
        CompletableFuture<ClientConnection> attempt;
        try {
            attempt = lease.connector().connect(request);
        } catch (RuntimeException e) {
            lease.release();
            throw e;
        }
        attempt.whenComplete((connection, failure) -> {
            if (connection != null) {
                connection.whenEnded().thenRun(lease::release);
            } else {
                lease.release();
            }
        });
        return attempt;
    }

    /**
     * Shows the hop's response to the configurator; then the next chain when it is a redirect to follow, or null
     * when the response ends the chain (to be validated).
     */
    private RedirectChain redirect(RedirectChain chain, ClientConnection connection) throws DeploymentException {
        ClientHandshake.showResponse(connection, config);
        if (!RedirectChain.isFollowable(connection.response().status())) {
            return null;
        }
        RedirectChain next = chain.follow(connection.response()); // the connection is closed already: not a 101
        LOG.log(Level.DEBUG, () -> "the WebSocket handshake was redirected with " + connection.response().status()
                + ": " + next.describe());
        return next;
    }
}
