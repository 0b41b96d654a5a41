package dev.duplex.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Measures how much CPU everything else on the machine used during each iteration, so that
 * {@link RunBenchmarks} can tell quiet iterations from disturbed ones on a shared machine.
 *
 * <p>Linux only: from {@code /proc/stat} (busy time of all CPUs, hypervisor steal included) minus
 * {@code /proc/self/stat} (this benchmark JVM, all its threads), in CPUs busy on average over the
 * iteration. Where /proc is missing it reports nothing.
 */
public final class ContentionProfiler implements InternalProfiler {
    /** The secondary result's label. */
    public static final String LABEL = "others.cpus";

    private static final double TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux in use

    private long startNanos;
    private long startBusy;
    private long startOwn;

    @Override
    public String getDescription() {
        return "CPUs used by other processes during each iteration (Linux /proc)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        startBusy = machineBusyTicks();
        startOwn = ownTicks();
        startNanos = System.nanoTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
            IterationResult result) {
        long busy = machineBusyTicks();
        long own = ownTicks();
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        if (busy < 0 || own < 0 || startBusy < 0 || startOwn < 0 || seconds <= 0) {
            return List.of();
        }
        double others = Math.max(0, (busy - startBusy) - (own - startOwn)) / TICKS_PER_SECOND / seconds;
        return List.of(new ScalarResult(LABEL, others, "CPUs", AggregationPolicy.AVG));
    }

    /** Busy ticks of all CPUs together: the "cpu" line of /proc/stat less idle and iowait; -1 if unreadable. */
    private static long machineBusyTicks() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
                if (line.startsWith("cpu ")) {
                    String[] fields = line.trim().split("\\s+");
                    long busy = 0;
                    // user nice system idle iowait irq softirq steal (guest time is already in user)
                    for (int i = 1; i <= 8 && i < fields.length; i++) {
                        if (i != 4 && i != 5) {
                            busy += Long.parseLong(fields[i]);
                        }
                    }
                    return busy;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** User plus system ticks of this process, all threads; -1 if unreadable. */
    private static long ownTicks() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // The command name (field 2) may hold spaces; count fields from after its closing parenthesis.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            // fields[0] is field 3 (state), so utime (field 14) and stime (field 15) are at 11 and 12.
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
