package io.mktsync.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class LogSafeTest {

    @Test
    void lineBreaksCannotStartARecordOfTheirOwn() {
        assertEquals("a\\r\\n12:00:00,000 ERROR [x] forged", LogSafe.of("a\r\n12:00:00,000 ERROR [x] forged"));
        assertEquals("a\\u2028b\\u0085c", LogSafe.of("a\u2028b\u0085c"));
    }

    @Test
    void controlAndBidiCharactersAreEscaped() {
        assertEquals("\\u0000\\u001b[31m\\u202eevil", LogSafe.of("\u0000\u001b[31m\u202eevil"));
    }

    @Test
    void plainTextIsLeftAsItIs() {
        String text = "Q1 2014 – Café 日本 \uD83D\uDE00";
        assertSame(text, LogSafe.of(text));
        assertEquals("null", LogSafe.of(null));
    }
}
