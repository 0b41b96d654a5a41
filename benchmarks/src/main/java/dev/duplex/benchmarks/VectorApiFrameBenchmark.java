package dev.duplex.benchmarks;

import dev.duplex.engine.Frame;
import dev.duplex.engine.Masking;
import dev.duplex.engine.ProtocolException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link FrameBenchmark}'s masking and receive-path benchmarks in a JVM started with
 * {@code --add-modules jdk.incubator.vector}, where the engine masks heap arrays with the Vector API. Same states,
 * same work per operation; the ratio to arraycopy uses {@link FrameBenchmark#arraycopy} of the same run.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 8, time = 1)
public class VectorApiFrameBenchmark {

    /** Fails the trial unless the engine really masks with the Vector API in this fork. */
    @State(Scope.Benchmark)
    public static class VectorMasking {
        @Setup
        public void check() {
            if (!Masking.arrayMasking().startsWith("Vector API")) {
                throw new IllegalStateException("the engine does not mask with the Vector API: " + Masking.arrayMasking());
            }
        }
    }

    @Benchmark
    public void maskOnlyVectorApi(FrameBenchmark.Bytes b, VectorMasking v) {
        Masking.mask(b.buffer, 0, b.size, b.randomKey, 0);
    }

    @Benchmark
    public Frame parseUnmaskVectorApi(FrameBenchmark.TextFrame f, VectorMasking v) throws ProtocolException {
        return f.parseFrame();
    }

    @Benchmark
    public int parseUnmaskValidateVectorApi(FrameBenchmark.TextFrame f, VectorMasking v) throws ProtocolException {
        return FrameBenchmark.validateFinalFrame(f.validator, f.parseFrame());
    }

    @Benchmark
    public int connectionReceiveVectorApi(FrameBenchmark.ConnectionFrame c, VectorMasking v) {
        c.frame.clear();
        c.connection.receive(c.frame);
        return c.listener.textBytes;
    }
}
