package net.websocket.hybi00.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;

import net.websocket.api.HandshakeException;
import net.websocket.api.HandshakeRequest;
import net.websocket.api.Headers;
import net.websocket.api.spi.EngineConfig;
import net.websocket.api.spi.ProtocolVariant;
import net.websocket.api.spi.ServerHandshake;
import net.websocket.hybi00.Hybi00Variant;

import org.junit.jupiter.api.Timeout;
import net.websocket.testsupport.TextRequest;

/**
 * Fuzzes the server side of the hybi-00 handshake, and above all its key parsing, through the public SPI. Only
 * {@link HandshakeException} (400) may escape {@code startServer} and {@code readBody}; whether a request is
 * accepted must agree with {@link Reference}, which reads keys with arbitrary precision; and an accepted handshake
 * answers with a well-formed head and the challenge answer {@link Reference} computes.
 */
@Timeout(FuzzLimits.SECONDS_PER_INPUT)
class Hybi00HandshakeFuzzTest {

    private static final ProtocolVariant VARIANT = new Hybi00Variant();
    private static final EngineConfig CONFIG = new EngineConfig(EngineConfig.Role.SERVER, 4096, 4096, () -> 0);
    private static final int KEY3_LENGTH = 8;
    private static final int ANSWER_LENGTH = 16;
    private static final int BAD_REQUEST = 400;

    /**
     * Input: a request head as read by {@link TextRequest}, then (after the empty line) the 8-byte third key,
     * padded with zeros. An odd input length makes the request arrive over TLS.
     */
    @FuzzTest
    void serverHandshake(byte[] data) {
        HandshakeRequest request = TextRequest.parse(data, (data.length & 1) == 1);
        handshake(request, Arrays.copyOf(TextRequest.body(data), KEY3_LENGTH));
    }

    /**
     * The draft's example request with fuzzed keys. Input: {@code Key1 LF Key2 LF key3}; CR and NUL, which no
     * header may hold, become {@code _}; the third key is padded with zeros.
     */
    @FuzzTest
    void keys(byte[] data) {
        String[] parts = new String(data, StandardCharsets.ISO_8859_1).replace('\r', '_').replace('\0', '_')
                .split("\n", 3);
        String key1 = parts[0];
        String key2 = parts.length > 1 ? parts[1] : "";
        byte[] key3 = Arrays.copyOf(parts.length > 2 ? parts[2].getBytes(StandardCharsets.ISO_8859_1) : new byte[0],
                KEY3_LENGTH);
        handshake(Engines.request(key1, key2), key3);
    }

    private static void handshake(HandshakeRequest request, byte[] key3) {
        VARIANT.matches(request);
        ServerHandshake handshake;
        try {
            handshake = VARIANT.startServer(request, CONFIG);
        } catch (HandshakeException e) {
            assertEquals(BAD_REQUEST, e.status(), e::getMessage);
            assertFalse(valid(request, true), () -> "a valid request was refused: " + e.getMessage());
            return;
        }
        assertTrue(valid(request, false), () -> "an invalid request was accepted: " + request);
        assertEquals(KEY3_LENGTH, handshake.bodyLength());
        try {
            handshake.readBody(ByteBuffer.wrap(key3));
        } catch (HandshakeException e) {
            throw new AssertionError("8 bytes of third key were refused", e);
        }
        List<String> offered = handshake.offeredSubprotocols();
        assertEquals(request.offeredSubprotocols(), offered);
        String chosen = offered.isEmpty() ? null : offered.get(0);
        ByteBuffer response = handshake.accept(chosen, Headers.empty());
        long number1 = Reference.keyNumber(request.headers().get("Sec-WebSocket-Key1"));
        long number2 = Reference.keyNumber(request.headers().get("Sec-WebSocket-Key2"));
        checkResponse(response, Reference.answer(number1, number2, key3), request, chosen);
    }

    /**
     * Whether the draft's server would accept the request: a GET over HTTP/1.1 ({@code strict}) or any version but
     * 1.0 and 0.9, for a target of visible ASCII (RFC 9112), {@code Upgrade: WebSocket}, {@code Connection} naming
     * Upgrade, a {@code Host}, two valid keys.
     */
    private static boolean valid(HandshakeRequest r, boolean strict) {
        Headers h = r.headers();
        String v = r.httpVersion();
        boolean version = strict ? v.equals("HTTP/1.1") : !v.equals("HTTP/1.0") && !v.equals("HTTP/0.9");
        return r.method().equals("GET") && version && r.target().chars().allMatch(c -> c > ' ' && c < 0x7F)
                && h.first("Upgrade").map(String::trim).orElse("").equalsIgnoreCase("WebSocket")
                && h.containsToken("Connection", "Upgrade")
                && !h.first("Host").map(String::trim).orElse("").isEmpty()
                && Reference.keyNumber(h.first("Sec-WebSocket-Key1").orElse("")) >= 0
                && Reference.keyNumber(h.first("Sec-WebSocket-Key2").orElse("")) >= 0;
    }

    /** A 101 head of CRLF-terminated lines with no CR or LF inside, the location asked for, then the answer. */
    private static void checkResponse(ByteBuffer response, byte[] answer, HandshakeRequest request,
            String subprotocol) {
        byte[] bytes = new byte[response.remaining()];
        response.get(bytes);
        assertTrue(bytes.length > ANSWER_LENGTH, "the response is too short");
        assertArrayEquals(answer, Arrays.copyOfRange(bytes, bytes.length - ANSWER_LENGTH, bytes.length),
                "the challenge answer");
        String text = new String(bytes, 0, bytes.length - ANSWER_LENGTH, StandardCharsets.ISO_8859_1);
        assertTrue(text.endsWith("\r\n\r\n"), () -> "the head does not end with an empty line: " + text);
        String[] lines = text.substring(0, text.length() - 4).split("\r\n", -1);
        for (String line : lines) {
            assertFalse(line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0, () -> "a broken line in " + text);
        }
        assertEquals("HTTP/1.1 101 WebSocket Protocol Handshake", lines[0]);
        Headers.Builder b = Headers.builder();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(": ");
            assertTrue(colon > 0, () -> "not a header line in " + text);
            b.add(lines[i].substring(0, colon), lines[i].substring(colon + 2));
        }
        Headers h = b.build();
        assertEquals(List.of("WebSocket"), h.all("Upgrade"));
        assertEquals(List.of("Upgrade"), h.all("Connection"));
        String location = (request.secure() ? "wss://" : "ws://") + request.headers().get("Host").trim();
        assertEquals(1, h.all("Sec-WebSocket-Location").size(), "one Sec-WebSocket-Location");
        assertTrue(h.get("Sec-WebSocket-Location").startsWith(location),
                () -> "Sec-WebSocket-Location " + h.get("Sec-WebSocket-Location") + " for " + location);
        assertEquals(subprotocol == null ? List.of() : List.of(subprotocol), h.all("Sec-WebSocket-Protocol"));
    }
}
