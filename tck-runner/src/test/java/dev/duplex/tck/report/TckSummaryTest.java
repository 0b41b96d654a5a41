package dev.duplex.tck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.duplex.tck.report.TestOutcome.Status;

class TckSummaryTest {

    private static final String API = "com.sun.ts.tests.websocket.api.jakarta.websocket.closereason";
    private static final String SPEC = "com.sun.ts.tests.websocket.spec.application.closing";

    @Test
    void headlineCountsPassedFailedAndSkippedOverTheWholeRun() {
        TckSummary summary = TckSummary.of(List.of(
                new TestOutcome(API + ".WSClientIT", "a", Status.PASSED, ""),
                new TestOutcome(API + ".WSClientIT", "b", Status.FAILED, "boom"),
                new TestOutcome(SPEC + ".WSCClientIT", "c", Status.FAILED, ""),
                new TestOutcome(SPEC + ".WSCClientIT", "d", Status.SKIPPED, "")));

        assertEquals("TCK: 1 passed, 2 failed, 1 skipped", summary.headline());
        assertEquals(2, summary.classes());
    }

    @Test
    void failingTestsAreGroupedByPackageInNameOrder() {
        TckSummary summary = TckSummary.of(List.of(
                new TestOutcome(SPEC + ".WSCClientIT", "zeta", Status.FAILED, ""),
                new TestOutcome(API + ".WSClientIT", "beta", Status.FAILED, "expected x"),
                new TestOutcome(API + ".WSClientIT", "alpha", Status.FAILED, ""),
                new TestOutcome(API + ".WSClientIT", "ok", Status.PASSED, "")));

        assertEquals("""
                TCK: 1 passed, 3 failed, 0 skipped
                (4 tests in 2 test classes)
                Failing tests by package:
                  %s (2)
                    WSClientIT.alpha
                    WSClientIT.beta: expected x
                  %s (1)
                    WSCClientIT.zeta
                """.formatted(API, SPEC), summary.render());
    }

    @Test
    void runWithoutFailuresListsNothingAfterTheTotals() {
        TckSummary summary = TckSummary.of(List.of(new TestOutcome(API + ".WSClientIT", "a", Status.PASSED, "")));

        assertEquals("TCK: 1 passed, 0 failed, 0 skipped\n(1 tests in 1 test classes)\n", summary.render());
    }

    @Test
    void longMessagesAreCutToOneShortLine() {
        String message = "x".repeat(500);
        String text = TckSummary.of(List.of(new TestOutcome(API + ".WSClientIT", "a", Status.FAILED, message)))
                .render();

        String line = text.lines().filter(l -> l.contains("WSClientIT.a")).findFirst().orElseThrow();
        assertTrue(line.endsWith("..."), line);
        assertTrue(line.length() < TckSummary.MAX_MESSAGE_LENGTH + 40, line);
    }
}
