package dev.duplex.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Differential fuzzing of the UTF-8 validator against the JDK's decoder (RFC 3629; RFC 6455 section 8.1): for any
 * bytes, split anywhere into two pieces, the validator accepts exactly what the JDK decodes, and a message it
 * accepts in full is complete exactly when the JDK finds no truncated character at its end.
 */
class Utf8FuzzTest {

    @FuzzTest(maxDuration = "2m")
    void theValidatorAgreesWithTheJdkDecoder(FuzzedDataProvider data) {
        int wantedSplit = data.consumeInt(0, 64);
        boolean direct = data.consumeBoolean();
        byte[] bytes = data.consumeRemainingAsBytes();
        int split = Math.min(wantedSplit, bytes.length);

        Utf8Validator validator = new Utf8Validator();
        int firstBad = validator.validate(buffer(bytes, 0, split, direct));
        if (firstBad < 0) {
            int secondBad = validator.validate(buffer(bytes, split, bytes.length - split, direct));
            firstBad = secondBad < 0 ? -1 : split + secondBad;
        }
        boolean validatorAccepts = firstBad < 0 && validator.isComplete();
        assertEquals(jdkDecodes(bytes), validatorAccepts, () -> "bytes " + hex(bytes) + " split at " + split);
    }

    private static ByteBuffer buffer(byte[] bytes, int offset, int length, boolean direct) {
        if (!direct) {
            return ByteBuffer.wrap(bytes, offset, length).slice();
        }
        ByteBuffer copy = ByteBuffer.allocateDirect(length);
        copy.put(bytes, offset, length).flip();
        return copy;
    }

    private static boolean jdkDecodes(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer ignored = decoder.decode(ByteBuffer.wrap(bytes));
            return ignored != null;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append(String.format("%02x", b & 0xff));
        }
        return out.toString();
    }
}
