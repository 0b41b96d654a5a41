package dev.duplex.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * Measures, for each iteration, how much CPU everything else on the machine used and how much of
 * the iteration the benchmark thread actually ran, so that {@link RunBenchmarks} can tell quiet
 * iterations from disturbed ones on a shared machine and correct throughput for the time the
 * benchmark thread spent waiting for a CPU.
 *
 * <ul>
 *   <li>{@value #OTHERS}: CPUs busy on average with other processes. Linux only: {@code /proc/stat}
 *       (busy time of all CPUs, hypervisor steal included) minus {@code /proc/self/stat} (this
 *       benchmark JVM, all its threads); missing where /proc is.</li>
 *   <li>{@value #WORKER_SHARE}: CPU time of the JMH worker threads over the wall time of the
 *       iteration and the number of workers (about 1 when nothing else wants the CPU); missing
 *       when thread CPU time is not supported.</li>
 * </ul>
 */
public final class ContentionProfiler implements InternalProfiler {
    /** Label of the CPUs used by other processes. */
    public static final String OTHERS = "others.cpus";
    /** Label of the share of the wall time the benchmark's worker threads were on a CPU. */
    public static final String WORKER_SHARE = "worker.cpu.share";

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private static final double TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux in use

    private long startNanos;
    private long startBusy;
    private long startOwn;
    private long[] workers = new long[0];
    private long startWorkerNanos;

    @Override
    public String getDescription() {
        return "CPUs used by other processes during each iteration (Linux /proc)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        workers = workerThreadIds();
        startWorkerNanos = cpuNanos(workers);
        startBusy = machineBusyTicks();
        startOwn = ownTicks();
        startNanos = System.nanoTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
            IterationResult result) {
        long busy = machineBusyTicks();
        long own = ownTicks();
        long workerNanos = cpuNanos(workers);
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        List<Result> results = new ArrayList<>();
        if (seconds <= 0) {
            return results;
        }
        if (busy >= 0 && own >= 0 && startBusy >= 0 && startOwn >= 0) {
            double others = Math.max(0, (busy - startBusy) - (own - startOwn)) / TICKS_PER_SECOND / seconds;
            results.add(new ScalarResult(OTHERS, others, "CPUs", AggregationPolicy.AVG));
        }
        // Workers that existed before the iteration and still exist: JMH keeps its worker threads between iterations.
        if (workers.length > 0 && workerNanos >= 0 && startWorkerNanos >= 0) {
            double share = (workerNanos - startWorkerNanos) / 1e9 / seconds / workers.length;
            results.add(new ScalarResult(WORKER_SHARE, share, "", AggregationPolicy.AVG));
        }
        return results;
    }

    /** The JMH worker threads (named "...-jmh-worker-N"), or none if thread CPU time is not available. */
    private static long[] workerThreadIds() {
        if (!THREADS.isThreadCpuTimeSupported() || !THREADS.isThreadCpuTimeEnabled()) {
            return new long[0];
        }
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().contains("jmh-worker"))
                .mapToLong(Thread::getId)
                .toArray();
    }

    /** Total CPU time of the threads, or -1 if one of them is gone. */
    private static long cpuNanos(long[] threadIds) {
        long total = 0;
        for (long id : threadIds) {
            long nanos = THREADS.getThreadCpuTime(id);
            if (nanos < 0) {
                return -1;
            }
            total += nanos;
        }
        return total;
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
