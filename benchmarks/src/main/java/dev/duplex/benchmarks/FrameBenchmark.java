package dev.duplex.benchmarks;

import dev.duplex.engine.Callback;
import dev.duplex.engine.ClosePayload;
import dev.duplex.engine.ConnectionListener;
import dev.duplex.engine.Frame;
import dev.duplex.engine.FrameParser;
import dev.duplex.engine.FrameWriter;
import dev.duplex.engine.Limits;
import dev.duplex.engine.Masking;
import dev.duplex.engine.OpCode;
import dev.duplex.engine.ProtocolException;
import dev.duplex.engine.Role;
import dev.duplex.engine.Transport;
import dev.duplex.engine.Utf8Validator;
import dev.duplex.engine.WebSocketConnection;
import java.nio.ByteBuffer;
import java.util.Arrays;
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
 * The receive path of a server for one text frame: parse the header, unmask the payload in
 * place, validate it as UTF-8, against {@code System.arraycopy} of the same number of bytes.
 * One operation handles one payload of {@code size} bytes; {@link RunBenchmarks} turns ops/s into MB/s.
 *
 * <p>Keeping the input the same on every invocation: the parser unmasks in place, so a frame
 * parsed once is no longer masked. The frames here are masked with the key 0 (the client's
 * key source returns 0, as any key source may): the header says masked, the parser does the
 * full XOR pass, and XOR with 0 leaves the bytes as they were, so every invocation sees the
 * same masked frame and the validator sees the real text, with nothing to restore. XOR costs
 * the same whatever the key, and the engine does not special-case any key; {@link ZeroKeyCheck}
 * measures that claim (random key with the frame restored by arraycopy, and masking with both keys).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 8, time = 1)
public class FrameBenchmark {

    /** A key with four different bytes, none of them 0, for masking alone. */
    static final int RANDOM_KEY = 0x9E37_79B9;

    static final Limits LIMITS = Limits.builder().maxTextMessageSize(1 << 20).build();

    /** Two plain byte arrays of {@code size} bytes: the arraycopy baseline and masking alone. */
    @State(Scope.Thread)
    public static class Bytes {
        @Param({"125", "4096", "65536"})
        public int size;

        byte[] source;
        byte[] target;
        ByteBuffer buffer;
        /** Keys in fields, as the parser reads them from frames: a constant 0 would let the JIT fold the XOR away. */
        int randomKey = RANDOM_KEY;
        int zeroKey = 0;

        @Setup
        public void setUp() {
            source = TextPayloads.text(TextPayloads.MIXED, size);
            target = new byte[size];
            buffer = ByteBuffer.wrap(source.clone());
        }
    }

    /** One client text frame, masked with key 0, parsed by a server over and over. */
    @State(Scope.Thread)
    public static class TextFrame {
        @Param({"125", "4096", "65536"})
        public int size;

        @Param({TextPayloads.MIXED, TextPayloads.ASCII})
        public String text;

        byte[] payloadBytes;
        /** The whole frame, header and payload; the parser unmasks its payload in place. */
        ByteBuffer frame;
        /** The unmasked payload alone, for validation alone. */
        ByteBuffer payload;
        FrameParser parser;
        Utf8Validator validator;

        @Setup
        public void setUp() throws ProtocolException {
            payloadBytes = TextPayloads.text(text, size);
            payload = ByteBuffer.wrap(payloadBytes.clone());
            frame = encodeClientFrame(payloadBytes, 0);
            parser = new FrameParser(Role.SERVER, LIMITS);
            validator = new Utf8Validator();
            // Twice: the second parse shows the buffer is unchanged by the first.
            checkParsed(parseFrame(), payloadBytes, validator);
            checkParsed(parseFrame(), payloadBytes, validator);
        }

        Frame parseFrame() throws ProtocolException {
            frame.clear();
            return parser.parse(frame);
        }

        @TearDown(Level.Trial)
        public void tearDown() throws ProtocolException {
            checkParsed(parseFrame(), payloadBytes, validator);
        }
    }

    /** A masked client text frame (FrameWriter with a fixed key), in a writable heap buffer. */
    static ByteBuffer encodeClientFrame(byte[] payload, int key) {
        ByteBuffer encoded = new FrameWriter(Role.CLIENT, () -> key)
                .encodeToBuffer(true, 0, OpCode.TEXT, ByteBuffer.wrap(payload));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        return ByteBuffer.wrap(bytes);
    }

    /** Fails the trial unless {@code frame} is the expected final text frame, valid UTF-8. */
    static void checkParsed(Frame frame, byte[] expected, Utf8Validator validator) {
        if (frame == null || !frame.fin() || frame.opcode() != OpCode.TEXT) {
            throw new IllegalStateException("not the final text frame: " + frame);
        }
        byte[] actual = new byte[frame.payloadLength()];
        frame.payload().duplicate().get(actual);
        if (!Arrays.equals(actual, expected)) {
            throw new IllegalStateException("payload was not unmasked to the original text");
        }
        validator.reset();
        int invalidAt = validator.validate(frame.payload());
        if (invalidAt != -1 || !validator.isComplete()) {
            throw new IllegalStateException("validator rejected valid text at " + invalidAt);
        }
    }

    /** Validation of a final text frame knowing nothing of it: reset, validate, check the message ends on a character. */
    static int validateFinalFrame(Utf8Validator validator, ByteBuffer payload) {
        return validateFinalFrame(validator, payload, 0);
    }

    /**
     * What {@code WebSocketConnection} does with a final text frame the parser unmasked: the bytes the unmasking
     * found to be ASCII ({@link Frame#asciiPrefix()}) are not read again.
     */
    static int validateFinalFrame(Utf8Validator validator, Frame frame) {
        return validateFinalFrame(validator, frame.payload(), frame.asciiPrefix());
    }

    private static int validateFinalFrame(Utf8Validator validator, ByteBuffer payload, int asciiPrefix) {
        validator.reset();
        int invalidAt = validator.validate(payload, asciiPrefix);
        return invalidAt >= 0 ? invalidAt : validator.isComplete() ? -1 : -2;
    }

    /** The baseline: copy {@code size} bytes from one array to another. */
    @Benchmark
    public void arraycopy(Bytes b) {
        System.arraycopy(b.source, 0, b.target, 0, b.size);
    }

    /** Masking alone, in place, with a non-zero key, through the ByteBuffer entry point the parser uses. */
    @Benchmark
    public void maskOnly(Bytes b) {
        Masking.mask(b.buffer, 0, b.size, b.randomKey, 0);
    }

    /** UTF-8 validation alone, of the unmasked text. */
    @Benchmark
    public int validateOnly(TextFrame f) {
        return validateFinalFrame(f.validator, f.payload);
    }

    /** Parse the header and unmask the payload in place, no validation. */
    @Benchmark
    public Frame parseUnmask(TextFrame f) throws ProtocolException {
        return f.parseFrame();
    }

    /** The receive path for a text frame: parse, unmask in place, validate, as the connection does. */
    @Benchmark
    public int parseUnmaskValidate(TextFrame f) throws ProtocolException {
        Frame frame = f.parseFrame();
        return validateFinalFrame(f.validator, frame);
    }

    /**
     * The same through the engine's own entry point: {@code WebSocketConnection.receive} of the frame, delivered to a
     * listener that keeps the payload's length. Adds what the connection does around the three steps (state checks,
     * the call to the listener); the check that it still validates is in {@link ConnectionFrame}'s setup.
     */
    @Benchmark
    public int connectionReceive(ConnectionFrame c) {
        c.frame.clear();
        c.connection.receive(c.frame);
        return c.listener.textBytes;
    }

    /** A server connection fed one client text frame, masked with key 0, over and over. */
    @State(Scope.Thread)
    public static class ConnectionFrame {
        @Param({"125", "4096", "65536"})
        public int size;

        @Param({TextPayloads.MIXED, TextPayloads.ASCII})
        public String text;

        ByteBuffer frame;
        WebSocketConnection connection;
        final LengthListener listener = new LengthListener();

        @Setup
        public void setUp() {
            byte[] payload = TextPayloads.text(text, size);
            connection = new WebSocketConnection(FrameWriter.server(), LIMITS, NO_TRANSPORT, listener);
            // A frame whose last byte is made invalid UTF-8 must fail the connection: the path validates.
            ByteBuffer broken = encodeClientFrame(payload, 0);
            broken.put(broken.limit() - 1, (byte) 0xFF);
            WebSocketConnection probe = new WebSocketConnection(FrameWriter.server(), LIMITS, NO_TRANSPORT, listener);
            probe.receive(broken);
            if (!probe.isClosed() || listener.textBytes != 0) {
                throw new IllegalStateException("the connection delivered invalid UTF-8");
            }
            frame = encodeClientFrame(payload, 0);
            connection.receive(frame);
            if (listener.textBytes != size || connection.isClosed()) {
                throw new IllegalStateException("the connection did not deliver the " + size + "-byte text frame");
            }
        }
    }

    /** Keeps the length of the last text frame delivered. */
    static final class LengthListener implements ConnectionListener {
        int textBytes;

        @Override
        public void onText(ByteBuffer utf8, boolean last) {
            textBytes = utf8.remaining();
        }

        @Override
        public void onBinary(ByteBuffer data, boolean last) {
            throw new IllegalStateException("a binary frame in a text benchmark");
        }

        @Override
        public void onPong(ByteBuffer data) {
        }

        @Override
        public void onClosed(ClosePayload close) {
        }
    }

    /** A transport that drops what the connection writes: a valid text frame makes it write nothing. */
    static final Transport NO_TRANSPORT = new Transport() {
        @Override
        public void write(ByteBuffer[] buffers, Callback callback) {
            callback.succeeded();
        }

        @Override
        public void resumeReading() {
        }

        @Override
        public void close() {
        }

        @Override
        public void abort() {
        }
    };
}
