package dev.duplex.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duplex.engine.Limits;
import org.junit.jupiter.api.Test;

class ContainerDefaultsTest {
    private final ContainerDefaults defaults = new ContainerDefaults();

    @Test
    void startWithNoTimeoutsTheEngineLimitsAndNoExtensions() {
        assertEquals(0, defaults.asyncSendTimeout());
        assertEquals(0, defaults.maxSessionIdleTimeout());
        assertEquals(Limits.DEFAULT.maxTextMessageSize(), defaults.maxTextMessageBufferSize());
        assertEquals(Limits.DEFAULT.maxBinaryMessageSize(), defaults.maxBinaryMessageBufferSize());
        assertTrue(defaults.installedExtensions().isEmpty());
    }

    @Test
    void keepWhatIsSetIncludingNonPositiveTimeouts() {
        defaults.setAsyncSendTimeout(-1);
        defaults.setMaxSessionIdleTimeout(2500);
        defaults.setMaxTextMessageBufferSize(10);
        defaults.setMaxBinaryMessageBufferSize(20);
        assertEquals(-1, defaults.asyncSendTimeout());
        assertEquals(2500, defaults.maxSessionIdleTimeout());
        assertEquals(10, defaults.maxTextMessageBufferSize());
        assertEquals(20, defaults.maxBinaryMessageBufferSize());
    }

    @Test
    void bufferSizesMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> defaults.setMaxTextMessageBufferSize(0));
        assertThrows(IllegalArgumentException.class, () -> defaults.setMaxBinaryMessageBufferSize(-1));
        assertEquals(Limits.DEFAULT.maxTextMessageSize(), defaults.maxTextMessageBufferSize());
    }
}
