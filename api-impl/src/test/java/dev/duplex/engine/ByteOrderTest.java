package dev.duplex.engine;

import dev.duplex.engine.testkit.Hex;
import dev.duplex.engine.testkit.ParsedFrame;
import dev.duplex.engine.testkit.Wire;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The wire is big-endian (RFC 6455 section 5.2) whatever byte order the owner of a buffer has set
 * on it; a transport that reuses pooled buffers may well hand in little-endian ones.
 */
class ByteOrderTest {

    private static ByteBuffer littleEndian(ByteBuffer buffer) {
        return buffer.order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void parserReads16BitLengthInNetworkOrderFromLittleEndianBuffer() throws ProtocolException {
        String payload = Hex.repeat(0x61, 256);
        ByteBuffer in = littleEndian(Hex.buffer("82 7e 0100" + payload));
        Frame frame = new FrameParser(Role.CLIENT, Limits.DEFAULT).parse(in);
        assertEquals(payload, Hex.of(frame.payload()));
        assertEquals(0, in.remaining());
    }

    @Test
    void parserReads64BitLengthInNetworkOrderFromLittleEndianBuffer() throws ProtocolException {
        String payload = Hex.repeat(0x62, 65536);
        ByteBuffer in = littleEndian(Hex.buffer("82 7f 0000000000010000" + payload));
        Frame frame = new FrameParser(Role.CLIENT, Limits.DEFAULT).parse(in);
        assertEquals(65536, frame.payloadLength());
        assertEquals(0, in.remaining());
    }

    @Test
    void parserReadsMaskKeyInNetworkOrderFromLittleEndianBuffer() throws ProtocolException {
        ByteBuffer in = littleEndian(Wire.masked("81 05 48656c6c6f", 0x37fa213d));
        Frame frame = new FrameParser(Role.SERVER, Limits.DEFAULT).parse(in);
        assertEquals(new ParsedFrame(true, 0, OpCode.TEXT, Hex.bytes("48656c6c6f")), ParsedFrame.copyOf(frame));
    }

    @Test
    void closePayloadReadsCodeInNetworkOrderFromLittleEndianBuffer() throws ProtocolException {
        ClosePayload close = ClosePayload.parse(littleEndian(Hex.buffer("03e8 " + Hex.utf8("bye"))));
        assertEquals(new ClosePayload(1000, "bye"), close);
    }
}
