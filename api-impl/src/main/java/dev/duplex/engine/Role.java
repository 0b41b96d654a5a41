package dev.duplex.engine;

/** Which end of the connection this engine is; it decides the masking direction (RFC 6455 section 5.1). */
public enum Role {
    /** Sends masked frames; receives unmasked ones. */
    CLIENT,
    /** Sends unmasked frames; receives masked ones. */
    SERVER;

    /** Whether frames this endpoint receives must be masked. */
    boolean expectsMaskedInput() {
        return this == SERVER;
    }
}
