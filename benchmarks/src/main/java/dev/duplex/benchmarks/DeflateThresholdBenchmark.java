package dev.duplex.benchmarks;

import dev.duplex.engine.Extension;
import dev.duplex.engine.Role;
import dev.duplex.engine.deflate.DeflateNegotiation;
import dev.duplex.engine.deflate.DeflateParameters;
import dev.duplex.engine.deflate.DeflateSettings;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The evidence for {@link DeflateSettings}' threshold: what compressing a small message costs in CPU
 * ({@code compress}, nanoseconds a message) against copying it ({@code copy}, the work an uncompressed
 * message's payload gets anyway), and, from {@link #main}, what it saves on the wire. Messages are
 * distinct windows of a chat-like JSON stream, compressed in turn by one extension, so a compressor that
 * keeps its context between messages ({@code context=takeover}, a client's default) sees a realistic
 * history, and one that does not ({@code context=none}, a server's default) starts afresh each time.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main DeflateThresholdBenchmark}
 * for the CPU figures, {@code java -cp benchmarks/target/benchmarks.jar
 * dev.duplex.benchmarks.DeflateThresholdBenchmark} for the sizes.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class DeflateThresholdBenchmark {
    private static final int[] SIZES = {16, 32, 64, 128, 256, 512, 1024};
    private static final int MESSAGES = 256;

    @Param({"16", "32", "64", "128", "256", "512", "1024"})
    public int size;

    @Param({"none", "takeover"})
    public String context;

    private ByteBuffer[] messages;
    private Extension extension;
    private int next;

    /** {@code count} different messages of {@code size} bytes, cut from one JSON stream at uneven offsets. */
    static ByteBuffer[] messages(int size, int count) {
        byte[] stream = DeflateBenchmark.json(size * count + 4096);
        ByteBuffer[] messages = new ByteBuffer[count];
        for (int i = 0; i < count; i++) {
            messages[i] = ByteBuffer.wrap(stream, i * size + (i * 37) % 1024, size).slice();
        }
        return messages;
    }

    static Extension extension(String context) {
        return switch (context) {
            case "none" -> DeflateNegotiation.extension(new DeflateParameters(true, false, 0, 0), Role.SERVER,
                    DeflateSettings.SERVER_DEFAULTS);
            case "takeover" -> DeflateNegotiation.extension(new DeflateParameters(false, false, 0, 0), Role.CLIENT,
                    DeflateSettings.CLIENT_DEFAULTS);
            default -> throw new IllegalArgumentException(context);
        };
    }

    @Setup(Level.Trial)
    public void setUp() {
        messages = messages(size, MESSAGES);
        extension = extension(context);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        extension.release();
    }

    @Benchmark
    public ByteBuffer compress() {
        return extension.encode(messages[next++ & (MESSAGES - 1)].duplicate(), true);
    }

    @Benchmark
    public ByteBuffer copy() {
        ByteBuffer message = messages[next++ & (MESSAGES - 1)];
        ByteBuffer copy = ByteBuffer.allocate(message.remaining());
        return copy.put(message.duplicate()).flip();
    }

    /** Prints the mean compressed size of each message size, with and without context takeover. */
    public static void main(String[] args) {
        System.out.println("| message bytes | none: compressed bytes (saved) | takeover: compressed bytes (saved) |");
        System.out.println("|---:|---:|---:|");
        for (int size : SIZES) {
            StringBuilder row = new StringBuilder("| " + size + " |");
            for (String context : new String[] {"none", "takeover"}) {
                Extension extension = extension(context);
                ByteBuffer[] messages = messages(size, MESSAGES);
                long total = 0;
                for (ByteBuffer message : messages) {
                    total += extension.encode(message.duplicate(), true).remaining();
                }
                extension.release();
                double mean = (double) total / MESSAGES;
                row.append(String.format(Locale.ROOT, " %.1f (%.0f %%) |", mean, 100 * (1 - mean / size)));
            }
            System.out.println(row);
        }
        System.out.println("sample message: " + StandardCharsets.UTF_8.decode(messages(64, 2)[1]));
    }
}
