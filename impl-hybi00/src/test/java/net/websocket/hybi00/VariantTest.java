package net.websocket.hybi00;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import net.websocket.api.HandshakeRequest;
import net.websocket.api.Headers;
import net.websocket.api.spi.ProtocolVariant;

import org.junit.jupiter.api.Test;

/** The variant's identity and how it recognises its handshake. */
class VariantTest {

    private final ProtocolVariant variant = new Hybi00Variant();

    private static HandshakeRequest request(String... headers) {
        return new HandshakeRequest("GET", "/", "HTTP/1.1", Headers.of(headers), null, null, false);
    }

    @Test
    void namesItself() {
        assertEquals("hybi00", variant.name());
        assertEquals(List.of(), variant.versions());
    }

    @Test
    void matchesRequestsWithBothKeysAndNoVersion() {
        assertTrue(variant.matches(request("sec-websocket-key1", "1 2", "Sec-WebSocket-Key2", "3 4")));
        assertFalse(variant.matches(request("Sec-WebSocket-Key1", "1 2")));
        assertFalse(variant.matches(request("Sec-WebSocket-Key2", "1 2")));
        assertFalse(variant.matches(request("Sec-WebSocket-Key1", "1 2", "Sec-WebSocket-Key2", "3 4",
                "Sec-WebSocket-Version", "13")));
        assertFalse(variant.matches(request("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==",
                "Sec-WebSocket-Version", "13")));
    }

    @Test
    void isListedForTheServiceLoader() throws Exception {
        try (InputStream in = Hybi00Variant.class.getResourceAsStream(
                "/META-INF/services/net.websocket.api.spi.ProtocolVariant")) {
            assertNotNull(in);
            assertEquals(Hybi00Variant.class.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
        }
    }
}
