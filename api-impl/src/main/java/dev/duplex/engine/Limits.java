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
 */
public record Limits(long maxFrameSize, long maxTextMessageSize, long maxBinaryMessageSize, int allowedRsv) {

    /** The largest payload the engine can buffer in one ByteBuffer. */
    public static final long UNLIMITED = Integer.MAX_VALUE - 8;

    public static final Limits DEFAULT = builder().build();

    public Limits {
        requirePositive("maxFrameSize", maxFrameSize);
        requirePositive("maxTextMessageSize", maxTextMessageSize);
        requirePositive("maxBinaryMessageSize", maxBinaryMessageSize);
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
                .maxBinaryMessageSize(maxBinaryMessageSize).allowedRsv(allowedRsv);
    }

    /** Builder with defaults of 64 KiB per message and no frame limit beyond the message limits. */
    public static final class Builder {
        private long maxFrameSize = UNLIMITED;
        private long maxTextMessageSize = 64 * 1024;
        private long maxBinaryMessageSize = 64 * 1024;
        private int allowedRsv;

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

        public Limits build() {
            return new Limits(maxFrameSize, maxTextMessageSize, maxBinaryMessageSize, allowedRsv);
        }
    }
}
