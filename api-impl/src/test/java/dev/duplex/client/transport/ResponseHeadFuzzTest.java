package dev.duplex.client.transport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Coverage-guided fuzzing of the client's HTTP response head parser: any bytes, in any pieces, give a head, ask for
 * more, or are refused with an IOException (the client then fails the connection); a head has a status from 100 to 599 (RFC 9110 section 15).
 */
class ResponseHeadFuzzTest {
    private static final int BOUND = 1024;

    @FuzzTest(maxDuration = "2m")
    void anyBytesGiveAHeadOrARefusal(FuzzedDataProvider data) {
        int firstPiece = data.consumeInt(0, 300);
        byte[] bytes = data.consumeRemainingAsBytes();
        HttpResponseParser parser = new HttpResponseParser(BOUND);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            HttpResponseParser.ResponseHead head = parser.feed(in.slice(0, Math.min(firstPiece, bytes.length)));
            if (head == null) {
                in.position(Math.min(firstPiece, bytes.length));
                head = parser.feed(in);
            }
            if (head != null) {
                assertTrue(head.status() >= 100 && head.status() <= 599, "status " + head.status());
            }
        } catch (IOException refused) {
            // the client fails the WebSocket connection (RFC 6455 section 4.1)
        }
    }
}
