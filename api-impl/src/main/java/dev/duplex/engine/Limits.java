package dev.duplex.engine;

/**
 * The size limits the engine enforces on received data, checked when a frame header is read,
 * before its payload is buffered (RFC 6455 section 10.4). Immutable; build with {@link #builder()}.
 * A connection's limits may be replaced at any time by a new instance.
 *
 * @param maxFrameSize         largest accepted frame payload, in bytes
 * @param maxTextMessageSize   largest accepted text message (sum of its frames), in bytes
 * @param maxBinaryMessageSize largest accepted binary message, in bytes
 * @param allowedRsv           RSV bits that negotiated extensions define (0 without extensions)
 * @param maxWholeFrameSize    largest data frame payload that is delivered whole, held until all of it arrived;
 *                             a longer one that does not arrive in one buffer is delivered in pieces as its bytes
 *                             come (each a fragment of the message: the first keeps the frame's opcode, the others
 *                             are continuations, and only the last carries the frame's FIN bit), so that streamed
 *                             messages need no buffer of the frame's size. Control frames are always whole.
 * @param textInPieces         every frame of a text message that does not arrive in one buffer is delivered in
 *                             pieces, whatever its length, so that its UTF-8 is checked as its bytes arrive and
 *                             a broken sequence fails the connection then (RFC 6455 section 8.1), not once the
 *                             frame is complete
 */
public record Limits(long maxFrameSize, long maxTextMessageSize, long maxBinaryMessageSize, int allowedRsv,
        long maxWholeFrameSize, boolean textInPieces) {

    /** The largest payload the engine can buffer in one ByteBuffer. */
    public static final long UNLIMITED = Integer.MAX_VALUE - 8;

    public static final Limits DEFAULT = builder().build();

    public Limits {
        requirePositive("maxFrameSize", maxFrameSize);
        requirePositive("maxTextMessageSize", maxTextMessageSize);
        requirePositive("maxBinaryMessageSize", maxBinaryMessageSize);
        requirePositive("maxWholeFrameSize", maxWholeFrameSize);
        if ((allowedRsv & ~0b111) != 0) {
            throw new IllegalArgumentException("allowedRsv must be 0-7: " + allowedRsv);
        }
    }

    private static void requirePositive(String name, long value) {
        if (value <= 0 || value > UNLIMITED) {
            throw new IllegalArgumentException(name + " must be 1.." + UNLIMITED + ": " + value);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().maxFrameSize(maxFrameSize).maxTextMessageSize(maxTextMessageSize)
                .maxBinaryMessageSize(maxBinaryMessageSize).allowedRsv(allowedRsv).maxWholeFrameSize(maxWholeFrameSize)
                .textInPieces(textInPieces);
    }

    /**
     * Builder with defaults of 64 KiB per message, no frame limit beyond the message limits, and every frame
     * delivered whole, text included.
     */
    public static final class Builder {
        private long maxFrameSize = UNLIMITED;
        private long maxTextMessageSize = 64 * 1024;
        private long maxBinaryMessageSize = 64 * 1024;
        private int allowedRsv;
        private long maxWholeFrameSize = UNLIMITED;
        private boolean textInPieces;

        private Builder() {
        }

        public Builder maxFrameSize(long bytes) {
            this.maxFrameSize = bytes;
            return this;
        }

        public Builder maxTextMessageSize(long bytes) {
            this.maxTextMessageSize = bytes;
            return this;
        }

        public Builder maxBinaryMessageSize(long bytes) {
            this.maxBinaryMessageSize = bytes;
            return this;
        }

        public Builder allowedRsv(int rsvBits) {
            this.allowedRsv = rsvBits;
            return this;
        }

        public Builder maxWholeFrameSize(long bytes) {
            this.maxWholeFrameSize = bytes;
            return this;
        }

        public Builder textInPieces(boolean inPieces) {
            this.textInPieces = inPieces;
            return this;
        }

        public Limits build() {
            return new Limits(maxFrameSize, maxTextMessageSize, maxBinaryMessageSize, allowedRsv, maxWholeFrameSize,
                    textInPieces);
        }
    }
}
