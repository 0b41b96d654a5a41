package dev.duplex.benchmarks;

import dev.duplex.engine.Extension;
import dev.duplex.engine.ProtocolException;
import dev.duplex.engine.Role;
import dev.duplex.engine.Violation;
import dev.duplex.engine.deflate.DeflateNegotiation;
import dev.duplex.engine.deflate.DeflateParameters;
import dev.duplex.engine.deflate.DeflateSettings;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
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
 * permessage-deflate's cost over zlib's own: one message of JSON-like text compressed
 * ({@code deflateMessage}: {@code PerMessageDeflate.encode}, with a server's default settings, so a
 * pooled compressor per message) and decompressed ({@code inflateMessage}: {@code decode} of that
 * message's payload, every fragment handed on) against the plain {@link Deflater} and {@link Inflater}
 * calls that do the same work on the same bytes ({@code deflatePlain}: reset, sync flush into a
 * reused array; {@code inflatePlain}: reset, inflate with the tail put back). The ratios of
 * {@code *Message} to {@code *Plain} in one run are the figures that count.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main DeflateBenchmark}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class DeflateBenchmark {
    private static final byte[] TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};

    @Param({"125", "4096", "65536"})
    public int size;

    private ByteBuffer json;
    private byte[] compressedWithTail;
    private ByteBuffer compressed;
    private Deflater deflater;
    private Inflater inflater;
    private byte[] out;
    private Extension extension;
    private long inflated;
    private final Extension.FragmentSink counting = (fragment, last) -> inflated += fragment.remaining();

    /** Chat-like JSON: the same keys and similar values over and over, as real message streams are. */
    static byte[] json(int size) {
        StringBuilder text = new StringBuilder(size + 100);
        for (int i = 0; text.length() < size; i++) {
            text.append("{\"type\":\"message\",\"room\":\"general\",\"user\":\"user").append(i % 17)
                    .append("\",\"id\":").append(100_000 + i * 7).append(",\"text\":\"hello there, message ")
                    .append(i).append("\"}\n");
        }
        return text.substring(0, size).getBytes(StandardCharsets.UTF_8);
    }

    @Setup(Level.Trial)
    public void setUp() {
        json = ByteBuffer.wrap(json(size));
        deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        inflater = new Inflater(true);
        out = new byte[size * 2 + 1024];
        extension = DeflateNegotiation.extension(new DeflateParameters(true, true, 0, 0), Role.SERVER,
                DeflateSettings.SERVER_DEFAULTS);
        ByteBuffer message = extension.encode(json.duplicate(), true);
        compressed = message;
        compressedWithTail = new byte[message.remaining() + TAIL.length];
        message.duplicate().get(compressedWithTail, 0, message.remaining());
        System.arraycopy(TAIL, 0, compressedWithTail, message.remaining(), TAIL.length);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        deflater.end();
        inflater.end();
        extension.release();
    }

    @Benchmark
    public int deflatePlain() {
        deflater.reset();
        deflater.setInput(json.array(), 0, size);
        return deflater.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
    }

    @Benchmark
    public ByteBuffer deflateMessage() {
        return extension.encode(json.duplicate(), true);
    }

    @Benchmark
    public int inflatePlain() throws DataFormatException {
        inflater.reset();
        inflater.setInput(compressedWithTail);
        return inflater.inflate(out);
    }

    @Benchmark
    public long inflateMessage() throws ProtocolException {
        inflated = 0;
        extension.decode(compressed.duplicate(), true, Long.MAX_VALUE, Violation.TEXT_MESSAGE_TOO_LARGE, counting);
        return inflated;
    }
}
