package dev.duplex.engine.deflate;

import java.util.zip.Deflater;

/**
 * How one side uses {@code permessage-deflate} (RFC 7692): whether it takes part, how hard it
 * compresses, which messages it leaves alone, and whether compression contexts may outlive a message.
 * Immutable.
 *
 * <p>Context takeover (section 7.1.1) keeps the LZ77 window between messages: better compression for
 * streams of similar messages, but zlib state that lives as long as the connection, in native memory
 * (about 256 KiB for a compressor, 40 KiB for a decompressor). Without it, compressors and
 * decompressors are taken from a shared pool for one message and returned, so an idle connection holds
 * none.
 *
 * @param enabled             whether to offer (client) or accept (server) the extension at all
 * @param compressionLevel    {@link Deflater}'s level, 0-9 or {@link Deflater#DEFAULT_COMPRESSION}
 * @param threshold           whole messages smaller than this many bytes are sent uncompressed (RSV1
 *                            clear): deflate shrinks them little for its CPU time (the defaults below
 *                            come from {@code DeflateThresholdBenchmark}, benchmarks/README.md)
 * @param ownContextTakeover  this side's compressor may keep its window between messages, where the
 *                            peer allows it; otherwise this side asks for (server) or announces
 *                            (client) no context takeover for its own direction
 * @param peerContextTakeover the peer's compressor may keep its window, so this side's decompressor
 *                            lives as long as the connection; otherwise this side asks the peer for no
 *                            context takeover
 */
public record DeflateSettings(boolean enabled, int compressionLevel, int threshold, boolean ownContextTakeover,
        boolean peerContextTakeover) {

    /**
     * A server's defaults: its own compressor keeps no context (announced with
     * {@code server_no_context_takeover}), so compressors are pooled and an idle connection holds none;
     * the client may keep its context, as it offered: some clients (Jetty 12.1's among them) go on
     * using theirs even when the response asks them not to, so asking would break them.
     * Threshold 256 bytes: compressed on its own, a message of chat-like JSON shrinks by 7 % at 64 bytes
     * and 28 % at 128, for 4 to 6 microseconds of CPU (as much as echoing it costs), and by 58 % at 256.
     */
    public static final DeflateSettings SERVER_DEFAULTS = new DeflateSettings(true, Deflater.DEFAULT_COMPRESSION,
            256, false, true);

    /**
     * A client's defaults: what the server allows, context takeover included (a client has few connections).
     * Threshold 32 bytes: with the context of earlier messages even short ones shrink by 60 % (16 bytes) to
     * 84 % (64 bytes), for about a microsecond.
     */
    public static final DeflateSettings CLIENT_DEFAULTS = new DeflateSettings(true, Deflater.DEFAULT_COMPRESSION,
            32, true, true);

    /** Not used at all. */
    public static final DeflateSettings DISABLED = new DeflateSettings(false, Deflater.DEFAULT_COMPRESSION, 64,
            false, false);

    public DeflateSettings {
        if (compressionLevel != Deflater.DEFAULT_COMPRESSION && (compressionLevel < 0 || compressionLevel > 9)) {
            throw new IllegalArgumentException("compressionLevel must be 0-9 or -1: " + compressionLevel);
        }
        if (threshold < 0) {
            throw new IllegalArgumentException("threshold must not be negative: " + threshold);
        }
    }

    public DeflateSettings withEnabled(boolean on) {
        return new DeflateSettings(on, compressionLevel, threshold, ownContextTakeover, peerContextTakeover);
    }
}
