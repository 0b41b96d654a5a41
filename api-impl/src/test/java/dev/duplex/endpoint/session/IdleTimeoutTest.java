package dev.duplex.endpoint.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IdleTimeoutTest {
    private final SessionPair pair = new SessionPair();
    private final ScheduledThreadPoolExecutor scheduler =
            new ScheduledThreadPoolExecutor(1, SessionRuntime.daemonThreads("idle-test"));

    IdleTimeoutTest() {
        scheduler.setRemoveOnCancelPolicy(true);
    }

    @AfterEach
    void stop() {
        pair.close();
        scheduler.shutdownNow();
    }

    @Test
    void anIdleSessionIsClosedWith1006LocallyAnd1001OnTheWire() throws Exception {
        RecordingEndpoint server = new RecordingEndpoint(session -> session.setMaxIdleTimeout(30));
        RecordingEndpoint client = new RecordingEndpoint();
        pair.open(server, client);
        CloseReason local = server.awaitClose();
        // Jakarta WebSocket 2.2 section 2.1.5: a close the container initiates is reported as 1006 (the TCK
        // checks this after an idle timeout); 1006 may not be sent, so the peer is told 1001.
        assertEquals(CloseCodes.CLOSED_ABNORMALLY, local.getCloseCode());
        assertTrue(local.getReasonPhrase().contains("idle timeout"), local.getReasonPhrase());
        assertEquals(CloseCodes.GOING_AWAY, client.awaitClose().getCloseCode());
    }

    @Test
    void theContainersDefaultIdleTimeoutApplies() throws Exception {
        pair.container.setDefaultMaxSessionIdleTimeout(30);
        RecordingEndpoint server = new RecordingEndpoint();
        pair.open(server, new RecordingEndpoint());
        assertEquals(CloseCodes.CLOSED_ABNORMALLY, server.awaitClose().getCloseCode());
    }

    @Test
    void activityPostponesTheExpiry() throws Exception {
        AtomicLong clock = new AtomicLong();
        CountDownLatch expired = new CountDownLatch(1);
        CountDownLatch checked = new CountDownLatch(3);
        IdleTimer timer = new IdleTimer(scheduler, () -> {
            checked.countDown();
            return clock.get();
        }, expired::countDown);
        timer.setTimeout(5);
        // The clock does not move: each check finds the full timeout left and sleeps again.
        assertTrue(checked.await(10, TimeUnit.SECONDS));
        assertEquals(1, expired.getCount());
        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(4));
        timer.touch();
        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(4));
        assertEquals(1, expired.getCount());
        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(2));
        assertTrue(expired.await(10, TimeUnit.SECONDS));
    }

    @Test
    void aZeroOrNegativeTimeoutDisablesTheTimer() throws Exception {
        AtomicLong clock = new AtomicLong();
        CountDownLatch expired = new CountDownLatch(1);
        IdleTimer timer = new IdleTimer(scheduler, clock::get, expired::countDown);
        timer.setTimeout(1);
        timer.setTimeout(0);
        clock.addAndGet(TimeUnit.SECONDS.toNanos(100));
        timer.setTimeout(-1);
        assertEquals(0, scheduler.getQueue().size());
        assertEquals(1, expired.getCount());
        assertEquals(-1, timer.timeoutMillis());
    }

    @Test
    void aStoppedTimerNeverFires() {
        AtomicLong clock = new AtomicLong();
        CountDownLatch expired = new CountDownLatch(1);
        IdleTimer timer = new IdleTimer(scheduler, clock::get, expired::countDown);
        timer.setTimeout(1000);
        timer.stop();
        assertEquals(0, scheduler.getQueue().size());
        timer.setTimeout(1000);
        assertEquals(0, scheduler.getQueue().size());
        assertFalse(expired.getCount() == 0);
    }
}
