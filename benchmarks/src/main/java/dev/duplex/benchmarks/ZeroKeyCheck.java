package dev.duplex.benchmarks;

import dev.duplex.engine.Frame;
import dev.duplex.engine.FrameParser;
import dev.duplex.engine.Masking;
import dev.duplex.engine.ProtocolException;
import dev.duplex.engine.Role;
import dev.duplex.engine.Utf8Validator;
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
 * Checks that {@link FrameBenchmark}'s frames, masked with key 0 so that they survive in-place
 * unmasking, cost what frames with a real key cost.
 *
 * <ul>
 *   <li>{@link #maskOnlyZeroKey} against {@link FrameBenchmark#maskOnly}: the XOR pass with
 *       both keys.</li>
 *   <li>{@link #restoreParseUnmaskValidate}: a frame masked with a non-zero key, copied back
 *       from a pristine copy before every parse; minus {@link #restoreOnly} (that copy alone) it
 *       should match {@link FrameBenchmark#parseUnmaskValidate} on the mixed text.</li>
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 8, time = 1)
public class ZeroKeyCheck {

    /** A mixed-text client frame masked with a non-zero key, and a working copy to parse. */
    @State(Scope.Thread)
    public static class RestoredFrame {
        @Param({"125", "4096", "65536"})
        public int size;

        byte[] pristine;
        byte[] working;
        ByteBuffer workingBuffer;
        FrameParser parser;
        Utf8Validator validator;

        @Setup
        public void setUp() throws ProtocolException {
            byte[] text = TextPayloads.text(TextPayloads.MIXED, size);
            ByteBuffer frame = FrameBenchmark.encodeClientFrame(text, FrameBenchmark.RANDOM_KEY);
            pristine = frame.array();
            working = pristine.clone();
            workingBuffer = ByteBuffer.wrap(working);
            parser = new FrameParser(Role.SERVER, FrameBenchmark.LIMITS);
            validator = new Utf8Validator();
            FrameBenchmark.checkParsed(restoreAndParse(), text, validator);
            FrameBenchmark.checkParsed(restoreAndParse(), text, validator);
        }

        void restore() {
            System.arraycopy(pristine, 0, working, 0, pristine.length);
        }

        Frame restoreAndParse() throws ProtocolException {
            restore();
            workingBuffer.clear();
            return parser.parse(workingBuffer);
        }
    }

    @Benchmark
    public void maskOnlyZeroKey(FrameBenchmark.Bytes b) {
        Masking.mask(b.buffer, 0, b.size, b.zeroKey, 0);
    }

    /** The copy that puts the masked frame back: header and payload. */
    @Benchmark
    public void restoreOnly(RestoredFrame r) {
        r.restore();
    }

    @Benchmark
    public int restoreParseUnmaskValidate(RestoredFrame r) throws ProtocolException {
        Frame frame = r.restoreAndParse();
        return FrameBenchmark.validateFinalFrame(r.validator, frame);
    }
}
