package net.websocket.rfc6455.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import com.code_intelligence.jazzer.junit.FuzzTest;

import net.websocket.api.HandshakeException;
import net.websocket.api.HandshakeRequest;
import net.websocket.api.Headers;
import net.websocket.api.spi.EngineConfig;
import net.websocket.api.spi.FrameEngine;
import net.websocket.api.spi.ProtocolVariant;
import net.websocket.api.spi.ServerHandshake;
import net.websocket.rfc6455.Rfc6455Variant;

import org.junit.jupiter.api.Timeout;
import net.websocket.testsupport.TextRequest;

/**
 * Fuzzes the server side of the RFC 6455 opening handshake through the public SPI: {@code startServer} on a request
 * head read from the input by {@link TextRequest}. Only {@link HandshakeException} may escape, with one of the
 * documented statuses; a request that meets RFC 6455 section 4.2.1 must be accepted and one that breaks it refused
 * (judged by rules written here from the RFC, not by the variant's code); an accepted handshake answers with a
 * well-formed 101 head whose {@code Sec-WebSocket-Accept} is computed here independently.
 */
@Timeout(FuzzLimits.SECONDS_PER_INPUT)
class Rfc6455HandshakeFuzzTest {

    private static final ProtocolVariant VARIANT = new Rfc6455Variant();
    private static final EngineConfig CONFIG = new EngineConfig(EngineConfig.Role.SERVER, 4096, 4096, () -> 0);
    private static final Set<Integer> STATUSES = Set.of(400, 405, 426);
    private static final int KEY_BYTES = 16;
    private static final int PADDED_KEY_LENGTH = 24;

    /** Input: a request head as read by {@link TextRequest}. */
    @FuzzTest
    void serverHandshake(byte[] data) {
        HandshakeRequest request = TextRequest.parse(data, false);
        VARIANT.matches(request);
        ServerHandshake handshake;
        try {
            handshake = VARIANT.startServer(request, CONFIG);
        } catch (HandshakeException e) {
            assertTrue(STATUSES.contains(e.status()), () -> "status " + e.status() + ": " + e.getMessage());
            if (e.status() == 405) {
                assertEquals("GET", e.responseHeaders().get("Allow"));
            } else if (e.status() == 426) {
                assertEquals("13", e.responseHeaders().get("Sec-WebSocket-Version"));
            }
            assertFalse(meetsRfc(request, true), () -> "a valid request was refused: " + e.getMessage());
            return;
        }
        assertTrue(meetsRfc(request, false), () -> "an invalid request was accepted: " + request);
        assertEquals(0, handshake.bodyLength());
        List<String> offered = handshake.offeredSubprotocols();
        assertEquals(request.offeredSubprotocols(), offered);
        String chosen = offered.isEmpty() ? null : offered.get(offered.size() - 1);
        ByteBuffer response = handshake.accept(chosen, Headers.empty());
        checkResponse(response, request.headers().get("Sec-WebSocket-Key").trim(), chosen);
        FrameEngine engine = handshake.engine();
        assertNotNull(engine);
        assertFalse(engine.inputClosed());
    }

    /**
     * Whether the request meets section 4.2.1: GET, HTTP/1.1 or later ({@code strict}: exactly HTTP/1.1), one
     * {@code Host}, {@code Upgrade} naming websocket, {@code Connection} naming Upgrade, one key of 16 bytes in
     * padded base64, and one {@code Sec-WebSocket-Version} of 13.
     */
    private static boolean meetsRfc(HandshakeRequest r, boolean strict) {
        Headers h = r.headers();
        String v = r.httpVersion();
        boolean version = strict ? v.equals("HTTP/1.1")
                : v.startsWith("HTTP/") && !v.equals("HTTP/1.0") && !v.startsWith("HTTP/0.");
        return r.method().equals("GET") && version
                && h.all("Host").size() == 1
                && h.containsToken("Upgrade", "websocket")
                && h.containsToken("Connection", "upgrade")
                && h.all("Sec-WebSocket-Key").size() == 1 && isKey(h.get("Sec-WebSocket-Key").trim())
                && h.all("Sec-WebSocket-Version").size() == 1 && h.get("Sec-WebSocket-Version").trim().equals("13");
    }

    /** Base64 as RFC 4648 section 4 defines it, padding included: 24 characters for 16 bytes. */
    private static boolean isKey(String key) {
        try {
            return key.length() == PADDED_KEY_LENGTH && Base64.getDecoder().decode(key).length == KEY_BYTES;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A 101 head: CRLF-terminated lines with no CR or LF inside, the upgrade headers and the right accept value. */
    private static void checkResponse(ByteBuffer response, String key, String subprotocol) {
        String text = StandardCharsets.ISO_8859_1.decode(response).toString();
        assertTrue(text.endsWith("\r\n\r\n"), () -> "the head does not end with an empty line: " + text);
        String[] lines = text.substring(0, text.length() - 4).split("\r\n", -1);
        for (String line : lines) {
            assertFalse(line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0, () -> "a broken line in " + text);
        }
        assertEquals("HTTP/1.1 101 Switching Protocols", lines[0]);
        Headers.Builder b = Headers.builder();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(": ");
            assertTrue(colon > 0, () -> "not a header line in " + text);
            b.add(lines[i].substring(0, colon), lines[i].substring(colon + 2));
        }
        Headers h = b.build();
        assertEquals(List.of("websocket"), h.all("Upgrade"));
        assertEquals(List.of("Upgrade"), h.all("Connection"));
        assertEquals(List.of(Engines.acceptFor(key)), h.all("Sec-WebSocket-Accept"));
        assertEquals(subprotocol == null ? List.of() : List.of(subprotocol), h.all("Sec-WebSocket-Protocol"));
    }
}
