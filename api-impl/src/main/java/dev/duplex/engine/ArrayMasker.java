package dev.duplex.engine;

/**
 * Masks payload bytes held in a heap array (RFC 6455 section 5.3), with the key already rotated so that its most
 * significant byte pairs with the first byte masked. {@link Masking} picks one implementation for the whole JVM
 * ({@link ArrayMaskers#select()}); both give the same bytes, and the same prefix up to what the contract allows.
 */
interface ArrayMasker {

    /** Masks {@code array[offset, offset + length)} in place. */
    void mask(byte[] array, int offset, int length, int key);

    /**
     * Masks like {@link #mask} and returns how much of the masked result is ASCII, with the contract of
     * {@link Masking#maskFindingAsciiPrefix}: {@code length} if all of it is, otherwise a prefix length at most the
     * offset of the first byte that is not and less than 64 bytes short of it.
     */
    int maskFindingAsciiPrefix(byte[] array, int offset, int length, int key);

    /** A name for logs and benchmarks. */
    String description();
}
