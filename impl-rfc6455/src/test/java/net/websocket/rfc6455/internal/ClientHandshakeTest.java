package net.websocket.rfc6455.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import net.websocket.api.HandshakeException;
import net.websocket.api.HandshakeResponse;
import net.websocket.api.Headers;
import net.websocket.api.PayloadType;
import net.websocket.api.spi.ClientHandshakeRequest;
import net.websocket.api.spi.EngineConfig;
import net.websocket.api.spi.FrameEngine;

import org.junit.jupiter.api.Test;

/** The client side of the opening handshake (RFC 6455 section 4.1), and both sides together. */
class ClientHandshakeTest {

    private static ClientHandshakeRequest request(String uri, Headers headers, String... subprotocols) {
        return new ClientHandshakeRequest(URI.create(uri), headers, List.of(subprotocols));
    }

    private static Rfc6455ClientHandshake start(ClientHandshakeRequest request) {
        return new Rfc6455ClientHandshake(request, Wire.client(0x01020304));
    }

    private static Rfc6455ClientHandshake start(String... subprotocols) {
        return start(request("ws://example.com/chat", Headers.empty(), subprotocols));
    }

    /** The key the handshake sent. */
    private static String key(Rfc6455ClientHandshake hs) {
        return HttpHead.parse(hs.request()).headers().get("Sec-WebSocket-Key");
    }

    private static Headers.Builder goodResponse(Rfc6455ClientHandshake hs) {
        return Headers.builder().add("Upgrade", "websocket").add("Connection", "Upgrade")
                .add("Sec-WebSocket-Accept", Handshakes.acceptFor(key(hs)));
    }

    private static HandshakeResponse response(int status, String reason, Headers headers) {
        return new HandshakeResponse("HTTP/1.1", status, reason, headers);
    }

    private static HandshakeResponse switching(Headers headers) {
        return response(101, "Switching Protocols", headers);
    }

    private static HandshakeException refused(Rfc6455ClientHandshake hs, HandshakeResponse response) {
        HandshakeException e = assertThrows(HandshakeException.class, () -> hs.complete(response,
                ByteBuffer.allocate(0)));
        assertEquals(response.status(), e.status());
        assertFalse(e.getMessage().isBlank());
        return e;
    }

    @Test
    void requestBytesParseBack() {
        Rfc6455ClientHandshake hs = start(request("ws://example.com:8080/chat?room=1&x=%20y",
                Headers.of("Origin", "http://example.com", "Cookie", "a=b"), "chat", "superchat"));
        assertEquals(0, hs.responseBodyLength());
        HttpHead head = HttpHead.parse(hs.request());
        assertEquals("GET /chat?room=1&x=%20y HTTP/1.1", head.startLine());
        Headers h = head.headers();
        assertEquals("example.com:8080", h.get("Host"));
        assertEquals("websocket", h.get("Upgrade"));
        assertEquals("Upgrade", h.get("Connection"));
        assertEquals("13", h.get("Sec-WebSocket-Version"));
        assertEquals("chat, superchat", h.get("Sec-WebSocket-Protocol"));
        assertEquals("http://example.com", h.get("Origin"));
        assertEquals("a=b", h.get("Cookie"));
        assertEquals(16, Base64.getDecoder().decode(h.get("Sec-WebSocket-Key")).length);
        assertFalse(h.contains("Sec-WebSocket-Extensions"));
        assertEquals(List.of("Host", "Upgrade", "Connection", "Sec-WebSocket-Key", "Sec-WebSocket-Version",
                "Sec-WebSocket-Protocol", "Origin", "Cookie"),
                h.asList().stream().map(Headers.Field::name).toList());
        // each call gives the same bytes again
        assertEquals(hs.request(), hs.request());
    }

    @Test
    void defaultPortsAndEmptyPathsAndIpv6() {
        assertEquals("GET / HTTP/1.1", HttpHead.parse(start(request("ws://example.com", Headers.empty()))
                .request()).startLine());
        assertEquals("example.com", HttpHead.parse(start(request("wss://example.com:443/", Headers.empty()))
                .request()).headers().get("Host"));
        assertEquals("[::1]:9001", HttpHead.parse(start(request("ws://[::1]:9001/x", Headers.empty()))
                .request()).headers().get("Host"));
        assertFalse(HttpHead.parse(start().request()).headers().contains("Sec-WebSocket-Protocol"));
    }

    @Test
    void keyComesFromTheMaskSourceAndIsFreshPerHandshake() {
        assertEquals(Base64.getEncoder().encodeToString(Wire.hex("01020304010203040102030401020304")),
                key(start()));
        AtomicInteger counter = new AtomicInteger();
        EngineConfig config = new EngineConfig(EngineConfig.Role.CLIENT, 100, 100, counter::incrementAndGet);
        ClientHandshakeRequest r = request("ws://h/", Headers.empty());
        String a = key(new Rfc6455ClientHandshake(r, config));
        String b = key(new Rfc6455ClientHandshake(r, config));
        assertFalse(a.equals(b));
        assertEquals(8, counter.get());
    }

    @Test
    void protocolHeadersMayNotBeSetByTheUser() {
        for (String name : List.of("Host", "Upgrade", "connection", "sec-websocket-key", "Sec-WebSocket-Version",
                "Sec-WebSocket-Protocol", "Sec-WebSocket-Extensions", "Sec-WebSocket-Accept")) {
            assertThrows(IllegalArgumentException.class, () -> start(request("ws://h/", Headers.of(name, "x"))),
                    name);
        }
    }

    @Test
    void subprotocolsMustBeDistinctTokens() {
        for (String bad : List.of("", "a b", "a,b", "a;b", "ä", "a\"b", "(a)")) {
            assertThrows(IllegalArgumentException.class, () -> start(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> start("chat", "chat"));
        start("chat", "Chat", "v1.chat.example.com", "a-b_c~d!#$%&'*+.^`|");
    }

    @Test
    void completeWithAGoodResponse() throws Exception {
        Rfc6455ClientHandshake hs = start("chat", "superchat");
        FrameEngine engine = hs.complete(switching(goodResponse(hs).add("Sec-WebSocket-Protocol", "superchat")
                .build()), ByteBuffer.allocate(0));
        assertEquals("superchat", hs.subprotocol());
        // a client engine: decodes unmasked frames, writes masked ones
        Recorder r = Wire.feed(engine, Wire.unmasked(0x81, "hi".getBytes(StandardCharsets.US_ASCII)), 1,
                new Recorder());
        assertEquals(List.of("TEXT hi"), r.events);
        ByteBuffer out = ByteBuffer.allocate(20);
        engine.encodeData(PayloadType.TEXT, true, ByteBuffer.wrap(new byte[] {'h'}), out);
        assertEquals(7, out.position());
        assertThrows(IllegalStateException.class, () -> hs.complete(switching(goodResponse(hs).build()), null));
    }

    @Test
    void completeWithoutSubprotocolAndCaseInsensitiveTokens() throws Exception {
        Rfc6455ClientHandshake hs = start("chat");
        Headers h = Headers.builder().add("upgrade", "WebSocket").add("CONNECTION", "keep-alive, upgrade")
                .add("sec-websocket-accept", Handshakes.acceptFor(key(hs))).build();
        hs.complete(switching(h), ByteBuffer.allocate(0));
        assertNull(hs.subprotocol());
    }

    @Test
    void nonSwitchingStatusIsRefusedWithThatStatus() {
        Rfc6455ClientHandshake hs = start();
        HandshakeException e = refused(hs, response(403, "Forbidden", Headers.empty()));
        assertTrue(e.getMessage().contains("HTTP/1.1 403 Forbidden"), e.getMessage());
        refused(hs, response(200, "OK", goodResponse(hs).build()));
        e = refused(hs, response(426, "Upgrade Required", Headers.of("Sec-WebSocket-Version", "8")));
        assertTrue(e.getMessage().contains("426"));
    }

    @Test
    void wrongAcceptIsRefused() {
        Rfc6455ClientHandshake hs = start();
        Headers ok = goodResponse(hs).build();
        refused(hs, switching(ok.toBuilder().set("Sec-WebSocket-Accept", "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=").build()));
        refused(hs, switching(ok.toBuilder().remove("Sec-WebSocket-Accept").build()));
        refused(hs, switching(ok.toBuilder().set("Sec-WebSocket-Accept", Handshakes.acceptFor(key(hs))
                .toLowerCase()).build()));
        refused(hs, switching(ok.toBuilder().add("Sec-WebSocket-Accept", Handshakes.acceptFor(key(hs))).build()));
    }

    @Test
    void missingUpgradeOrConnectionIsRefused() {
        Rfc6455ClientHandshake hs = start();
        Headers ok = goodResponse(hs).build();
        refused(hs, switching(ok.toBuilder().remove("Upgrade").build()));
        refused(hs, switching(ok.toBuilder().set("Upgrade", "h2c").build()));
        refused(hs, switching(ok.toBuilder().remove("Connection").build()));
        refused(hs, switching(ok.toBuilder().set("Connection", "close").build()));
    }

    @Test
    void subprotocolMustBeOneOffered() {
        Rfc6455ClientHandshake hs = start("chat");
        Headers ok = goodResponse(hs).build();
        assertTrue(refused(hs, switching(ok.toBuilder().add("Sec-WebSocket-Protocol", "superchat").build()))
                .getMessage().contains("superchat"));
        refused(hs, switching(ok.toBuilder().add("Sec-WebSocket-Protocol", "Chat").build()));
        refused(hs, switching(ok.toBuilder().add("Sec-WebSocket-Protocol", "chat, chat").build()));
        Rfc6455ClientHandshake none = start();
        refused(none, switching(goodResponse(none).add("Sec-WebSocket-Protocol", "chat").build()));
    }

    @Test
    void extensionsAreRefusedSinceNoneWasOffered() {
        Rfc6455ClientHandshake hs = start();
        refused(hs, switching(goodResponse(hs).add("Sec-WebSocket-Extensions", "permessage-deflate").build()));
        refused(hs, switching(goodResponse(hs).add("Sec-WebSocket-Extensions", "").build()));
    }

    @Test
    void clientAndServerHandshakeWithEachOther() throws Exception {
        Rfc6455ClientHandshake client = start(request("ws://localhost:9001/echo?x=1",
                Headers.of("Origin", "http://localhost"), "v2", "v1"));
        Rfc6455ServerHandshake server = Rfc6455ServerHandshake.start(HttpHead.parse(client.request()).asRequest(),
                Wire.server());
        assertEquals(List.of("v2", "v1"), server.offeredSubprotocols());
        ByteBuffer reply = server.accept("v1", Headers.of("X-Server", "test"));
        FrameEngine clientEngine = client.complete(HttpHead.parse(reply).asResponse(), ByteBuffer.allocate(0));
        assertEquals("v1", client.subprotocol());

        ByteBuffer wire = ByteBuffer.allocate(100);
        clientEngine.encodeData(PayloadType.TEXT, true, ByteBuffer.wrap("ping?".getBytes(StandardCharsets.UTF_8)),
                wire);
        wire.flip();
        Recorder atServer = new Recorder();
        server.engine().decode(wire, atServer);
        assertEquals(List.of("TEXT ping?"), atServer.events);
    }
}
