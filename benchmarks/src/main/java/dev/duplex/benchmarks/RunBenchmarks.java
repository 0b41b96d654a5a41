package dev.duplex.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.ListStatistics;

/**
 * Runs {@link FrameBenchmark} and {@link ZeroKeyCheck} through the JMH runner and prints their
 * throughput in MB/s (10^6 payload bytes a second) with the ratio to {@code System.arraycopy}
 * of the same size measured in the same run.
 *
 * <p>Arguments are JMH's own command line options ({@code -h} lists them) and override the
 * defaults: for example {@code -p size=65536}, {@code -wi 5 -i 10}, or a benchmark regex.
 * {@code -Dbench.quick=true} runs fewer, shorter iterations and skips {@link ZeroKeyCheck}.
 *
 * <p>On a shared machine other processes' bursts slow some iterations down. {@link ContentionProfiler}
 * records the CPUs others used during each iteration; the table is computed from the quiet
 * iterations (others under {@value #QUIET_CPUS} CPUs, override with {@code -Dbench.quietCpus=})
 * when there are at least {@value #MIN_QUIET} of them, and from all iterations otherwise.
 * JMH's own summary above the table always uses all iterations.
 */
public final class RunBenchmarks {
    /** The target: parse + unmask + validate of 64 KiB frames at half of arraycopy or better. */
    private static final double TARGET_RATIO = 0.5;
    private static final int TARGET_SIZE = 65536;
    private static final double QUIET_CPUS = 0.25;
    private static final int MIN_QUIET = 3;
    private static final double CONFIDENCE = 0.999;

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
                options.measurementIterations(4);
            }
            if (!cli.getWarmupTime().hasValue()) {
                options.warmupTime(TimeValue.seconds(1));
            }
            if (!cli.getMeasurementTime().hasValue()) {
                options.measurementTime(TimeValue.seconds(1));
            }
        }
        if (!Boolean.getBoolean("bench.noContention")) {
            options.addProfiler(ContentionProfiler.class);
        }
        double quietCpus = Double.parseDouble(System.getProperty("bench.quietCpus", String.valueOf(QUIET_CPUS)));
        Collection<RunResult> results = new Runner(options.build()).run();
        System.out.println();
        System.out.print(report(results, quietCpus));
    }

    /** One benchmark at one parameter combination, in MB/s of payload. */
    private record Row(String benchmark, int size, String variant, double mbPerSecond, double error, int used,
            int iterations, boolean quietOnly, double othersCpus) {
        String key() {
            return benchmark + "/" + size + "/" + variant;
        }

        double relativeError() {
            return error / mbPerSecond;
        }

        /** Seconds per operation. */
        double secondsPerOp() {
            return size / (mbPerSecond * 1e6);
        }
    }

    static String report(Collection<RunResult> results, double quietCpus) {
        List<Row> rows = new ArrayList<>();
        for (RunResult result : results) {
            rows.add(row(result, quietCpus));
        }
        rows.sort(Comparator.comparingInt(Row::size).thenComparing(r -> order(r.benchmark())).thenComparing(Row::variant));
        Map<String, Row> byKey = new HashMap<>();
        for (Row row : rows) {
            byKey.put(row.key(), row);
        }

        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Duplex frame benchmarks: %d CPUs, %s %s, %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), System.getProperty("os.arch")));
        out.append(String.format(Locale.ROOT, "MB/s = 10^6 payload bytes per second, mean of the quiet measurement "
                + "iterations (other processes under %.2f CPUs)%nwhen there are %d or more, else of all of them "
                + "(marked *); +- is the %.1f%% confidence half-width (Student's t).%n", quietCpus, MIN_QUIET,
                CONFIDENCE * 100));
        out.append("ratio = MB/s / arraycopy MB/s of the same size in this run, +- propagated from both.\n\n");
        out.append("| size (B) | benchmark | params | MB/s | +- | ratio to arraycopy | quiet iterations | others' CPUs |\n");
        out.append("|---:|---|---|---:|---:|---:|---:|---:|\n");
        for (Row row : rows) {
            Row copy = byKey.get("arraycopy/" + row.size() + "/-");
            out.append(String.format(Locale.ROOT, "| %d | %s | %s | %.0f%s | %.0f | %s | %d/%d | %.2f |%n", row.size(),
                    row.benchmark(), row.variant(), row.mbPerSecond(), row.quietOnly() ? "" : "*", row.error(),
                    copy == null ? "n/a" : ratio(row, copy), row.quietOnly() ? row.used() : 0, row.iterations(),
                    row.othersCpus()));
        }

        List<String> checks = new ArrayList<>();
        for (Row row : rows) {
            if (row.benchmark().equals("maskOnlyZeroKey")) {
                Row randomKey = byKey.get("maskOnly/" + row.size() + "/-");
                if (randomKey != null) {
                    checks.add(String.format(Locale.ROOT, "| %d | masking: key 0 / random key | %s |", row.size(),
                            ratio(row, randomKey)));
                }
            }
            if (row.benchmark().equals("restoreParseUnmaskValidate")) {
                Row restore = byKey.get("restoreOnly/" + row.size() + "/-");
                Row zeroKey = byKey.get("parseUnmaskValidate/" + row.size() + "/text=" + TextPayloads.MIXED);
                if (restore != null && zeroKey != null) {
                    // Time per op of the restored run minus that of the copy alone: the parse with a random key.
                    double seconds = row.secondsPerOp() - restore.secondsPerOp();
                    double implied = row.size() / seconds / 1e6;
                    checks.add(String.format(Locale.ROOT,
                            "| %d | parse+unmask+validate: random key (restored run minus restore) / key 0 | %.2f |",
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
            Row target = byKey.get("parseUnmaskValidate/" + TARGET_SIZE + "/text=" + text);
            Row copy = byKey.get("arraycopy/" + TARGET_SIZE + "/-");
            if (target != null && copy != null) {
                double ratio = target.mbPerSecond() / copy.mbPerSecond();
                out.append(String.format(Locale.ROOT, "Target: 64 KiB parse+unmask+validate >= %.1f x arraycopy; "
                        + "%s text: %s -> %s%n", TARGET_RATIO, text, ratio(target, copy),
                        ratio >= TARGET_RATIO ? "met" : "NOT met"));
            }
        }
        for (int size : new int[] {125, 4096, 65536}) {
            out.append(String.format(Locale.ROOT, "Mixed text, %d B: %.1f%% of bytes are non-ASCII%n", size,
                    100 * TextPayloads.nonAsciiShare(TextPayloads.text(TextPayloads.MIXED, size))));
        }
        return out.toString();
    }

    private static Row row(RunResult result, double quietCpus) {
        BenchmarkParams params = result.getParams();
        String name = params.getBenchmark();
        name = name.substring(name.lastIndexOf('.') + 1);
        int size = Integer.parseInt(params.getParam("size"));
        // Every parameter but the size, e.g. "text=mixed"; "-" when there is none.
        StringBuilder variant = new StringBuilder();
        for (String key : params.getParamsKeys()) {
            if (!key.equals("size")) {
                variant.append(variant.length() == 0 ? "" : ",").append(key).append('=').append(params.getParam(key));
            }
        }
        if (!"ops/s".equals(result.getPrimaryResult().getScoreUnit())) {
            throw new IllegalStateException("expected throughput in ops/s, got " + result.getPrimaryResult().getScoreUnit());
        }
        ListStatistics all = new ListStatistics();
        ListStatistics quiet = new ListStatistics();
        ListStatistics others = new ListStatistics();
        for (BenchmarkResult fork : result.getBenchmarkResults()) {
            for (IterationResult iteration : fork.getIterationResults()) {
                double mb = iteration.getPrimaryResult().getScore() * size / 1e6;
                all.addValue(mb);
                Result<?> contention = iteration.getSecondaryResults().get(ContentionProfiler.LABEL);
                if (contention != null) {
                    others.addValue(contention.getScore());
                    if (contention.getScore() < quietCpus) {
                        quiet.addValue(mb);
                    }
                }
            }
        }
        boolean quietOnly = quiet.getN() >= MIN_QUIET;
        ListStatistics used = quietOnly ? quiet : all;
        return new Row(name, size, variant.length() == 0 ? "-" : variant.toString(), used.getMean(),
                used.getMeanErrorAt(CONFIDENCE), (int) used.getN(), (int) all.getN(), quietOnly,
                others.getN() == 0 ? Double.NaN : others.getMean());
    }

    private static String ratio(Row row, Row base) {
        double ratio = row.mbPerSecond() / base.mbPerSecond();
        double relative = Math.hypot(row.relativeError(), base.relativeError());
        return Double.isNaN(relative) ? String.format(Locale.ROOT, "%.2f", ratio)
                : String.format(Locale.ROOT, "%.2f +- %.2f", ratio, ratio * relative);
    }

    private static int order(String benchmark) {
        List<String> known = List.of("arraycopy", "maskOnly", "maskOnlyZeroKey", "validateOnly", "parseUnmask",
                "parseUnmaskValidate", "restoreOnly", "restoreParseUnmaskValidate");
        int index = known.indexOf(benchmark);
        return index < 0 ? known.size() : index;
    }
}
