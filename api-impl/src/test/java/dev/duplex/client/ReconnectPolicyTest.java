package dev.duplex.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The policy's delays as a pure function of the attempt and the random draw, and what it takes as a drop. */
class ReconnectPolicyTest {

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    private static long millis(Duration delay) {
        return Math.round(delay.toNanos() / 1e6);
    }

    @Test
    void withoutJitterTheDelayGrowsByTheMultiplierUpToTheCap() {
        ReconnectPolicy policy = ReconnectPolicy.builder().initialDelay(ms(100)).multiplier(3).maxDelay(ms(2000))
                .jitter(0).build();
        assertEquals(ms(100), policy.delayBefore(1, 0.99));
        assertEquals(ms(300), policy.delayBefore(2, 0));
        assertEquals(ms(900), policy.delayBefore(3, 0.5));
        assertEquals(ms(2000), policy.delayBefore(4, 0), "2700 ms is capped");
        assertEquals(ms(2000), policy.delayBefore(5000, 0), "no overflow, however many attempts");
    }

    @Test
    void jitterTakesOffUpToItsFractionAndNeverPassesTheCap() {
        ReconnectPolicy policy = ReconnectPolicy.builder().initialDelay(ms(1000)).multiplier(2).maxDelay(ms(5000))
                .jitter(0.25).build();
        assertEquals(ms(1000), policy.delayBefore(1, 0));
        double almostOne = 1 - 0x1p-53;
        assertEquals(750, millis(policy.delayBefore(1, almostOne)), "the least is (1 - jitter) of the base");
        assertEquals(ms(1750), policy.delayBefore(2, 0.5), "2000 less half of a quarter");
        assertEquals(3750, millis(policy.delayBefore(9, almostOne)), "(1 - jitter) of the cap");
        for (int attempt = 1; attempt <= 40; attempt++) {
            Duration drawn = policy.delayBefore(attempt);
            Duration base = policy.delayBefore(attempt, 0);
            assertTrue(drawn.compareTo(base) <= 0 && drawn.compareTo(ms(5000)) <= 0, attempt + ": " + drawn);
            assertTrue(drawn.toNanos() >= base.toNanos() * 0.75 - 1, attempt + ": " + drawn);
        }
    }

    @Test
    void delaysNeverShrinkFromOneAttemptToTheNext() {
        ReconnectPolicy policy = ReconnectPolicy.defaults();
        for (int attempt = 1; attempt < 64; attempt++) {
            assertTrue(policy.delayBefore(attempt, 0).compareTo(policy.delayBefore(attempt + 1, 0)) <= 0);
        }
        assertEquals(ReconnectPolicy.DEFAULT_MAX_DELAY, policy.delayBefore(64, 0));
    }

    @Test
    void defaultsReconnectAfterTheCodesOfAServerThatWentAwayOrCouldNotServe() {
        ReconnectPolicy policy = ReconnectPolicy.defaults();
        for (int code : new int[] {1001, 1006, 1011, 1012, 1013, 1014}) {
            assertTrue(policy.reconnectsAfter(code), Integer.toString(code));
        }
        for (int code : new int[] {1000, 1002, 1003, 1005, 1007, 1008, 1009, 1010, 4000}) {
            assertFalse(policy.reconnectsAfter(code), Integer.toString(code));
        }
        assertEquals(ReconnectPolicy.UNLIMITED_ATTEMPTS, policy.maxAttempts());
        assertEquals(Duration.ofSeconds(1), policy.initialDelay());
        assertEquals(0.2, policy.jitter());
    }

    @Test
    void theCodesCanBeChosen() {
        ReconnectPolicy policy = ReconnectPolicy.builder().reconnectOn(1006, 4001).build();
        assertEquals(Set.of(1006, 4001), policy.closeCodes());
        assertFalse(policy.reconnectsAfter(1001));
    }

    @Test
    void badSettingsAreRefusedWhenSet() {
        ReconnectPolicy.Builder builder = ReconnectPolicy.builder();
        assertThrows(IllegalArgumentException.class, () -> builder.initialDelay(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> builder.maxDelay(ms(-1)));
        assertThrows(IllegalArgumentException.class, () -> builder.multiplier(0.5));
        assertThrows(IllegalArgumentException.class, () -> builder.multiplier(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> builder.jitter(1.5));
        assertThrows(IllegalArgumentException.class, () -> builder.maxAttempts(0));
        assertThrows(IllegalArgumentException.class, () -> builder.reconnectOn(999));
        assertThrows(NullPointerException.class, () -> builder.beforeAttempt(null));
        String message = assertThrows(IllegalArgumentException.class,
                () -> builder.initialDelay(ms(500)).maxDelay(ms(100)).build()).getMessage();
        assertTrue(message.contains("shorter than initialDelay"), message);
        assertThrows(IllegalArgumentException.class, () -> ReconnectPolicy.defaults().delayBefore(0, 0));
        assertThrows(IllegalArgumentException.class, () -> ReconnectPolicy.defaults().delayBefore(1, 1));
    }
}
