package dev.duplex.engine;

import java.security.SecureRandom;

/**
 * Supplies masking keys for client frames. RFC 6455 section 5.3 requires a fresh key per frame,
 * unpredictable to the application, from a strong source of entropy. Injected so tests can repeat.
 */
@FunctionalInterface
public interface MaskKeySource {

    /** A new 32-bit masking key. */
    int nextKey();

    /**
     * Keys from a {@link SecureRandom}. SecureRandom is thread-safe; callers that care about
     * contention use one source per connection.
     */
    static MaskKeySource secure() {
        SecureRandom random = new SecureRandom();
        return random::nextInt;
    }
}
