package net.websocket.hybi00;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;

import net.websocket.api.HandshakeException;
import net.websocket.api.HandshakeResponse;
import net.websocket.api.Headers;
import net.websocket.api.spi.ClientHandshake;
import net.websocket.api.spi.ClientHandshakeRequest;
import net.websocket.api.spi.EngineConfig;
import net.websocket.api.spi.FrameEngine;

import org.junit.jupiter.api.Test;

/** The client side of the handshake: what it sends, and which answers it accepts. */
class ClientHandshakeTest {

    private static final EngineConfig CONFIG = EngineConfig.defaults(EngineConfig.Role.CLIENT);
    private final Hybi00Variant variant = new Hybi00Variant();

    private ClientHandshake start(String uri, Headers headers, List<String> subprotocols) {
        return variant.startClient(new ClientHandshakeRequest(URI.create(uri), headers, subprotocols), CONFIG);
    }

    @Test
    void sendsTheDraftsRequest() {
        ClientHandshake hs = start("ws://Example.com:8080/chat?room=1", Headers.of("Cookie", "a=b", "Upgrade", "x",
                "Sec-WebSocket-Version", "13"), List.of("chat", "superchat"));
        Wire.Head head = Wire.parse(hs.request());
        assertEquals("GET /chat?room=1 HTTP/1.1", head.startLine());
        Headers h = head.headers();
        assertEquals("WebSocket", h.get("Upgrade"));
        assertEquals(1, h.all("Upgrade").size(), "the caller's Upgrade is dropped");
        assertEquals("Upgrade", h.get("Connection"));
        assertEquals("Example.com:8080", h.get("Host"));
        assertEquals("http://Example.com:8080", h.get("Origin"));
        assertEquals("chat", h.get("Sec-WebSocket-Protocol"), "hybi-00 offers a single subprotocol: the first");
        assertEquals("a=b", h.get("Cookie"));
        assertFalse(h.contains("Sec-WebSocket-Version"), "would make the request look like RFC 6455");
        assertEquals(8, head.body().length);
        assertEquals(16, hs.responseBodyLength());
        Wire.keyNumber(h.get("Sec-WebSocket-Key1"));
        Wire.keyNumber(h.get("Sec-WebSocket-Key2"));
        assertTrue(variant.matches(head.toRequest(false)));
        // request() can be read again
        assertEquals(Wire.bytes(hs.request()).length, hs.request().remaining());
    }

    @Test
    void usesTheCallersOriginAndNoSubprotocolIfNoneOffered() {
        ClientHandshake hs = start("wss://example.com/", Headers.of("Origin", "https://app.example"), List.of());
        Headers h = Wire.parse(hs.request()).headers();
        assertEquals(List.of("https://app.example"), h.all("Origin"));
        assertEquals("example.com", h.get("Host"));
        assertFalse(h.contains("Sec-WebSocket-Protocol"));
    }

    /** A correct response to {@code hs}'s request, with the answer computed here independently. */
    private static Headers.Builder goodHeaders(String location) {
        return Headers.builder()
                .add("Upgrade", "WebSocket")
                .add("Connection", "Upgrade")
                .add("Sec-WebSocket-Location", location);
    }

    private static byte[] answer(ClientHandshake hs) throws Exception {
        Wire.Head head = Wire.parse(hs.request());
        return Wire.challenge(head.headers().get("Sec-WebSocket-Key1"), head.headers().get("Sec-WebSocket-Key2"),
                head.body());
    }

    private static HandshakeResponse response(Headers headers) {
        return new HandshakeResponse("HTTP/1.1", 101, "WebSocket Protocol Handshake", headers);
    }

    @Test
    void acceptsACorrectAnswer() throws Exception {
        ClientHandshake hs = start("ws://example.com/demo", Headers.empty(), List.of("sample"));
        Headers headers = goodHeaders("ws://EXAMPLE.com/demo")
                .add("Sec-WebSocket-Origin", "http://example.com")
                .add("Sec-WebSocket-Protocol", "sample")
                .build();
        FrameEngine engine = hs.complete(response(headers), ByteBuffer.wrap(answer(hs)));
        assertNotNull(engine);
        assertEquals("sample", hs.subprotocol());
        assertThrows(IllegalStateException.class, () -> hs.complete(response(headers), ByteBuffer.wrap(answer(hs))));
    }

    @Test
    void acceptsAnAnswerWithoutOriginOrSubprotocol() throws Exception {
        ClientHandshake hs = start("wss://example.com:444/x", Headers.empty(), List.of("sample"));
        hs.complete(response(goodHeaders("wss://example.com:444/x").build()), ByteBuffer.wrap(answer(hs)));
        assertNull(hs.subprotocol());
    }

    @Test
    void rejectsARefusal() throws Exception {
        ClientHandshake hs = start("ws://example.com/demo", Headers.empty(), List.of());
        HandshakeException e = assertThrows(HandshakeException.class, () -> hs.complete(
                new HandshakeResponse("HTTP/1.1", 403, "Forbidden", Headers.empty()), ByteBuffer.allocate(16)));
        assertEquals(403, e.status());
    }

    @Test
    void rejectsAWrongAnswer() throws Exception {
        ClientHandshake hs = start("ws://example.com/demo", Headers.empty(), List.of());
        byte[] wrong = answer(hs);
        wrong[15] ^= 1;
        assertRejected(hs, goodHeaders("ws://example.com/demo").build(), wrong, "challenge answer");
        assertRejected(hs, goodHeaders("ws://example.com/demo").build(), new byte[15], "16 bytes");
    }

    @Test
    void rejectsWrongHeaders() throws Exception {
        ClientHandshake hs = start("ws://example.com/demo?a", Headers.empty(), List.of("sample"));
        byte[] answer = answer(hs);
        String location = "ws://example.com/demo?a";
        assertRejected(hs, goodHeaders(location).set("Upgrade", "websocket2").build(), answer, "Upgrade");
        assertRejected(hs, goodHeaders(location).remove("Upgrade").build(), answer, "Upgrade");
        assertRejected(hs, goodHeaders(location).set("Connection", "close").build(), answer, "Connection");
        assertRejected(hs, goodHeaders(location).remove("Sec-WebSocket-Location").build(), answer, "Location");
        assertRejected(hs, goodHeaders("ws://example.com/demo?b").build(), answer, "Location");
        assertRejected(hs, goodHeaders("wss://example.com/demo?a").build(), answer, "Location");
        assertRejected(hs, goodHeaders("ws://example.com/Demo?a").build(), answer, "Location");
        assertRejected(hs, goodHeaders(location).add("Sec-WebSocket-Origin", "http://evil.example").build(), answer,
                "Origin");
        assertRejected(hs, goodHeaders(location).add("Sec-WebSocket-Protocol", "other").build(), answer,
                "subprotocol");
        // and then the right answer still works
        hs.complete(response(goodHeaders(location).build()), ByteBuffer.wrap(answer));
    }

    @Test
    void rejectsASubprotocolThatWasNotOffered() throws Exception {
        ClientHandshake hs = start("ws://example.com/", Headers.empty(), List.of());
        assertRejected(hs, goodHeaders("ws://example.com/").add("Sec-WebSocket-Protocol", "chat").build(),
                answer(hs), "none was offered");
    }

    private static void assertRejected(ClientHandshake hs, Headers headers, byte[] body, String messagePart) {
        HandshakeException e = assertThrows(HandshakeException.class,
                () -> hs.complete(response(headers), ByteBuffer.wrap(body)));
        assertEquals(101, e.status());
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
    }
}
