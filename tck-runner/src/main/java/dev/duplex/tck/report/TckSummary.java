package dev.duplex.tck.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Totals of a TCK run and its failing tests grouped by TCK package, rendered as plain text.
 *
 * <p>The first line is {@code TCK: N passed, M failed, K skipped}, over the whole run. Immutable;
 * thread-safe.
 */
public final class TckSummary {

    /** Failure messages longer than this are cut, so that one line stays one line on a terminal. */
    static final int MAX_MESSAGE_LENGTH = 200;

    private static final Comparator<TestOutcome> BY_CLASS_THEN_TEST =
            Comparator.comparing(TestOutcome::className).thenComparing(TestOutcome::testName);

    private final int passed;
    private final int failed;
    private final int skipped;
    private final int classes;
    private final Map<String, List<TestOutcome>> failuresByPackage;

    private TckSummary(int passed, int failed, int skipped, int classes,
            Map<String, List<TestOutcome>> failuresByPackage) {
        this.passed = passed;
        this.failed = failed;
        this.skipped = skipped;
        this.classes = classes;
        this.failuresByPackage = failuresByPackage;
    }

    /** Summarizes the outcomes of a run. */
    public static TckSummary of(List<TestOutcome> outcomes) {
        int passed = 0;
        int failed = 0;
        int skipped = 0;
        Set<String> classes = new TreeSet<>();
        Map<String, List<TestOutcome>> failures = new TreeMap<>();
        for (TestOutcome outcome : outcomes) {
            classes.add(outcome.className());
            switch (outcome.status()) {
                case PASSED -> passed++;
                case SKIPPED -> skipped++;
                case FAILED -> {
                    failed++;
                    failures.computeIfAbsent(outcome.packageName(), p -> new ArrayList<>()).add(outcome);
                }
            }
        }
        failures.replaceAll((p, list) -> list.stream().sorted(BY_CLASS_THEN_TEST).toList());
        return new TckSummary(passed, failed, skipped, classes.size(), Map.copyOf(failures));
    }

    public int passed() {
        return passed;
    }

    public int failed() {
        return failed;
    }

    public int skipped() {
        return skipped;
    }

    /** The number of test classes that reported at least one test. */
    public int classes() {
        return classes;
    }

    /** {@code TCK: N passed, M failed, K skipped}. */
    public String headline() {
        return "TCK: " + passed + " passed, " + failed + " failed, " + skipped + " skipped";
    }

    /** The headline, the number of classes, then each package with failures and its failing tests. */
    public String render() {
        StringBuilder text = new StringBuilder();
        text.append(headline()).append('\n');
        text.append("(").append(passed + failed + skipped).append(" tests in ").append(classes)
                .append(" test classes)\n");
        if (failed == 0) {
            return text.toString();
        }
        text.append("Failing tests by package:\n");
        for (Map.Entry<String, List<TestOutcome>> entry : new TreeMap<>(failuresByPackage).entrySet()) {
            text.append("  ").append(entry.getKey()).append(" (").append(entry.getValue().size()).append(")\n");
            for (TestOutcome failure : entry.getValue()) {
                text.append("    ").append(failure.simpleClassName());
                if (!failure.testName().isEmpty()) {
                    text.append('.').append(failure.testName());
                }
                if (!failure.message().isEmpty()) {
                    text.append(": ").append(shorten(failure.message()));
                }
                text.append('\n');
            }
        }
        return text.toString();
    }

    private static String shorten(String message) {
        return message.length() <= MAX_MESSAGE_LENGTH ? message : message.substring(0, MAX_MESSAGE_LENGTH - 3) + "...";
    }
}
