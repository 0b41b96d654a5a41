package dev.duplex.engine;

import java.nio.ByteBuffer;

/** Placeholder until the real validator lands; replaced on merge. */
public final class Utf8Validator {
    public int validate(ByteBuffer buf) {
        return -1;
    }

    public boolean isComplete() {
        return true;
    }

    public void reset() {
    }
}
