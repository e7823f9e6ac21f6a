package net.websocket.rfc6455;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.ServiceLoader;

import net.websocket.api.HandshakeException;
import net.websocket.api.HandshakeRequest;
import net.websocket.api.Headers;
import net.websocket.api.spi.ClientHandshake;
import net.websocket.api.spi.ClientHandshakeRequest;
import net.websocket.api.spi.EngineConfig;
import net.websocket.api.spi.ProtocolVariant;
import net.websocket.api.spi.ServerHandshake;

import org.junit.jupiter.api.Test;

/** The public face of the module: the variant, its registration and its handshakes. */
class Rfc6455VariantTest {

    private final Rfc6455Variant variant = new Rfc6455Variant();

    private static HandshakeRequest request(Headers headers) {
        return new HandshakeRequest("GET", "/", "HTTP/1.1", headers, null, null, false);
    }

    private static Headers valid() {
        return Headers.of("Host", "localhost", "Upgrade", "websocket", "Connection", "Upgrade",
                "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version", "13");
    }

    @Test
    void nameAndVersions() {
        assertEquals("rfc6455", variant.name());
        assertEquals(List.of("13"), variant.versions());
        assertEquals("RFC 6455 (version 13)", variant.toString());
    }

    @Test
    void matchesRequestsWithAVersionHeader() {
        assertTrue(variant.matches(request(valid())));
        assertTrue(variant.matches(request(Headers.of("sec-websocket-version", "8"))));
        assertFalse(variant.matches(request(Headers.of("Sec-WebSocket-Key1", "4 @1  46546xW%0l 1 5",
                "Sec-WebSocket-Key2", "12998 5 Y3 1  .P00"))));
        assertFalse(variant.matches(request(Headers.empty())));
    }

    @Test
    void serverHandshakeThroughTheVariant() throws Exception {
        ServerHandshake hs = variant.startServer(request(valid()), EngineConfig.defaults(EngineConfig.Role.SERVER));
        String response = StandardCharsets.ISO_8859_1.decode(hs.accept(null, Headers.empty())).toString();
        assertTrue(response.startsWith("HTTP/1.1 101 Switching Protocols\r\n"));
        assertTrue(response.contains("\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"));
        assertNotNull(hs.engine());
        HandshakeException e = assertThrows(HandshakeException.class, () -> variant.startServer(
                request(valid().toBuilder().set("Sec-WebSocket-Version", "8").build()),
                EngineConfig.defaults(EngineConfig.Role.SERVER)));
        assertEquals(426, e.status());
        assertEquals("13", e.responseHeaders().get("Sec-WebSocket-Version"));
    }

    @Test
    void clientHandshakeThroughTheVariant() {
        ClientHandshake hs = variant.startClient(new ClientHandshakeRequest(URI.create("ws://localhost:9001/"),
                Headers.empty(), List.of()), EngineConfig.defaults(EngineConfig.Role.CLIENT));
        ByteBuffer request = hs.request();
        assertTrue(StandardCharsets.ISO_8859_1.decode(request).toString().startsWith("GET / HTTP/1.1\r\n"));
        assertEquals(0, hs.responseBodyLength());
    }

    @Test
    void rolesMustMatch() {
        assertThrows(IllegalArgumentException.class, () -> variant.startServer(request(valid()),
                EngineConfig.defaults(EngineConfig.Role.CLIENT)));
        assertThrows(IllegalArgumentException.class, () -> variant.startClient(new ClientHandshakeRequest(
                URI.create("ws://h/"), Headers.empty(), List.of()), EngineConfig.defaults(EngineConfig.Role.SERVER)));
    }

    @Test
    void registeredForServiceLoader() throws IOException {
        try (InputStream in = Rfc6455Variant.class.getResourceAsStream(
                "/META-INF/services/net.websocket.api.spi.ProtocolVariant")) {
            assertNotNull(in, "class-path service file");
            assertEquals(Rfc6455Variant.class.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
        }
        Module module = Rfc6455Variant.class.getModule();
        module.addUses(ProtocolVariant.class);
        if (module.isNamed()) {
            assertTrue(module.getDescriptor().provides().stream().anyMatch(p -> p.service().equals(
                    ProtocolVariant.class.getName()) && p.providers().equals(List.of(Rfc6455Variant.class.getName()))));
            assertEquals(java.util.Set.of("net.websocket.rfc6455"), module.getDescriptor().exports().stream()
                    .map(ModuleDescriptor.Exports::source).collect(java.util.stream.Collectors.toSet()));
        }
        assertTrue(ServiceLoader.load(ProtocolVariant.class).stream()
                .anyMatch(p -> p.type() == Rfc6455Variant.class));
    }
}
