package dev.duplex.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link FrameBenchmark} and {@link ZeroKeyCheck} through the JMH runner and prints their
 * throughput in MB/s (10^6 bytes of payload a second) with the ratio to {@code System.arraycopy}
 * of the same size measured in the same run.
 *
 * <p>Arguments are JMH's own command line options ({@code -h} lists them) and override the
 * defaults: for example {@code -p size=65536}, {@code -wi 5 -i 10}, or a benchmark regex.
 * {@code -Dbench.quick=true} runs fewer, shorter iterations and skips {@link ZeroKeyCheck}.
 */
public final class RunBenchmarks {
    /** The target: parse + unmask + validate of 64 KiB frames at half of arraycopy or better. */
    private static final double TARGET_RATIO = 0.5;
    private static final int TARGET_SIZE = 65536;

    private RunBenchmarks() {
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions cli;
        try {
            cli = new CommandLineOptions(args);
        } catch (CommandLineOptionException e) {
            System.err.println("Error parsing command line: " + e.getMessage());
            System.exit(1);
            return;
        }
        if (cli.shouldHelp()) {
            cli.showHelp();
            return;
        }
        boolean quick = Boolean.getBoolean("bench.quick");
        ChainedOptionsBuilder options = new OptionsBuilder().parent(cli);
        // Options set here win over the parent's, so each default only applies when the command line left it unset.
        if (cli.getIncludes().isEmpty()) {
            options.include(FrameBenchmark.class.getName());
            if (!quick) {
                options.include(ZeroKeyCheck.class.getName());
            }
        }
        if (quick) {
            if (!cli.getWarmupIterations().hasValue()) {
                options.warmupIterations(2);
            }
            if (!cli.getMeasurementIterations().hasValue()) {
                options.measurementIterations(3);
            }
            if (!cli.getWarmupTime().hasValue()) {
                options.warmupTime(TimeValue.seconds(1));
            }
            if (!cli.getMeasurementTime().hasValue()) {
                options.measurementTime(TimeValue.seconds(1));
            }
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        System.out.println();
        System.out.print(report(results));
    }

    /** One benchmark at one parameter combination, in MB/s. */
    private record Row(String benchmark, int size, String text, double mbPerSecond, double error, double opsPerSecond,
            double opsError) {
        String key() {
            return benchmark + "/" + size + "/" + text;
        }
    }

    static String report(Collection<RunResult> results) {
        List<Row> rows = new ArrayList<>();
        for (RunResult result : results) {
            BenchmarkParams params = result.getParams();
            String name = params.getBenchmark();
            name = name.substring(name.lastIndexOf('.') + 1);
            int size = Integer.parseInt(params.getParam("size"));
            String text = params.getParam("text");
            Result<?> primary = result.getPrimaryResult();
            if (!"ops/s".equals(primary.getScoreUnit())) {
                throw new IllegalStateException("expected throughput in ops/s, got " + primary.getScoreUnit());
            }
            double ops = primary.getScore();
            double opsError = primary.getScoreError();
            rows.add(new Row(name, size, text == null ? "-" : text, ops * size / 1e6, opsError * size / 1e6, ops, opsError));
        }
        rows.sort(Comparator.comparingInt(Row::size).thenComparing(r -> order(r.benchmark())).thenComparing(Row::text));
        Map<String, Row> byKey = new HashMap<>();
        for (Row row : rows) {
            byKey.put(row.key(), row);
        }

        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Duplex frame benchmarks: %d CPUs, %s %s, %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), System.getProperty("os.arch")));
        out.append("MB/s = 10^6 payload bytes per second; +- is JMH's 99.9% confidence half-width;\n");
        out.append("ratio = MB/s / arraycopy MB/s of the same size in this run, +- propagated from both.\n\n");
        out.append("| size (B) | benchmark | text | MB/s | +- | ratio to arraycopy |\n");
        out.append("|---:|---|---|---:|---:|---:|\n");
        for (Row row : rows) {
            Row copy = byKey.get("arraycopy/" + row.size() + "/-");
            out.append(String.format(Locale.ROOT, "| %d | %s | %s | %.0f | %.0f | %s |%n", row.size(), row.benchmark(),
                    row.text(), row.mbPerSecond(), row.error(), copy == null ? "n/a" : ratio(row, copy)));
        }

        List<String> checks = new ArrayList<>();
        for (Row row : rows) {
            if (row.benchmark().equals("maskOnlyZeroKey")) {
                Row randomKey = byKey.get("maskOnly/" + row.size() + "/-");
                if (randomKey != null) {
                    checks.add(String.format(Locale.ROOT, "| %d | masking, key 0 / random key | %s |", row.size(),
                            ratio(row, randomKey)));
                }
            }
            if (row.benchmark().equals("restoreParseUnmaskValidate")) {
                Row restore = byKey.get("restoreOnly/" + row.size() + "/-");
                Row zeroKey = byKey.get("parseUnmaskValidate/" + row.size() + "/" + TextPayloads.MIXED);
                if (restore != null && zeroKey != null) {
                    // Time per op of the restored run minus that of the copy alone: the parse with a random key.
                    double seconds = 1 / row.opsPerSecond() - 1 / restore.opsPerSecond();
                    double implied = row.size() / seconds / 1e6;
                    checks.add(String.format(Locale.ROOT,
                            "| %d | parse+unmask+validate, random key (restored run minus restore) / key 0 | %.2f |",
                            row.size(), implied / zeroKey.mbPerSecond()));
                }
            }
        }
        if (!checks.isEmpty()) {
            out.append("\nZero-key check (1.00 = key 0 costs the same as a random key):\n\n");
            out.append("| size (B) | comparison | ratio |\n|---:|---|---:|\n");
            checks.forEach(line -> out.append(line).append('\n'));
        }

        out.append('\n');
        for (String text : List.of(TextPayloads.MIXED, TextPayloads.ASCII)) {
            Row target = byKey.get("parseUnmaskValidate/" + TARGET_SIZE + "/" + text);
            Row copy = byKey.get("arraycopy/" + TARGET_SIZE + "/-");
            if (target != null && copy != null) {
                double ratio = target.mbPerSecond() / copy.mbPerSecond();
                out.append(String.format(Locale.ROOT, "Target (64 KiB parse+unmask+validate >= %.1f x arraycopy), %s text: "
                        + "%.2f -> %s%n", TARGET_RATIO, text, ratio, ratio >= TARGET_RATIO ? "met" : "NOT met"));
            }
        }
        for (int size : new int[] {125, 4096, 65536}) {
            out.append(String.format(Locale.ROOT, "Mixed text, %d B: %.1f%% of bytes are non-ASCII%n", size,
                    100 * TextPayloads.nonAsciiShare(TextPayloads.text(TextPayloads.MIXED, size))));
        }
        return out.toString();
    }

    private static String ratio(Row row, Row base) {
        double ratio = row.mbPerSecond() / base.mbPerSecond();
        double relative = Math.hypot(relativeError(row), relativeError(base));
        return Double.isNaN(relative) ? String.format(Locale.ROOT, "%.2f", ratio)
                : String.format(Locale.ROOT, "%.2f +- %.2f", ratio, ratio * relative);
    }

    private static double relativeError(Row row) {
        return row.error() / row.mbPerSecond();
    }

    private static int order(String benchmark) {
        List<String> known = List.of("arraycopy", "maskOnly", "maskOnlyZeroKey", "validateOnly", "parseUnmask",
                "parseUnmaskValidate", "restoreOnly", "restoreParseUnmaskValidate");
        int index = known.indexOf(benchmark);
        return index < 0 ? known.size() : index;
    }
}
