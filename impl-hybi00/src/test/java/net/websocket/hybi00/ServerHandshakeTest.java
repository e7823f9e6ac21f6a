package net.websocket.hybi00;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;

import net.websocket.api.HandshakeException;
import net.websocket.api.HandshakeRequest;
import net.websocket.api.Headers;
import net.websocket.api.spi.EngineConfig;
import net.websocket.api.spi.ServerHandshake;

import org.junit.jupiter.api.Test;

/** The server side of the handshake: the draft's example, and every way a request can be refused. */
class ServerHandshakeTest {

    private static final EngineConfig CONFIG = EngineConfig.defaults(EngineConfig.Role.SERVER);
    private final Hybi00Variant variant = new Hybi00Variant();

    /** The draft's opening handshake example, header order and all. */
    private static Headers.Builder exampleHeaders() {
        return Headers.builder()
                .add("Host", "example.com")
                .add("Connection", "Upgrade")
                .add("Sec-WebSocket-Key2", "12998 5 Y3 1  .P00")
                .add("Sec-WebSocket-Protocol", "sample")
                .add("Upgrade", "WebSocket")
                .add("Sec-WebSocket-Key1", "4 @1  46546xW%0l 1 5")
                .add("Origin", "http://example.com");
    }

    private static HandshakeRequest request(Headers headers) {
        return request("GET", "/demo", headers, false);
    }

    private static HandshakeRequest request(String method, String target, Headers headers, boolean secure) {
        return new HandshakeRequest(method, target, "HTTP/1.1", headers, null, null, secure);
    }

    @Test
    void answersTheDraftsExampleExactly() throws Exception {
        HandshakeRequest request = request(exampleHeaders().build());
        assertTrue(variant.matches(request));
        ServerHandshake hs = variant.startServer(request, CONFIG);
        assertEquals(8, hs.bodyLength());
        hs.readBody(ByteBuffer.wrap(Wire.latin1("^n:ds[4U")));
        assertEquals(List.of("sample"), hs.offeredSubprotocols());
        ByteBuffer response = hs.accept("sample", Headers.empty());
        String expected = "HTTP/1.1 101 WebSocket Protocol Handshake\r\n"
                + "Upgrade: WebSocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Origin: http://example.com\r\n"
                + "Sec-WebSocket-Location: ws://example.com/demo\r\n"
                + "Sec-WebSocket-Protocol: sample\r\n"
                + "\r\n"
                + "8jKS'y:G*Co,Wxa-";
        assertEquals(expected, Wire.latin1(Wire.bytes(response)));
        assertNotNull(hs.engine());
        assertFalse(hs.engine().supportsPing());
    }

    @Test
    void acceptWithOtherLimitsFramesWithThem() throws Exception {
        ServerHandshake hs = variant.startServer(request(exampleHeaders().build()), CONFIG);
        hs.readBody(ByteBuffer.wrap(Wire.latin1("^n:ds[4U")));
        hs.accept(null, Headers.empty(), 5, 5);
        Recorder r = new Recorder();
        hs.engine().decode(ByteBuffer.wrap(Wire.concat(Wire.of(0x00), Wire.latin1("12345"), Wire.of(0xFF, 0x00),
                Wire.latin1("123456"), Wire.of(0xFF))), r);
        assertEquals(List.of("text:12345", "error:1009"), r.events);
    }

    @Test
    void answersTheSecondWorkedExample() throws Exception {
        Headers headers = Headers.builder()
                .add("Host", "example.com:8080")
                .add("Upgrade", "websocket")
                .add("Connection", "keep-alive, Upgrade")
                .add("Sec-WebSocket-Key1", "3e6b263  4 17 80")
                .add("Sec-WebSocket-Key2", "17  9 G`ZD9   2 2b 7X 3 /r90")
                .build();
        ServerHandshake hs = variant.startServer(request("GET", "/a/b?x=1", headers, true), CONFIG);
        hs.readBody(ByteBuffer.wrap(Wire.latin1("WjN}|M(6")));
        assertEquals(List.of(), hs.offeredSubprotocols());
        Wire.Head head = Wire.parse(hs.accept(null, Headers.of("Set-Cookie", "a=b", "Sec-WebSocket-Location", "x")));
        assertEquals("HTTP/1.1 101 WebSocket Protocol Handshake", head.startLine());
        assertEquals("wss://example.com:8080/a/b?x=1", head.headers().get("Sec-WebSocket-Location"));
        assertEquals(List.of("wss://example.com:8080/a/b?x=1"), head.headers().all("Sec-WebSocket-Location"));
        assertFalse(head.headers().contains("Sec-WebSocket-Origin"), "no origin was sent");
        assertFalse(head.headers().contains("Sec-WebSocket-Protocol"));
        assertEquals("a=b", head.headers().get("Set-Cookie"));
        assertEquals("n`9eBk9z$R8pOtVb", Wire.latin1(head.body()));
    }

    @Test
    void takesTheOlderOriginHeaderAndAnAbsoluteTarget() throws Exception {
        Headers headers = exampleHeaders().remove("Origin").add("Sec-WebSocket-Origin", "http://old.example").build();
        ServerHandshake hs = variant.startServer(request("GET", "http://example.com/demo?q", headers, false), CONFIG);
        hs.readBody(ByteBuffer.wrap(Wire.latin1("^n:ds[4U")));
        Wire.Head head = Wire.parse(hs.accept(null, Headers.empty()));
        assertEquals("http://old.example", head.headers().get("Sec-WebSocket-Origin"));
        assertEquals("ws://example.com/demo?q", head.headers().get("Sec-WebSocket-Location"));
    }

    @Test
    void splitsACommaListOfSubprotocols() throws Exception {
        Headers headers = exampleHeaders().set("Sec-WebSocket-Protocol", "chat, superchat").build();
        ServerHandshake hs = variant.startServer(request(headers), CONFIG);
        assertEquals(List.of("chat", "superchat"), hs.offeredSubprotocols());
        hs.readBody(ByteBuffer.wrap(Wire.latin1("^n:ds[4U")));
        assertThrows(IllegalArgumentException.class, () -> hs.accept("other", Headers.empty()));
        Wire.Head head = Wire.parse(hs.accept("superchat", Headers.empty()));
        assertEquals("superchat", head.headers().get("Sec-WebSocket-Protocol"));
    }

    @Test
    void refusesRequestsMissingAHeader() {
        for (String name : List.of("Host", "Upgrade", "Connection", "Sec-WebSocket-Key1", "Sec-WebSocket-Key2")) {
            Headers headers = exampleHeaders().remove(name).build();
            HandshakeException e = assertThrows(HandshakeException.class,
                    () -> variant.startServer(request(headers), CONFIG), name);
            assertEquals(400, e.status(), name);
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
        Headers empty = exampleHeaders().set("Host", "  ").build();
        assertEquals(400, assertThrows(HandshakeException.class,
                () -> variant.startServer(request(empty), CONFIG)).status());
    }

    @Test
    void refusesWrongUpgradeConnectionOrMethod() {
        assertRefused(request(exampleHeaders().set("Upgrade", "h2c").build()), "Upgrade");
        assertRefused(request(exampleHeaders().set("Connection", "keep-alive").build()), "Connection");
        assertRefused(request("POST", "/demo", exampleHeaders().build(), false), "GET");
        assertRefused(new HandshakeRequest("GET", "/demo", "HTTP/1.0", exampleHeaders().build(), null, null, false),
                "HTTP/1.1");
    }

    /** The target is echoed in Sec-WebSocket-Location: a line break in it would inject headers into the answer. */
    @Test
    void refusesATargetThatIsNotVisibleAscii() {
        for (String target : List.of("/demo\r\nSet-Cookie: a=b", "/demo\nX: y", "/de mo", "/d\u00e9mo", "/\u0001")) {
            assertRefused(request("GET", target, exampleHeaders().build(), false), "request target");
        }
    }

    @Test
    void refusesMalformedKeys() {
        assertRefused(request(exampleHeaders().set("Sec-WebSocket-Key1", "829309203").build()), "no spaces");
        assertRefused(request(exampleHeaders().set("Sec-WebSocket-Key2", "12998 5 Y3 1  .P01").build()),
                "not a multiple");
        assertRefused(request(exampleHeaders().set("Sec-WebSocket-Key1", "8589934590 ").build()), "32 bits");
    }

    private void assertRefused(HandshakeRequest request, String messagePart) {
        HandshakeException e = assertThrows(HandshakeException.class, () -> variant.startServer(request, CONFIG));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
    }

    @Test
    void refusesAShortBody() throws Exception {
        ServerHandshake hs = variant.startServer(request(exampleHeaders().build()), CONFIG);
        HandshakeException e = assertThrows(HandshakeException.class,
                () -> hs.readBody(ByteBuffer.wrap(Wire.latin1("^n:ds[4"))));
        assertEquals(400, e.status());
    }

    @Test
    void enforcesTheOrderOfCalls() throws Exception {
        ServerHandshake hs = variant.startServer(request(exampleHeaders().build()), CONFIG);
        assertThrows(IllegalStateException.class, () -> hs.accept(null, Headers.empty()));
        assertThrows(IllegalStateException.class, hs::engine);
        hs.readBody(ByteBuffer.wrap(Wire.latin1("^n:ds[4U")));
        hs.accept(null, Headers.empty());
        assertThrows(IllegalStateException.class, () -> hs.accept(null, Headers.empty()));
    }
}
