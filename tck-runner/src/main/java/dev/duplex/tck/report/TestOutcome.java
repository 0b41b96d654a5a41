package dev.duplex.tck.report;

import java.util.Objects;

/**
 * The result of one test as a failsafe XML report records it. Immutable.
 *
 * @param className  the fully qualified name of the test class
 * @param testName   the test method's name (may be empty when a whole class failed)
 * @param status     passed, failed (a failure or an error) or skipped
 * @param message    the first line of the failure message, empty when there is none
 */
public record TestOutcome(String className, String testName, Status status, String message) {

    /** How a test ended. */
    public enum Status {
        PASSED, FAILED, SKIPPED
    }

    public TestOutcome {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(testName, "testName");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
    }

    /** The package of the test class, or "" for the default package. */
    public String packageName() {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot);
    }

    /** The test class's name without its package. */
    public String simpleClassName() {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
