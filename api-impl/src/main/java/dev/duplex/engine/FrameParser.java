package dev.duplex.engine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Incremental RFC 6455 frame parser (section 5.2): fed buffers split at any byte, it returns
 * the same frames, unmasked, and enforces every framing rule as soon as the byte that breaks it
 * arrives.
 *
 * <p>A payload that lies wholly inside the buffer being parsed is returned as a view of that buffer,
 * unmasked in place, so the parser may overwrite the bytes it is given. A payload that spans
 * buffers is collected into a buffer of exactly its size, allocated only after the frame and
 * message size limits have accepted it (section 10.4); or, for a data frame longer than
 * {@link Limits#maxWholeFrameSize()} (or of a text message, with {@link Limits#textInPieces()}),
 * returned in pieces, each a view of the bytes that arrived, as fragments of the message (see there).
 *
 * <p>Besides framing, the parser tracks fragmentation (section 5.4): a continuation outside a
 * message and a new data frame inside one are errors, control frames may come in between.
 * It does not interpret payload contents: UTF-8 and close payloads are checked above it. (While it
 * unmasks a text payload it notes how many leading bytes are ASCII, {@link Frame#asciiPrefix()},
 * which the UTF-8 check may skip.)
 *
 * <p>Not thread-safe: one parser per connection, fed by one thread at a time.
 */
public final class FrameParser {
    private static final int NO_MESSAGE = -1;

    private enum State { HEADER, PAYLOAD }

    private final Role role;
    private volatile Limits limits;

    private State state = State.HEADER;
    /** Header bytes gathered so far when a header spans buffers; at most 14. */
    private final byte[] header = new byte[14];
    private int headerFill;

    // The frame being read.
    private boolean fin;
    private int rsv;
    private int opcode;
    private boolean masked;
    private int maskKey;
    private int payloadLength;
    /** The payload is (part of) a text message: unmasking then also finds its ASCII prefix for the UTF-8 check. */
    private boolean textPayload;
    /** The frame belongs to a text message, compressed or not ({@link Limits#textInPieces()}). */
    private boolean textMessage;
    /** Where a payload that spans buffers is collected; null otherwise. */
    private ByteBuffer collected;
    /** The payload is returned in pieces as it arrives (a data frame over the whole-frame limit). */
    private boolean inPieces;
    /** Bytes of the payload returned so far in pieces. */
    private int piecesDone;

    /** Opcode of the data message in progress, or NO_MESSAGE between messages. */
    private int messageOpcode = NO_MESSAGE;
    private long messageLength;
    /**
     * The message in progress carries an extension's RSV bit on its first frame, so its frames hold
     * transformed bytes (compressed, say): its size is the extension's to count, after decoding
     * (RFC 7692 section 8: limits apply to the message as the application sees it).
     */
    private boolean messageTransformed;

    public FrameParser(Role role, Limits limits) {
        this.role = role;
        this.limits = limits;
    }

    /** Replaces the limits; the next frame header is checked against the new ones. */
    public void setLimits(Limits limits) {
        this.limits = limits;
    }

    public Limits limits() {
        return limits;
    }

    /** Whether the parser is between frames, with no partial header or payload held. */
    public boolean isAtFrameBoundary() {
        return state == State.HEADER && headerFill == 0;
    }

    /** Whether the parser is between messages: at a frame boundary, and no fragmented message has begun. */
    public boolean isBetweenMessages() {
        return isAtFrameBoundary() && messageOpcode == NO_MESSAGE;
    }

    /**
     * Parses the next frame from {@code in}, consuming only that frame's bytes.
     *
     * @return the frame, or null when {@code in} ran out first (its bytes are consumed and kept)
     * @throws ProtocolException at the first byte that breaks a rule; the parser is then unusable
     */
    public Frame parse(ByteBuffer in) throws ProtocolException {
        if (state == State.HEADER && !readHeader(in)) {
            return null;
        }
        return readPayload(in);
    }

    /** Reads the header, from {@code in} directly when it holds all of it. Returns false if more bytes are needed. */
    private boolean readHeader(ByteBuffer in) throws ProtocolException {
        if (headerFill == 0 && in.remaining() >= 2) {
            int position = in.position();
            int needed = headerLength(in.get(position + 1));
            if (in.remaining() >= needed) {
                decodeHeader(in, position);
                in.position(position + needed);
                return true;
            }
        }
        while (in.hasRemaining()) {
            header[headerFill++] = in.get();
            if (headerFill == 1) {
                checkFirstByte(header[0]);
            } else if (headerFill == 2) {
                checkSecondByte(header[0], header[1]);
            } else if (headerFill == 3 && (header[1] & 0x7F) == 127 && header[2] < 0) {
                // The top bit of a 64-bit length is in its first byte: fail there, not 7 bytes later.
                throw new ProtocolException(Violation.LENGTH_TOP_BIT_SET);
            }
            if (headerFill >= 2 && headerFill == headerLength(header[1])) {
                decodeHeader(ByteBuffer.wrap(header), 0);
                headerFill = 0;
                return true;
            }
        }
        return false;
    }

    private static int headerLength(byte second) {
        int length7 = second & 0x7F;
        int extended = length7 == 126 ? 2 : length7 == 127 ? 8 : 0;
        return 2 + extended + ((second & 0x80) != 0 ? 4 : 0);
    }

    /** Decodes a complete header that starts at absolute {@code at}, checking every rule in wire order. */
    private void decodeHeader(ByteBuffer bytes, int at) throws ProtocolException {
        byte first = bytes.get(at);
        byte second = bytes.get(at + 1);
        checkFirstByte(first);
        checkSecondByte(first, second);
        fin = (first & 0x80) != 0;
        rsv = (first >> 4) & 0x7;
        opcode = first & 0x0F;
        masked = (second & 0x80) != 0;
        int length7 = second & 0x7F;
        int cursor = at + 2;
        // The header is in network byte order (section 5.2) whatever order the caller set on its
        // buffer, so multi-byte fields are swapped when the buffer is not big-endian.
        boolean swap = bytes.order() != ByteOrder.BIG_ENDIAN;
        long length;
        if (length7 == 126) {
            short length16 = bytes.getShort(cursor);
            length = (swap ? Short.reverseBytes(length16) : length16) & 0xFFFF;
            cursor += 2;
        } else if (length7 == 127) {
            long length64 = bytes.getLong(cursor);
            length = swap ? Long.reverseBytes(length64) : length64;
            cursor += 8;
            if (length < 0) {
                throw new ProtocolException(Violation.LENGTH_TOP_BIT_SET);
            }
        } else {
            length = length7;
        }
        // Senders must use the minimal length encoding (section 5.2); that is a rule for the
        // encoder, and a longer encoding of the same length is still unambiguous, so it is accepted.
        int key = masked ? bytes.getInt(cursor) : 0;
        maskKey = swap ? Integer.reverseBytes(key) : key;
        checkSize(length);
        payloadLength = (int) length;
    }

    /** Rules decided by the first header byte: RSV bits, opcode, control fragmentation, message sequence. */
    private void checkFirstByte(byte first) throws ProtocolException {
        boolean isFinal = (first & 0x80) != 0;
        int bits = (first >> 4) & 0x7;
        int code = first & 0x0F;
        if ((bits & ~limits.allowedRsv()) != 0) {
            throw new ProtocolException(Violation.RESERVED_BITS_SET, "rsv=" + bits);
        }
        if (!OpCode.isDefined(code)) {
            throw new ProtocolException(Violation.RESERVED_OPCODE, "0x" + Integer.toHexString(code));
        }
        if (OpCode.isControl(code)) {
            if (!isFinal) {
                throw new ProtocolException(Violation.CONTROL_FRAME_FRAGMENTED, OpCode.name(code));
            }
        } else if (code == OpCode.CONTINUATION) {
            if (messageOpcode == NO_MESSAGE) {
                throw new ProtocolException(Violation.CONTINUATION_WITHOUT_MESSAGE);
            }
        } else if (messageOpcode != NO_MESSAGE) {
            throw new ProtocolException(Violation.DATA_FRAME_INSIDE_FRAGMENTED_MESSAGE, OpCode.name(code));
        }
    }

    /** Rules decided by the second header byte: the masking direction and the control frame length. */
    private void checkSecondByte(byte first, byte second) throws ProtocolException {
        boolean isMasked = (second & 0x80) != 0;
        if (role.expectsMaskedInput() && !isMasked) {
            throw new ProtocolException(Violation.CLIENT_FRAME_NOT_MASKED);
        }
        if (!role.expectsMaskedInput() && isMasked) {
            throw new ProtocolException(Violation.SERVER_FRAME_MASKED);
        }
        if (OpCode.isControl(first & 0x0F) && (second & 0x7F) > 125) {
            throw new ProtocolException(Violation.CONTROL_FRAME_TOO_LONG);
        }
    }

    /** Frame and message limits, checked before a byte of the payload is buffered. */
    private void checkSize(long length) throws ProtocolException {
        Limits current = limits;
        if (length > current.maxFrameSize()) {
            throw new ProtocolException(Violation.FRAME_TOO_LARGE, length + " > " + current.maxFrameSize());
        }
        textPayload = false;
        textMessage = false;
        if (OpCode.isControl(opcode)) {
            return;
        }
        int kind = opcode == OpCode.CONTINUATION ? messageOpcode : opcode;
        if (opcode != OpCode.CONTINUATION) {
            messageTransformed = rsv != 0;
        }
        textPayload = kind == OpCode.TEXT && !messageTransformed;
        textMessage = kind == OpCode.TEXT;
        long total = (opcode == OpCode.CONTINUATION ? messageLength : 0) + length;
        if (messageTransformed) {
            messageOpcode = fin ? NO_MESSAGE : kind;
            return;
        }
        if (kind == OpCode.TEXT && total > current.maxTextMessageSize()) {
            throw new ProtocolException(Violation.TEXT_MESSAGE_TOO_LARGE, total + " > " + current.maxTextMessageSize());
        }
        if (kind == OpCode.BINARY && total > current.maxBinaryMessageSize()) {
            throw new ProtocolException(Violation.BINARY_MESSAGE_TOO_LARGE,
                    total + " > " + current.maxBinaryMessageSize());
        }
        messageLength = total;
        messageOpcode = fin ? NO_MESSAGE : kind;
    }

    private Frame readPayload(ByteBuffer in) {
        if (inPieces) {
            return nextPiece(in);
        }
        if (collected == null) {
            if (in.remaining() >= payloadLength) {
                // The whole payload is here: hand out a view, unmasked in place, no copy.
                return complete(take(in, payloadLength));
            }
            state = State.PAYLOAD;
            if (!OpCode.isControl(opcode)
                    && (payloadLength > limits.maxWholeFrameSize() || textMessage && limits.textInPieces())) {
                inPieces = true;
                piecesDone = 0;
                return nextPiece(in);
            }
            collected = ByteBuffer.allocate(payloadLength);
        }
        int take = Math.min(in.remaining(), collected.remaining());
        collected.put(collected.position(), in, in.position(), take);
        collected.position(collected.position() + take);
        in.position(in.position() + take);
        if (collected.hasRemaining()) {
            return null;
        }
        ByteBuffer payload = collected.flip();
        collected = null;
        return complete(payload);
    }

    /**
     * The next {@code length} bytes of {@code in}, consumed: a view, to be unmasked in place, or a copy when
     * {@code in} is read-only.
     */
    private static ByteBuffer take(ByteBuffer in, int length) {
        int start = in.position();
        ByteBuffer bytes;
        if (in.isReadOnly()) {
            bytes = ByteBuffer.allocate(length);
            bytes.put(0, in, start, length);
        } else {
            bytes = in.slice(start, length);
        }
        in.position(start + length);
        return bytes;
    }

    /**
     * The bytes of a long payload that {@code in} holds, as a fragment: the frame's opcode and RSV bits on the first
     * piece, a continuation after it, the frame's FIN bit on the last piece only. Null when {@code in} holds none.
     */
    private Frame nextPiece(ByteBuffer in) {
        int take = Math.min(in.remaining(), payloadLength - piecesDone);
        if (take == 0) {
            return null;
        }
        ByteBuffer piece = take(in, take);
        int offset = piecesDone;
        piecesDone += take;
        boolean last = piecesDone == payloadLength;
        if (last) {
            inPieces = false;
            state = State.HEADER;
        }
        // Byte i of the payload pairs with key byte i mod 4 (section 5.3), wherever the piece starts.
        int asciiPrefix = unmask(piece, offset);
        return new Frame(fin && last, offset == 0 ? rsv : 0, offset == 0 ? opcode : OpCode.CONTINUATION, piece,
                asciiPrefix);
    }

    private Frame complete(ByteBuffer payload) {
        int asciiPrefix = unmask(payload, 0);
        state = State.HEADER;
        return new Frame(fin, rsv, opcode, payload, asciiPrefix);
    }

    /** Unmasks {@code payload}, {@code offset} bytes into the frame's payload; returns its ASCII prefix. */
    private int unmask(ByteBuffer payload, int offset) {
        int length = payload.remaining();
        if (masked && textPayload) {
            // The payload's contents are not the parser's business, but whether the bytes it unmasks are ASCII
            // comes almost free with the XOR pass, and spares the UTF-8 check a second pass over them.
            return Masking.maskFindingAsciiPrefix(payload, payload.position(), length, maskKey, offset);
        }
        if (masked) {
            Masking.mask(payload, payload.position(), length, maskKey, offset);
        }
        return 0;
    }
}
