package dev.duplex.client.transport;

import dev.duplex.engine.Frame;
import dev.duplex.engine.FrameParser;
import dev.duplex.engine.FrameWriter;
import dev.duplex.engine.Limits;
import dev.duplex.engine.OpCode;
import dev.duplex.engine.ProtocolException;
import dev.duplex.engine.Role;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/** The server end of a test conversation: frames read with the engine's parser, written with its server writer. */
final class ServerFrames {
    static final Limits LARGE = Limits.builder().maxTextMessageSize(64 << 20).maxBinaryMessageSize(64 << 20).build();

    private final InputStream in;
    private final OutputStream out;
    private final FrameParser parser = new FrameParser(Role.SERVER, LARGE);
    private final FrameWriter writer = FrameWriter.server();
    private final byte[] chunk = new byte[64 * 1024];
    private ByteBuffer pending = ByteBuffer.allocate(0);

    ServerFrames(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
    }

    /** The next frame, with a payload of its own; null at the end of the stream. */
    Frame read() throws IOException, ProtocolException {
        while (true) {
            Frame frame = parser.parse(pending);
            if (frame != null) {
                ByteBuffer copy = ByteBuffer.allocate(frame.payload().remaining()).put(frame.payload()).flip();
                return new Frame(frame.fin(), frame.rsv(), frame.opcode(), copy);
            }
            int read = in.read(chunk);
            if (read < 0) {
                return null;
            }
            pending = ByteBuffer.wrap(chunk, 0, read);
        }
    }

    void write(boolean fin, int opcode, ByteBuffer payload) throws IOException {
        out.write(encode(fin, opcode, payload));
        out.flush();
    }

    static byte[] encode(boolean fin, int opcode, ByteBuffer payload) {
        ByteBuffer frame = FrameWriter.server().encodeToBuffer(fin, 0, opcode, payload);
        byte[] bytes = new byte[frame.remaining()];
        frame.get(bytes);
        return bytes;
    }

    /** Echoes every frame until the client's close frame, which is answered; true if the close frame came. */
    boolean echoUntilClose() throws IOException, ProtocolException {
        Frame frame;
        while ((frame = read()) != null) {
            if (frame.opcode() == OpCode.PING) {
                write(true, OpCode.PONG, frame.payload());
                continue;
            }
            write(frame.fin(), frame.opcode(), frame.payload());
            if (frame.opcode() == OpCode.CLOSE) {
                return true;
            }
        }
        return false;
    }

    /** Whether the client closed its end: the next read sees the end of the stream. */
    boolean atEndOfStream() throws IOException {
        return !pending.hasRemaining() && in.read() < 0;
    }

    FrameWriter writer() {
        return writer;
    }
}
