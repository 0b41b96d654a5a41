package dev.duplex.endpoint.coder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.websocket.DecodeException;
import org.junit.jupiter.api.Test;

/** The built-in primitive decoders (Jakarta WebSocket 2.2 section 4.7, WSC-4.7-2). */
class PrimitiveTextTest {

    @Test
    void aCharIsTheFirstCharacterOfTheText() throws DecodeException {
        assertEquals('E', PrimitiveText.decode(char.class, "E"));
        assertEquals('E', PrimitiveText.decode(Character.class, "Echar"));
        assertEquals('\ud83d', PrimitiveText.decode(char.class, "\ud83d\ude00"), "a char is one UTF-16 unit");
    }

    @Test
    void anEmptyTextIsNoChar() {
        DecodeException e = assertThrows(DecodeException.class, () -> PrimitiveText.decode(char.class, ""));
        assertEquals("", e.getText());
    }

    @Test
    void booleansParseAsTheBooleanConstructorDoes() throws DecodeException {
        assertEquals(true, PrimitiveText.decode(boolean.class, "TRUE"));
        assertEquals(false, PrimitiveText.decode(Boolean.class, "yes"));
    }

    @Test
    void numbersThatDoNotParseAreDecodeExceptions() {
        DecodeException e = assertThrows(DecodeException.class, () -> PrimitiveText.decode(int.class, "4x"));
        assertEquals("4x", e.getText());
    }
}
