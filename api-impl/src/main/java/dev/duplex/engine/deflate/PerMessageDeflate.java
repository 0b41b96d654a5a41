package dev.duplex.engine.deflate;

import dev.duplex.engine.Extension;
import dev.duplex.engine.Frame;
import dev.duplex.engine.ProtocolException;
import dev.duplex.engine.Violation;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * {@code permessage-deflate} on one connection (RFC 7692): RSV1 on a message's first frame marks it
 * compressed; its payload is raw DEFLATE data ending in a sync flush whose last four bytes
 * {@code 00 00 ff ff} are left off by the sender and put back by the receiver (section 7.2).
 *
 * <p>Receiving: each frame is inflated as it arrives, in fragments of at most {@value #MAX_FRAGMENT}
 * bytes, and the message's inflated size is checked against the limit before each fragment is made,
 * so a small compressed message can never grow past the limit in memory (a decompression bomb fails
 * with 1009 at once). Sending: the message is deflated with a sync flush per fragment; where the
 * peer limited this side's window to fewer than 15 bits, each 2^bits bytes of input end in a full
 * flush, which keeps every back-reference within the window ({@link DeflateNegotiation}).
 *
 * <p>zlib state: where a direction has no context takeover, its compressor or decompressor comes
 * from {@link ZlibPool} for one message and goes back at the message's end; otherwise it is taken at
 * the first message and kept until {@link #release()}. Thread-safety as {@link Extension} says; each
 * direction has its own lock, so {@link #release()} from another thread waits for the message at hand.
 */
public final class PerMessageDeflate implements Extension {
    private static final byte[] TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};
    static final int MAX_FRAGMENT = 32 * 1024;
    private static final int MIN_FRAGMENT = 1024;

    private final int level;
    private final int threshold;
    private final boolean sendContextTakeover;
    private final int sendWindowBits;
    private final boolean receiveContextTakeover;
    private final ZlibPool pool;

    private volatile boolean released;

    private final Object inflateLock = new Object();
    private Inflater inflater;
    private long inflatedBytes;

    private final Object deflateLock = new Object();
    private Deflater deflater;

    PerMessageDeflate(int level, int threshold, boolean sendContextTakeover, int sendWindowBits,
            boolean receiveContextTakeover, ZlibPool pool) {
        this.level = level;
        this.threshold = threshold;
        this.sendContextTakeover = sendContextTakeover && sendWindowBits == DeflateParameters.MAX_WINDOW_BITS;
        this.sendWindowBits = sendWindowBits;
        this.receiveContextTakeover = receiveContextTakeover;
        this.pool = pool;
    }

    @Override
    public String name() {
        return DeflateNegotiation.NAME;
    }

    @Override
    public int rsv() {
        return Frame.RSV1;
    }

    /** Section 6.1: RSV1 on the first frame of a data message only. */
    @Override
    public void checkReceived(Frame frame, boolean firstOfMessage) throws ProtocolException {
        if ((frame.rsv() & Frame.RSV1) == 0) {
            return;
        }
        if (frame.isControl()) {
            throw new ProtocolException(Violation.COMPRESSED_BIT_ON_CONTROL_FRAME);
        }
        if (!firstOfMessage) {
            throw new ProtocolException(Violation.COMPRESSED_BIT_ON_CONTINUATION);
        }
    }

    // ---------------------------------------------------------------- receiving

    @Override
    public void decode(ByteBuffer payload, boolean fin, long maxBytes, Violation tooLarge, FragmentSink next)
            throws ProtocolException {
        synchronized (inflateLock) {
            if (released) {
                return; // the connection has ended; what is left of its input is discarded
            }
            if (inflater == null) {
                inflater = pool.takeInflater();
                inflatedBytes = 0;
            }
            Inflater in = inflater;
            in.setInput(payload);
            ByteBuffer out = inflate(in, null, payload.remaining(), maxBytes, tooLarge, next);
            if (released) {
                return;
            }
            if (!fin) {
                if (out != null && out.position() > 0) {
                    next.accept(out.flip(), false);
                }
                return;
            }
            // Section 7.2.2: put back the four bytes the sender left off, then inflate what they release.
            if (!in.finished()) {
                in.setInput(TAIL);
                out = inflate(in, out, TAIL.length, maxBytes, tooLarge, next);
                if (released) {
                    return;
                }
            }
            endMessage(in);
            next.accept(out == null ? ByteBuffer.allocate(0) : out.flip(), true);
        }
    }

    /**
     * Inflates what {@code in} holds into fragments, handing on each full one; returns the partly
     * filled last one (or null). Checks the message's size before every fragment is made.
     */
    private ByteBuffer inflate(Inflater in, ByteBuffer partial, int inputBytes, long maxBytes, Violation tooLarge,
            FragmentSink next) throws ProtocolException {
        ByteBuffer out = partial;
        while (true) {
            if (out == null) {
                long allowed = maxBytes - inflatedBytes + 1; // one byte more shows the limit is passed
                int size = (int) Math.min(Math.max(MIN_FRAGMENT, Math.min((long) inputBytes * 4, MAX_FRAGMENT)), allowed);
                out = ByteBuffer.allocate(Math.max(size, 1));
            }
            int before = out.position();
            try {
                in.inflate(out);
            } catch (DataFormatException e) {
                throw new ProtocolException(Violation.COMPRESSED_DATA_INVALID, e.getMessage());
            }
            int produced = out.position() - before;
            inflatedBytes += produced;
            if (inflatedBytes > maxBytes) {
                throw new ProtocolException(tooLarge, "more than " + maxBytes + " bytes once inflated");
            }
            if (!out.hasRemaining()) {
                next.accept(out.flip(), false);
                if (released) {
                    return null;
                }
                out = null;
                continue;
            }
            if (produced == 0) {
                if (in.needsDictionary()) {
                    throw new ProtocolException(Violation.COMPRESSED_DATA_INVALID, "asks for a preset dictionary");
                }
                return out; // needs input, or the stream ended (a block with BFINAL set)
            }
        }
    }

    /** The message is complete: without context takeover, or after a final block, its context goes. */
    private void endMessage(Inflater in) {
        if (!receiveContextTakeover) {
            pool.giveBack(in);
            inflater = null;
        } else if (in.finished()) {
            // The peer ended its DEFLATE stream (BFINAL); its next message starts a new one.
            in.reset();
        }
        inflatedBytes = 0;
    }

    // ---------------------------------------------------------------- sending

    @Override
    public boolean encodes(ByteBuffer firstFragment, boolean last) {
        return !released && (!last || firstFragment.remaining() >= threshold);
    }

    @Override
    public ByteBuffer encode(ByteBuffer payload, boolean last) {
        synchronized (deflateLock) {
            if (deflater == null) {
                deflater = pool.takeDeflater(level);
            }
            Deflater out = deflater;
            ByteBuffer compressed = sendWindowBits < DeflateParameters.MAX_WINDOW_BITS
                    ? deflateInWindow(out, payload) : deflate(out, payload.duplicate(), Deflater.SYNC_FLUSH, null);
            if (last) {
                // Section 7.2.1: a message ends with a sync flush, whose empty stored block 00 00 ff ff is left off.
                compressed.position(compressed.position() - TAIL.length);
                if (!sendContextTakeover || released) {
                    pool.giveBack(out, level);
                    deflater = null;
                }
            }
            return compressed.flip();
        }
    }

    /**
     * Each 2^windowBits bytes of input as a block of its own, ended by a full flush: a full flush
     * resets the compressor, so no back-reference crosses it, and within a block none reaches
     * further back than the block is long.
     */
    private ByteBuffer deflateInWindow(Deflater out, ByteBuffer payload) {
        int window = 1 << sendWindowBits;
        ByteBuffer input = payload.duplicate();
        ByteBuffer compressed = null;
        do {
            ByteBuffer block = input.slice(input.position(), Math.min(window, input.remaining()));
            input.position(input.position() + block.remaining());
            compressed = deflate(out, block, Deflater.FULL_FLUSH, compressed);
        } while (input.hasRemaining());
        return compressed;
    }

    /** Compresses all of {@code input} and flushes; appends to {@code into} (grown as needed), position at the end. */
    private static ByteBuffer deflate(Deflater deflater, ByteBuffer input, int flush, ByteBuffer into) {
        ByteBuffer out = into != null ? into : ByteBuffer.allocate(input.remaining() / 2 + 64);
        deflater.setInput(input);
        while (true) {
            if (!out.hasRemaining()) {
                out = grow(out);
            }
            deflater.deflate(out, flush);
            // With a flush, output that fills the buffer may have more behind it (Deflater javadoc).
            if (out.hasRemaining() && deflater.needsInput()) {
                return out;
            }
        }
    }

    private static ByteBuffer grow(ByteBuffer out) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(64, out.capacity() * 2));
        return bigger.put(out.flip());
    }

    // ---------------------------------------------------------------- ending

    @Override
    public void release() {
        released = true;
        synchronized (inflateLock) {
            if (inflater != null) {
                pool.giveBack(inflater);
                inflater = null;
            }
        }
        synchronized (deflateLock) {
            if (deflater != null) {
                pool.giveBack(deflater, level);
                deflater = null;
            }
        }
    }
}
