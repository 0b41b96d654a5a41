package dev.duplex.servlet;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * An output that writes several buffers in one call (a gathering write, one system call for a frame's
 * header and payload), which {@code ServletOutputStream} cannot. Non-blocking, like that stream's
 * {@code isReady()} contract: what the socket does not take at once is finished later, and then the
 * write listener's {@code onWritePossible} is called.
 *
 * <p>Public only for the container adapters ({@code dev.duplex.servlet.jetty}); not an API for applications.
 */
public interface GatheringOutput {

    /**
     * Writes the buffers in order, advancing their positions, or takes them to finish later.
     *
     * @return true when every buffer was written; false when the rest is being written (the positions reach
     *         the limits by the time {@code onWritePossible} is called) or an earlier write is still unfinished
     */
    boolean writeAll(ByteBuffer[] buffers) throws IOException;
}
