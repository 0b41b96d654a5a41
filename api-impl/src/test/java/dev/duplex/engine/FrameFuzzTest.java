package dev.duplex.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.duplex.engine.deflate.DeflateNegotiation;
import dev.duplex.engine.deflate.DeflateParameters;
import dev.duplex.engine.deflate.DeflateSettings;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.Deflater;

/**
 * Coverage-guided fuzzing of the frame parser with the connection behind it: whatever bytes a peer sends, in
 * whatever pieces, the connection answers by the RFC (it delivers, or closes with a code an endpoint may send)
 * and never throws. Without {@code JAZZER_FUZZ} these run the saved inputs under
 * {@code src/test/resources/dev/duplex/engine/FrameFuzzTestInputs} as ordinary tests; {@code api-impl/FUZZING.md}
 * says how to fuzz them for a set time.
 */
class FrameFuzzTest {
    /** Small limits, so that the fuzzer reaches them: 1009 is one of the answers. */
    private static final Limits SMALL = Limits.builder().maxFrameSize(300).maxTextMessageSize(600)
            .maxBinaryMessageSize(600).build();
    /**
     * RFC 6455 section 7.4: codes a close frame may carry (1004, 1005, 1006 and 1015 never); 1012 to 1014 are in
     * IANA's registry, 3000 to 4999 are the applications' and may be echoed.
     */
    private static boolean sendable(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }

    @FuzzTest(maxDuration = "2m")
    void aServerConnectionAnswersAnyBytesByTheRfc(FuzzedDataProvider data) {
        feed(new ConnectionHarness(Role.SERVER, SMALL), data);
    }

    @FuzzTest(maxDuration = "2m")
    void aClientConnectionAnswersAnyBytesByTheRfc(FuzzedDataProvider data) {
        feed(new ConnectionHarness(Role.CLIENT, SMALL), data);
    }

    @FuzzTest(maxDuration = "2m")
    void aServerConnectionWithPermessageDeflateAnswersAnyBytesByTheRfc(FuzzedDataProvider data) {
        DeflateSettings everything = new DeflateSettings(true, Deflater.DEFAULT_COMPRESSION, 0, true, true);
        DeflateParameters agreed = new DeflateParameters(false, false, 0, 0);
        feed(new ConnectionHarness(Role.SERVER, SMALL,
                Extensions.of(List.of(DeflateNegotiation.extension(agreed, Role.SERVER, everything)))), data);
    }

    /** Hands the bytes over in pieces the fuzzer chooses, masking them as a client would when the connection is a server's. */
    private static void feed(ConnectionHarness harness, FuzzedDataProvider data) {
        int pieces = data.consumeInt(1, 8);
        int[] sizes = new int[pieces];
        for (int i = 0; i < pieces; i++) {
            sizes[i] = data.consumeInt(0, 512);
        }
        byte[] bytes = data.consumeRemainingAsBytes();
        int at = 0;
        for (int i = 0; i < pieces && at < bytes.length; i++) {
            int size = i == pieces - 1 ? bytes.length - at : Math.min(sizes[i], bytes.length - at);
            ByteBuffer piece = ByteBuffer.wrap(bytes, at, size);
            harness.connection.receive(piece);
            if (piece.hasRemaining() && harness.connection.isReadingPaused()) {
                break; // the connection asked for no more until it is resumed; a transport would stop reading
            }
            at += size - piece.remaining();
        }
        for (ClosePayload close : harness.sentCloses()) {
            // An empty close frame, answering one, is parsed back as 1005 "no status received" (section 7.1.5).
            assertTrue(close.equals(ClosePayload.EMPTY) || sendable(close.code()), "sent close " + close);
        }
        assertTrue(harness.sentCloses().size() <= 1, "at most one close frame: " + harness.sentCloses());
    }
}
