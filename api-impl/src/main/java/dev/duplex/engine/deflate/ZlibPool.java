package dev.duplex.engine.deflate;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Idle zlib compressors and decompressors (raw DEFLATE, no zlib header: RFC 7692 section 7.2.1),
 * shared by the connections that use one only for the length of a message. Their state is native
 * memory, so the pool keeps at most {@code maxIdle} of each kind (a compressor per level) and ends the
 * ones returned beyond that.
 *
 * <p>Thread-safe.
 */
final class ZlibPool {
    /** Enough for every core to be compressing and decompressing at once, with room to spare. */
    static final ZlibPool SHARED = new ZlibPool(4 * Runtime.getRuntime().availableProcessors() + 16);

    private final int maxIdle;
    private final ConcurrentLinkedDeque<Inflater> inflaters = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleInflaters = new AtomicInteger();
    /** Index: level + 1 (level -1 is zlib's default). */
    @SuppressWarnings("unchecked")
    private final ConcurrentLinkedDeque<Deflater>[] deflaters = new ConcurrentLinkedDeque[11];
    private final AtomicInteger[] idleDeflaters = new AtomicInteger[11];

    ZlibPool(int maxIdle) {
        this.maxIdle = maxIdle;
        for (int i = 0; i < deflaters.length; i++) {
            deflaters[i] = new ConcurrentLinkedDeque<>();
            idleDeflaters[i] = new AtomicInteger();
        }
    }

    Inflater takeInflater() {
        Inflater inflater = inflaters.pollFirst();
        if (inflater == null) {
            return new Inflater(true);
        }
        idleInflaters.decrementAndGet();
        return inflater;
    }

    /** Takes back a decompressor, whatever state it is in. */
    void giveBack(Inflater inflater) {
        inflater.reset();
        if (idleInflaters.incrementAndGet() <= maxIdle) {
            inflaters.addFirst(inflater);
        } else {
            idleInflaters.decrementAndGet();
            inflater.end();
        }
    }

    Deflater takeDeflater(int level) {
        int index = level + 1;
        Deflater deflater = deflaters[index].pollFirst();
        if (deflater == null) {
            return new Deflater(level, true);
        }
        idleDeflaters[index].decrementAndGet();
        return deflater;
    }

    /** Takes back a compressor of {@code level}, whatever state it is in. */
    void giveBack(Deflater deflater, int level) {
        int index = level + 1;
        deflater.reset();
        if (idleDeflaters[index].incrementAndGet() <= maxIdle) {
            deflaters[index].addFirst(deflater);
        } else {
            idleDeflaters[index].decrementAndGet();
            deflater.end();
        }
    }
}
