package dev.duplex.engine;

/**
 * The close handshake of RFC 6455 section 7 as a small state machine. Each side's close frame
 * shuts one direction: sending one shuts output, receiving one shuts input.
 */
enum CloseState {
    /** Both directions open. */
    OPEN,
    /** This end sent a close frame and waits for the peer's (section 7.1.2). */
    OUTPUT_SHUT,
    /** The peer's close frame arrived; this end's reply is still to be sent. */
    INPUT_SHUT,
    /** Both close frames exchanged, or the transport ended. */
    CLOSED;

    boolean canSendData() {
        return this == OPEN || this == INPUT_SHUT;
    }

    boolean canReceiveData() {
        return this == OPEN;
    }

    CloseState afterSendingClose() {
        return this == INPUT_SHUT || this == CLOSED ? CLOSED : OUTPUT_SHUT;
    }

    CloseState afterReceivingClose() {
        return this == OUTPUT_SHUT || this == CLOSED ? CLOSED : INPUT_SHUT;
    }
}
