package dev.duplex.transport;

import java.io.IOException;

/** A write was refused because the transport's queue of unsent bytes would pass its bound. */
public final class WriteQueueFullException extends IOException {
    private static final long serialVersionUID = 1L;

    public WriteQueueFullException(long queuedBytes, long offeredBytes, long maxQueuedBytes) {
        super("write of " + offeredBytes + " bytes refused: " + queuedBytes + " bytes are already waiting for a slow peer"
                + " and the bound is " + maxQueuedBytes + " bytes");
    }
}
