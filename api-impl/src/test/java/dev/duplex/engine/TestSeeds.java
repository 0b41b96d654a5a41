package dev.duplex.engine;

/**
 * Test helper: seeds for random tests. A run uses a fresh seed unless {@code -Dduplex.test.seed=N} replays one; tests
 * put the seed in every assertion message.
 */
final class TestSeeds {

    private TestSeeds() {
    }

    static long seed() {
        Long fixed = Long.getLong("duplex.test.seed");
        return fixed != null ? fixed : System.nanoTime();
    }
}
