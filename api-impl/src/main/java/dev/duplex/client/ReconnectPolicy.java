package dev.duplex.client;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * When and how often a client connection that dropped is made again; opt-in, per connection, as the
 * {@link ClientProperties#RECONNECT} user property of the {@code ClientEndpointConfig}:
 * <pre>{@code
 * ReconnectPolicy policy = ReconnectPolicy.builder()
 *         .initialDelay(Duration.ofMillis(500))
 *         .maxDelay(Duration.ofSeconds(30))
 *         .maxAttempts(20)
 *         .beforeAttempt(attempt -> !shuttingDown)         // false gives up
 *         .onReconnected(session -> current = session)
 *         .onGaveUp(gaveUp -> log.warn(gaveUp.why()))
 *         .build();
 * config.getUserProperties().put(ClientProperties.RECONNECT, policy);
 * Session first = container.connectToServer(endpoint, config, uri);
 * }</pre>
 *
 * <p><b>What counts as a drop.</b> A session whose close this side did not start, ending with one of the
 * {@linkplain #closeCodes() close codes} (by default 1001 going away, 1006 connection lost, 1011 server error, 1012
 * service restart, 1013 try again later, 1014 bad gateway: the codes of a server that went away or could not serve
 * for now, RFC 6455 section 7.4.1 and the IANA registry). Never a drop: a close this side started, whether the
 * application's {@code Session.close} or the container's (idle timeout, {@code stop()}); a normal close (1000) or a
 * refusal (1002, 1003, 1007, 1008, 1009, 1010) by the server, which would only be repeated; a connection this end
 * failed because the server broke the protocol.
 *
 * <p><b>Attempts.</b> After a drop, attempt 1 waits {@link #delayBefore(int) delayBefore(1)}, then connects to the
 * URI given to {@code connectToServer} (redirects are followed again), with the same configuration. A failed attempt
 * (network, timeout, refused handshake) is followed by the next, each waiting longer: {@code initialDelay ×
 * multiplier^(n-1)}, at most {@code maxDelay}, minus a random part of up to {@code jitter} of it, so that clients
 * dropped together by one server do not come back together. No thread waits meanwhile: the container's scheduler
 * starts each attempt, and the handshake runs on the selector thread like any other. Before each attempt is
 * scheduled, {@link Builder#beforeAttempt} may veto it. A series ends with {@link Builder#onReconnected} once a
 * session is open, or with {@link Builder#onGaveUp} when attempts run out, the callback vetoes, or the container
 * stops; the next drop of the new session starts a new series at attempt 1. {@code stop()} cancels a pending attempt.
 *
 * <p><b>Which endpoint.</b> An endpoint instance the application passed to {@code connectToServer} is connected
 * again: the same object sees {@code onOpen} of the new session, always after {@code onClose} of the old one
 * returned. An endpoint class gets a new instance per connection (Jakarta WebSocket 2.2 section 3.1.1: one per
 * peer), because the container destroyed the old one after its {@code onClose} ({@code InstanceProvider}); Tyrus,
 * whose {@code ReconnectHandler} reuses the instance it made, differs there: keep state that must outlive a
 * connection outside a class-made endpoint. The application learns of the new {@code Session} from
 * {@link Builder#onReconnected}; the session {@code connectToServer} returned stays closed.
 *
 * <p><b>Threads.</b> The callbacks run on the session executor (see {@link DuplexWebSocketContainer}), one at a time
 * per connection, and may block briefly; what they throw is logged, and a {@code beforeAttempt} that throws vetoes.
 *
 * <p>Immutable and thread-safe; one policy may serve any number of connections.
 */
public final class ReconnectPolicy {
    /** The close codes that count as a drop unless {@link Builder#reconnectOn} says otherwise. */
    public static final Set<Integer> DEFAULT_CLOSE_CODES = Set.of(1001, 1006, 1011, 1012, 1013, 1014);
    public static final Duration DEFAULT_INITIAL_DELAY = Duration.ofSeconds(1);
    public static final double DEFAULT_MULTIPLIER = 2.0;
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(30);
    public static final double DEFAULT_JITTER = 0.2;
    /** {@link #maxAttempts()} when attempts are unlimited. */
    public static final int UNLIMITED_ATTEMPTS = Integer.MAX_VALUE;

    /**
     * An attempt about to be scheduled, as {@link Builder#beforeAttempt} sees it.
     *
     * @param number      which attempt of this series, from 1
     * @param closeReason how the session that dropped ended: what its {@code onClose} heard
     * @param failure     why the previous attempt failed; null before attempt 1
     * @param delay       how long the attempt will wait before connecting
     */
    public record Attempt(int number, CloseReason closeReason, Throwable failure, Duration delay) {
    }

    /**
     * A series of attempts that ended without a session.
     *
     * @param attempts    how many attempts were made
     * @param closeReason how the session that dropped ended
     * @param lastFailure why the last attempt failed; null when none was made
     * @param why         why no more are made: attempts exhausted, vetoed, or the container stopped
     */
    public record GaveUp(int attempts, CloseReason closeReason, Throwable lastFailure, String why) {
    }

    private final Duration initialDelay;
    private final double multiplier;
    private final Duration maxDelay;
    private final double jitter;
    private final int maxAttempts;
    private final Set<Integer> closeCodes;
    private final Predicate<Attempt> beforeAttempt;
    private final Consumer<Session> onReconnected;
    private final Consumer<GaveUp> onGaveUp;

    private ReconnectPolicy(Builder b) {
        this.initialDelay = b.initialDelay;
        this.multiplier = b.multiplier;
        this.maxDelay = b.maxDelay;
        this.jitter = b.jitter;
        this.maxAttempts = b.maxAttempts;
        this.closeCodes = Set.copyOf(b.closeCodes);
        this.beforeAttempt = b.beforeAttempt;
        this.onReconnected = b.onReconnected;
        this.onGaveUp = b.onGaveUp;
    }

    /** A builder with the defaults: 1 s, doubling, at most 30 s, 20 % jitter, unlimited attempts. */
    public static Builder builder() {
        return new Builder();
    }

    /** The policy with every default, and no callbacks. */
    public static ReconnectPolicy defaults() {
        return builder().build();
    }

    /**
     * The delay before attempt {@code attempt} with a given random draw: a pure function, so tests and
     * applications can check a policy without waiting. {@code initialDelay × multiplier^(attempt-1)}, at most
     * {@code maxDelay}, then less up to {@code jitter} of it: {@code base × (1 − jitter × random)}.
     *
     * @param attempt from 1
     * @param random  from 0 (no jitter taken off) inclusive to 1 exclusive
     */
    public Duration delayBefore(int attempt, double random) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1: " + attempt);
        }
        if (!(random >= 0 && random < 1)) {
            throw new IllegalArgumentException("random must be in [0, 1): " + random);
        }
        double base = initialDelay.toNanos() * Math.pow(multiplier, attempt - 1.0);
        double capped = Math.min(base, maxDelay.toNanos()); // also catches an overflow to infinity
        return Duration.ofNanos(Math.round(capped * (1 - jitter * random)));
    }

    /** The delay before attempt {@code attempt}, with a fresh random draw. */
    public Duration delayBefore(int attempt) {
        return delayBefore(attempt, ThreadLocalRandom.current().nextDouble());
    }

    /** Whether a session that ended with this code (and whose close this side did not start) is connected again. */
    public boolean reconnectsAfter(int closeCode) {
        return closeCodes.contains(closeCode);
    }

    public Duration initialDelay() {
        return initialDelay;
    }

    public double multiplier() {
        return multiplier;
    }

    public Duration maxDelay() {
        return maxDelay;
    }

    public double jitter() {
        return jitter;
    }

    /** How many attempts a series may make; {@link #UNLIMITED_ATTEMPTS} for no limit. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** The close codes that count as a drop, unmodifiable. */
    public Set<Integer> closeCodes() {
        return closeCodes;
    }

    Predicate<Attempt> beforeAttempt() {
        return beforeAttempt;
    }

    Consumer<Session> onReconnected() {
        return onReconnected;
    }

    Consumer<GaveUp> onGaveUp() {
        return onGaveUp;
    }

    @Override
    public String toString() {
        return "ReconnectPolicy[" + initialDelay.toMillis() + " ms x " + multiplier + " up to " + maxDelay.toMillis()
                + " ms, jitter " + jitter + ", " + (maxAttempts == UNLIMITED_ATTEMPTS ? "unlimited" : maxAttempts)
                + " attempts, on " + new TreeSet<>(closeCodes) + "]";
    }

    /** Collects a policy's settings; {@link #build()} checks that they fit together. Not thread-safe. */
    public static final class Builder {
        private Duration initialDelay = DEFAULT_INITIAL_DELAY;
        private double multiplier = DEFAULT_MULTIPLIER;
        private Duration maxDelay = DEFAULT_MAX_DELAY;
        private double jitter = DEFAULT_JITTER;
        private int maxAttempts = UNLIMITED_ATTEMPTS;
        private Set<Integer> closeCodes = DEFAULT_CLOSE_CODES;
        private Predicate<Attempt> beforeAttempt = attempt -> true;
        private Consumer<Session> onReconnected = session -> { };
        private Consumer<GaveUp> onGaveUp = gaveUp -> { };

        private Builder() {
        }

        /** The delay before attempt 1, positive. Default 1 s. */
        public Builder initialDelay(Duration delay) {
            this.initialDelay = positive("initialDelay", delay);
            return this;
        }

        /** What each delay is multiplied by for the next attempt, at least 1 (1: a constant delay). Default 2. */
        public Builder multiplier(double factor) {
            if (!(factor >= 1) || Double.isInfinite(factor)) {
                throw new IllegalArgumentException("multiplier must be a finite number of at least 1: " + factor);
            }
            this.multiplier = factor;
            return this;
        }

        /** The longest delay, at least the initial delay. Default 30 s. */
        public Builder maxDelay(Duration delay) {
            this.maxDelay = positive("maxDelay", delay);
            return this;
        }

        /** Up to which fraction of each delay is taken off at random, from 0 (none) to 1. Default 0.2. */
        public Builder jitter(double fraction) {
            if (!(fraction >= 0 && fraction <= 1)) {
                throw new IllegalArgumentException("jitter must be a fraction from 0 to 1: " + fraction);
            }
            this.jitter = fraction;
            return this;
        }

        /** How many attempts a series may make, at least 1. Default: unlimited. */
        public Builder maxAttempts(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1: " + attempts);
            }
            this.maxAttempts = attempts;
            return this;
        }

        /** No limit on the attempts of a series (the default); {@link #beforeAttempt} may still stop it. */
        public Builder unlimitedAttempts() {
            this.maxAttempts = UNLIMITED_ATTEMPTS;
            return this;
        }

        /**
         * The close codes that count as a drop, replacing the {@linkplain #DEFAULT_CLOSE_CODES defaults}: each from
         * 1000 to 4999 (RFC 6455 section 7.4), such as an application's 4xxx code meaning "come back later".
         */
        public Builder reconnectOn(int... codes) {
            Objects.requireNonNull(codes, "codes");
            for (int code : codes) {
                if (code < 1000 || code > 4999) {
                    throw new IllegalArgumentException("close codes range from 1000 to 4999 (RFC 6455 section 7.4): "
                            + code + " in " + Arrays.toString(codes));
                }
            }
            this.closeCodes = Set.copyOf(Arrays.stream(codes).boxed().toList());
            return this;
        }

        /**
         * Asked before each attempt is scheduled, with the attempt's number, the drop's close reason and the last
         * failure; {@code false} (or an exception) gives up. Default: always {@code true}.
         */
        public Builder beforeAttempt(Predicate<Attempt> approval) {
            this.beforeAttempt = Objects.requireNonNull(approval, "approval");
            return this;
        }

        /** Told of each new session, once it is open (after its endpoint's {@code onOpen}). */
        public Builder onReconnected(Consumer<Session> listener) {
            this.onReconnected = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Told when a series ends without a session. */
        public Builder onGaveUp(Consumer<GaveUp> listener) {
            this.onGaveUp = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** @throws IllegalArgumentException when the max delay is shorter than the initial delay */
        public ReconnectPolicy build() {
            if (maxDelay.compareTo(initialDelay) < 0) {
                throw new IllegalArgumentException("maxDelay " + maxDelay + " is shorter than initialDelay "
                        + initialDelay);
            }
            return new ReconnectPolicy(this);
        }

        private static Duration positive(String name, Duration delay) {
            if (delay == null || delay.isNegative() || delay.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + delay);
            }
            return delay;
        }
    }
}
