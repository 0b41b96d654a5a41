package dev.duplex.tck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.duplex.tck.report.TestOutcome.Status;

class FailsafeReportsTest {

    @TempDir
    Path reports;

    @Test
    void failureErrorSkippedAndPlainTestCasesGetTheirStatus() throws IOException {
        write("TEST-a.b.WSClientIT.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="a.b.WSClientIT" tests="5" failures="1" errors="1" skipped="1">
                  <testcase name="passes" classname="a.b.WSClientIT" time="0.1"/>
                  <testcase name="fails" classname="a.b.WSClientIT" time="0.1">
                    <failure message="expected: &lt;1&gt; but was: &lt;2&gt;&#10;second line" type="AssertionFailedError">trace</failure>
                  </testcase>
                  <testcase name="errs" classname="a.b.WSClientIT" time="0.1">
                    <error type="java.lang.RuntimeException">Could not find an implementation class.
                    at somewhere</error>
                  </testcase>
                  <testcase name="skips" classname="a.b.WSClientIT" time="0">
                    <skipped message="disabled"/>
                  </testcase>
                  <testcase name="flaky" classname="a.b.WSClientIT" time="0.1">
                    <flakyFailure message="once"/>
                  </testcase>
                </testsuite>
                """);

        List<TestOutcome> outcomes = FailsafeReports.read(reports);

        assertEquals(List.of(
                new TestOutcome("a.b.WSClientIT", "passes", Status.PASSED, ""),
                new TestOutcome("a.b.WSClientIT", "fails", Status.FAILED, "expected: <1> but was: <2>"),
                new TestOutcome("a.b.WSClientIT", "errs", Status.FAILED, "Could not find an implementation class."),
                new TestOutcome("a.b.WSClientIT", "skips", Status.SKIPPED, "disabled"),
                new TestOutcome("a.b.WSClientIT", "flaky", Status.PASSED, "")), outcomes);
    }

    @Test
    void onlyTestReportFilesAreRead() throws IOException {
        write("TEST-x.AIT.xml", "<testsuite><testcase name=\"t\" classname=\"x.AIT\"/></testsuite>");
        write("failsafe-summary.xml", "<failsafe-summary><testcase name=\"no\" classname=\"no\"/></failsafe-summary>");
        write("x.AIT-output.txt", "log");

        assertEquals(1, FailsafeReports.read(reports).size());
    }

    @Test
    void missingDirectoryMeansNoOutcomes() throws IOException {
        assertEquals(List.of(), FailsafeReports.read(reports.resolve("absent")));
    }

    @Test
    void doctypeIsRefused() throws IOException {
        write("TEST-evil.xml", """
                <?xml version="1.0"?>
                <!DOCTYPE testsuite [<!ENTITY e SYSTEM "file:///etc/passwd">]>
                <testsuite><testcase name="&e;" classname="x"/></testsuite>
                """);

        IOException e = assertThrows(IOException.class, () -> FailsafeReports.read(reports));
        assertTrue(e.getMessage().contains("TEST-evil.xml"), e.getMessage());
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(reports.resolve(name), content);
    }
}
