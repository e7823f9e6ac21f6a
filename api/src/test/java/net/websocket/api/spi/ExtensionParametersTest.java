package net.websocket.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** An element of Sec-WebSocket-Extensions: tokens only, order and duplicates kept, written back as in a header. */
class ExtensionParametersTest {

    @Test
    void parametersKeepTheirOrderAndDuplicates() {
        ExtensionParameters p = ExtensionParameters.of("permessage-deflate")
                .with("client_max_window_bits", null).with("server_max_window_bits", "10")
                .with("client_max_window_bits", "12");
        assertEquals("permessage-deflate; client_max_window_bits; server_max_window_bits=10; client_max_window_bits=12",
                p.headerValue());
        assertEquals(p.headerValue(), p.toString());
        assertTrue(p.has("server_max_window_bits"));
        assertFalse(p.has("server_no_context_takeover"));
        assertEquals(List.of(new ExtensionParameters.Parameter("client_max_window_bits", null),
                new ExtensionParameters.Parameter("client_max_window_bits", "12")), p.all("client_max_window_bits"));
        assertEquals("x", ExtensionParameters.of("x").headerValue());
    }

    @Test
    void namesAndValuesMustBeTokens() {
        assertThrows(IllegalArgumentException.class, () -> ExtensionParameters.of("two words"));
        assertThrows(IllegalArgumentException.class, () -> ExtensionParameters.of(""));
        assertThrows(NullPointerException.class, () -> ExtensionParameters.of(null));
        assertThrows(IllegalArgumentException.class, () -> ExtensionParameters.of("x").with("a;b", null));
        assertThrows(IllegalArgumentException.class, () -> ExtensionParameters.of("x").with("a", "\"10\""));
        assertThrows(IllegalArgumentException.class, () -> ExtensionParameters.of("x").with("a", ""));
        assertTrue(ExtensionParameters.isToken("server_max_window_bits"));
        assertFalse(ExtensionParameters.isToken("a=b"));
    }
}
