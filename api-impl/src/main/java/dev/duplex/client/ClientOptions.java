package dev.duplex.client;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a client container that has a connector of its own, made with
 * {@link DuplexWebSocketContainer#create(ClientOptions)}. Immutable; start from {@link #defaults()}
 * and change with the {@code with} methods. Per-connection settings (TLS, timeouts, proxy) are
 * {@link ClientProperties} of the endpoint configuration instead.
 *
 * @param selectorThreads how many selector threads the container's connections share, at least 1;
 *                        they run only while the container has connections (see {@code idleDelay})
 * @param idleDelay       how long the selector threads stay up without any connection, positive
 * @param stopTimeout     how long {@link DuplexWebSocketContainer#stop()} waits for the peers to answer
 *                        the close frames of its sessions before it drops what is left, zero or positive
 */
public record ClientOptions(int selectorThreads, Duration idleDelay, Duration stopTimeout) {

    public ClientOptions {
        if (selectorThreads < 1) {
            throw new IllegalArgumentException("selectorThreads must be at least 1: " + selectorThreads);
        }
        Objects.requireNonNull(idleDelay, "idleDelay");
        Objects.requireNonNull(stopTimeout, "stopTimeout");
        if (idleDelay.isNegative() || idleDelay.isZero()) {
            throw new IllegalArgumentException("idleDelay must be positive: " + idleDelay);
        }
        if (stopTimeout.isNegative()) {
            throw new IllegalArgumentException("stopTimeout must not be negative: " + stopTimeout);
        }
    }

    /** One selector thread, 30 s idle delay, 5 s stop timeout. */
    public static ClientOptions defaults() {
        return new ClientOptions(1, Duration.ofSeconds(30), Duration.ofSeconds(5));
    }

    public ClientOptions withSelectorThreads(int threads) {
        return new ClientOptions(threads, idleDelay, stopTimeout);
    }

    public ClientOptions withIdleDelay(Duration delay) {
        return new ClientOptions(selectorThreads, delay, stopTimeout);
    }

    public ClientOptions withStopTimeout(Duration timeout) {
        return new ClientOptions(selectorThreads, idleDelay, timeout);
    }
}
