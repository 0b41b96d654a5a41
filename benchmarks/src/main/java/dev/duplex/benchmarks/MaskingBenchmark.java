package dev.duplex.benchmarks;

import dev.duplex.engine.Masking;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Masking alone at the payload offsets the parser meets, in heap and direct buffers: a payload
 * inside a received buffer starts right after its header, at byte 6 (up to 125 bytes), 8 (up to
 * 64 KiB - 1) or 14 (64 KiB and more) of a buffer that starts with the frame. Not part of the
 * default run; run it with {@code RunBenchmarks 'MaskingBenchmark|FrameBenchmark.arraycopy'} to
 * get the ratios to arraycopy too.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 8, time = 1)
@State(Scope.Thread)
public class MaskingBenchmark {
    @Param({"125", "4096", "65536"})
    public int size;

    @Param({"0", "6", "8", "14"})
    public int offset;

    @Param({"heap", "direct"})
    public String memory;

    private ByteBuffer buffer;
    private int key = FrameBenchmark.RANDOM_KEY;

    @Setup
    public void setUp() {
        int capacity = offset + size;
        // A direct buffer's memory is 8-byte aligned at least, as a heap array's elements are.
        buffer = memory.equals("direct") ? ByteBuffer.allocateDirect(capacity) : ByteBuffer.allocate(capacity);
        buffer.put(offset, TextPayloads.text(TextPayloads.MIXED, size));
    }

    @Benchmark
    public void mask() {
        Masking.mask(buffer, offset, size, key, 0);
    }
}
