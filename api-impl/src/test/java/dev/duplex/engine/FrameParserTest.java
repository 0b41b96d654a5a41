package dev.duplex.engine;

import dev.duplex.engine.testkit.Hex;
import dev.duplex.engine.testkit.Wire;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.duplex.engine.testkit.ParserCheck.failsEveryWay;

/** One test per framing rule of RFC 6455 the parser enforces, each asserting the violation and its close code. */
class FrameParserTest {

    // ---------------------------------------------------------------- payload length (section 5.2)

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"8000000000000000", "ffffffffffffffff", "8000000000000005"})
    void lengthWith64BitTopBitSetIsProtocolErrorAtItsFirstByte(String length) {
        failsEveryWay(Role.CLIENT, Limits.DEFAULT, Hex.buffer("82 7f" + length),
                Violation.LENGTH_TOP_BIT_SET, 1002, 3);
        failsEveryWay(Role.SERVER, Limits.DEFAULT, Wire.masked("82 7f" + length),
                Violation.LENGTH_TOP_BIT_SET, 1002, 3);
    }
}
