package dev.duplex.tck.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the summary of a TCK run and prints it: run by the {@code tck} profile after the
 * integration tests and before failsafe's verify goal, so it shows even when the build then fails.
 *
 * <p>Arguments: the failsafe reports directory, the summary file to write.
 */
public final class TckSummaryMain {

    private TckSummaryMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("Usage: TckSummaryMain <failsafe reports directory> <summary file>");
        }
        Path reports = Path.of(args[0]);
        Path summaryFile = Path.of(args[1]);
        TckSummary summary = TckSummary.of(FailsafeReports.read(reports));
        String text = summary.render();
        if (summary.classes() == 0) {
            text += "No failsafe report found in " + reports.toAbsolutePath() + "\n";
        }
        Path parent = summaryFile.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(summaryFile, text, StandardCharsets.UTF_8);
        System.out.print(text);
        System.out.println("Summary written to " + summaryFile.toAbsolutePath());
        System.out.flush();
    }
}
