package net.websocket.rfc6455.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import net.websocket.api.spi.ExtensionParameters;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing {@code Sec-WebSocket-Extensions} (RFC 6455 section 9.1). */
class ExtensionHeaderTest {

    private static String roundTrip(String... values) {
        return ExtensionHeader.format(ExtensionHeader.parse(List.of(values)));
    }

    @Test
    void elementsAndParameters() {
        List<ExtensionParameters> e = ExtensionHeader.parse(List.of(
                "permessage-deflate; client_max_window_bits, foo;a=1 ; b = \"2\"", "bar"));
        assertEquals(3, e.size());
        assertEquals("permessage-deflate", e.get(0).name());
        assertEquals(List.of(new ExtensionParameters.Parameter("client_max_window_bits", null)),
                e.get(0).parameters());
        assertEquals(List.of(new ExtensionParameters.Parameter("a", "1"), new ExtensionParameters.Parameter("b", "2")),
                e.get(1).parameters());
        assertEquals("bar", e.get(2).headerValue());
    }

    @Test
    void whitespaceEmptyElementsAndQuoting() {
        assertEquals("a; b=c, d", roundTrip(" , a ;b=c ,, ,\td\t", ""));
        assertEquals("a; b=xy", roundTrip("a; b=\"x\\y\""));
        assertEquals("a; b; b=1", roundTrip("a;b;b=1"), "duplicates are kept for the extension to judge");
        assertEquals("", roundTrip(""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a;", "a; =1", "a; b=", "a b", "a; b=\"c", "a; b=\"c d\"", "a; b=\"\"", "a; b=c=d",
        "=a", "a; b=\"c\"d", "a,;b", "\"a\"", "a; b=@"})
    void malformed(String value) {
        assertThrows(IllegalArgumentException.class, () -> ExtensionHeader.parse(List.of(value)), value);
    }

    @Test
    void boundedWork() {
        String many = "x, ".repeat(ExtensionHeader.MAX_ELEMENTS + 1);
        assertThrows(IllegalArgumentException.class, () -> ExtensionHeader.parse(List.of(many)));
        String params = "x" + "; p".repeat(ExtensionHeader.MAX_PARAMETERS + 1);
        assertThrows(IllegalArgumentException.class, () -> ExtensionHeader.parse(List.of(params)));
        ExtensionHeader.parse(List.of("x, ".repeat(ExtensionHeader.MAX_ELEMENTS)));
    }
}
