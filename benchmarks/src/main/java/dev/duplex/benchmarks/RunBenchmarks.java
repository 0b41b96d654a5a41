package dev.duplex.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.ListStatistics;

/**
 * Runs {@link FrameBenchmark}, {@link VectorApiFrameBenchmark} and {@link ZeroKeyCheck} through the JMH runner and prints their
 * throughput in MB/s (10^6 payload bytes a second) with the ratio to {@code System.arraycopy}
 * of the same size measured in the same run.
 *
 * <p>Arguments are JMH's own command line options ({@code -h} lists them) and override the
 * defaults: for example {@code -p size=65536}, {@code -wi 5 -i 10}, or a benchmark regex.
 * {@code -Dbench.quick=true} runs fewer iterations of {@link FrameBenchmark} alone.
 *
 * <p>On a shared machine other processes take CPU time from the benchmark thread. {@link ContentionProfiler}
 * records, per iteration, the share of the wall time the benchmark thread was on a CPU and the CPUs
 * other processes used. The table's main figures divide each iteration's throughput by that share
 * (throughput per CPU-second of the benchmark thread); it also gives plain wall-clock throughput over
 * the quiet iterations (others under {@value #QUIET_CPUS} CPUs, {@code -Dbench.quietCpus=} to change)
 * when there are at least {@value #MIN_QUIET} of them. JMH's own summary above the table is wall-clock
 * over all iterations.
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
            options.include(VectorApiFrameBenchmark.class.getName());
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
        Collection<RunResult> results = runWaitingForLock(new Runner(options.build()));
        System.out.println();
        System.out.print(report(results, quietCpus));
    }

    /**
     * JMH refuses to start while another JMH run on the machine holds its lock file: two runs would disturb each
     * other. Wait for that run to end (up to {@code -Dbench.lockWaitMinutes}, 30 by default) instead of failing.
     */
    private static Collection<RunResult> runWaitingForLock(Runner runner) throws RunnerException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(Long.getLong("bench.lockWaitMinutes", 30));
        boolean told = false;
        while (true) {
            try {
                return runner.run();
            } catch (RunnerException e) {
                if (String.valueOf(e.getMessage()).contains("JMH lock") && System.nanoTime() < deadline) {
                    if (!told) {
                        System.out.println("Another JMH run holds the lock; waiting for it to finish...");
                        told = true;
                    }
                    Thread.sleep(10_000);
                } else {
                    throw e;
                }
            }
        }
    }

    /**
     * One benchmark at one parameter combination. Throughputs are MB/s of payload: {@code cpu} per second of
     * worker CPU time over all measurement iterations, {@code quiet} per wall-clock second over the quiet ones.
     */
    private record Row(String benchmark, int size, String variant, Stat cpu, Stat quiet, int iterations,
            double othersCpus, double workerShare) {
        String key() {
            return benchmark + "/" + size + "/" + variant;
        }
    }

    /** A mean with its confidence half-width over n iterations; mean NaN when there are too few. */
    private record Stat(double mean, double error, long n) {
        static Stat of(ListStatistics values, int minimum) {
            return values.getN() < minimum ? new Stat(Double.NaN, Double.NaN, values.getN())
                    : new Stat(values.getMean(), values.getMeanErrorAt(CONFIDENCE), values.getN());
        }

        boolean present() {
            return !Double.isNaN(mean);
        }

        double relativeError() {
            return error / mean;
        }

        /** Seconds per operation of {@code size} bytes. */
        double secondsPerOp(int size) {
            return size / (mean * 1e6);
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
        out.append(String.format(Locale.ROOT, ""
                + "MB/s per CPU-s = 10^6 payload bytes per second of the benchmark thread's CPU time, mean over all%n"
                + "  measurement iterations (wall-clock throughput / worker CPU share): what the code costs when the%n"
                + "  thread runs, whoever else wants the CPUs; +- is the %.1f%% confidence half-width (Student's t).%n"
                + "ratio = that / arraycopy's of the same size in this run, +- propagated from both.%n"
                + "wall MB/s (quiet) = plain wall-clock throughput over the iterations in which other processes used%n"
                + "  under %.2f CPUs, when there are at least %d of them.%n%n", CONFIDENCE * 100, quietCpus, MIN_QUIET));
        out.append("| size (B) | benchmark | params | MB/s per CPU-s | +- | ratio to arraycopy "
                + "| wall MB/s (quiet) | quiet ratio | quiet iterations | others' CPUs | worker CPU share |\n");
        out.append("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : rows) {
            Row copy = byKey.get("arraycopy/" + row.size() + "/-");
            out.append(String.format(Locale.ROOT, "| %d | %s | %s | %.0f | %.0f | %s | %s | %s | %d/%d | %.2f | %.2f |%n",
                    row.size(), row.benchmark(), row.variant(), row.cpu().mean(), row.cpu().error(),
                    copy == null ? "n/a" : ratio(row.cpu(), copy.cpu()),
                    row.quiet().present() ? String.format(Locale.ROOT, "%.0f +- %.0f", row.quiet().mean(),
                            row.quiet().error()) : "-",
                    copy == null || !row.quiet().present() || !copy.quiet().present() ? "-"
                            : ratio(row.quiet(), copy.quiet()),
                    row.quiet().n(), row.iterations(), row.othersCpus(), row.workerShare()));
        }

        List<String> checks = new ArrayList<>();
        for (Row row : rows) {
            if (row.benchmark().equals("maskOnlyZeroKey")) {
                Row randomKey = byKey.get("maskOnly/" + row.size() + "/-");
                if (randomKey != null) {
                    checks.add(String.format(Locale.ROOT, "| %d | masking: key 0 / random key | %s |", row.size(),
                            ratio(row.cpu(), randomKey.cpu())));
                }
            }
            if (row.benchmark().equals("restoreParseUnmaskValidate")) {
                Row restore = byKey.get("restoreOnly/" + row.size() + "/-");
                Row zeroKey = byKey.get("parseUnmaskValidate/" + row.size() + "/text=" + TextPayloads.MIXED);
                if (restore != null && zeroKey != null) {
                    // Time per op of the restored run minus that of the copy alone: the parse with a random key.
                    double seconds = row.cpu().secondsPerOp(row.size()) - restore.cpu().secondsPerOp(row.size());
                    double implied = row.size() / seconds / 1e6;
                    checks.add(String.format(Locale.ROOT,
                            "| %d | parse+unmask+validate: random key (restored run minus restore) / key 0 | %.2f |",
                            row.size(), implied / zeroKey.cpu().mean()));
                }
            }
        }
        if (!checks.isEmpty()) {
            out.append("\nZero-key check, per CPU-s (1.00 = key 0 costs the same as a random key):\n\n");
            out.append("| size (B) | comparison | ratio |\n|---:|---|---:|\n");
            checks.forEach(line -> out.append(line).append('\n'));
        }

        out.append('\n');
        for (String benchmark : List.of("parseUnmaskValidate", "connectionReceive", "parseUnmaskValidateVectorApi",
                "connectionReceiveVectorApi")) {
            for (String text : List.of(TextPayloads.MIXED, TextPayloads.ASCII)) {
                Row target = byKey.get(benchmark + "/" + TARGET_SIZE + "/text=" + text);
                Row copy = byKey.get("arraycopy/" + TARGET_SIZE + "/-");
                if (target != null && copy != null) {
                    double ratio = target.cpu().mean() / copy.cpu().mean();
                    out.append(String.format(Locale.ROOT, "Target: 64 KiB parse+unmask+validate >= %.1f x arraycopy; "
                            + "%s, %s text: %s per CPU-s%s -> %s%n", TARGET_RATIO, benchmark, text,
                            ratio(target.cpu(), copy.cpu()),
                            target.quiet().present() && copy.quiet().present()
                                    ? ", " + ratio(target.quiet(), copy.quiet()) + " wall-clock (quiet)" : "",
                            ratio >= TARGET_RATIO ? "met" : "NOT met"));
                }
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
        ListStatistics perCpu = new ListStatistics();
        ListStatistics quiet = new ListStatistics();
        ListStatistics others = new ListStatistics();
        ListStatistics shares = new ListStatistics();
        int iterations = 0;
        for (BenchmarkResult fork : result.getBenchmarkResults()) {
            for (IterationResult iteration : fork.getIterationResults()) {
                iterations++;
                double wall = iteration.getPrimaryResult().getScore() * size / 1e6;
                Result<?> share = iteration.getSecondaryResults().get(ContentionProfiler.WORKER_SHARE);
                if (share != null && share.getScore() > 0.05) {
                    shares.addValue(share.getScore());
                    perCpu.addValue(wall / share.getScore());
                } else {
                    perCpu.addValue(wall); // no CPU time to correct with: count it as undisturbed
                }
                Result<?> contention = iteration.getSecondaryResults().get(ContentionProfiler.OTHERS);
                if (contention != null) {
                    others.addValue(contention.getScore());
                    if (contention.getScore() < quietCpus) {
                        quiet.addValue(wall);
                    }
                }
            }
        }
        return new Row(name, size, variant.length() == 0 ? "-" : variant.toString(), Stat.of(perCpu, 1),
                Stat.of(quiet, MIN_QUIET), iterations, others.getN() == 0 ? Double.NaN : others.getMean(),
                shares.getN() == 0 ? Double.NaN : shares.getMean());
    }

    private static String ratio(Stat row, Stat base) {
        double ratio = row.mean() / base.mean();
        double relative = Math.hypot(row.relativeError(), base.relativeError());
        return Double.isNaN(relative) ? String.format(Locale.ROOT, "%.2f", ratio)
                : String.format(Locale.ROOT, "%.2f +- %.2f", ratio, ratio * relative);
    }

    private static int order(String benchmark) {
        List<String> known = List.of("arraycopy", "maskOnly", "maskOnlyZeroKey", "validateOnly", "parseUnmask",
                "parseUnmaskValidate", "connectionReceive", "maskOnlyVectorApi", "parseUnmaskVectorApi",
                "parseUnmaskValidateVectorApi", "connectionReceiveVectorApi", "restoreOnly", "restoreParseUnmaskValidate");
        int index = known.indexOf(benchmark);
        return index < 0 ? known.size() : index;
    }
}
