package net.websocket.rfc6455.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import net.websocket.api.HandshakeException;
import net.websocket.api.HandshakeRequest;
import net.websocket.api.Headers;
import net.websocket.api.PayloadType;
import net.websocket.api.spi.FrameEngine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The server side of the opening handshake (RFC 6455 section 4.2). */
class ServerHandshakeTest {

    /** The key of the example in section 1.3. */
    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    private static final String ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    private static Headers.Builder valid() {
        return Headers.builder().add("Host", "server.example.com").add("Upgrade", "websocket")
                .add("Connection", "Upgrade").add("Sec-WebSocket-Key", KEY).add("Origin", "http://example.com")
                .add("Sec-WebSocket-Version", "13");
    }

    private static HandshakeRequest request(String method, String version, Headers headers) {
        return new HandshakeRequest(method, "/chat", version, headers, null, null, false);
    }

    private static HandshakeRequest request(Headers headers) {
        return request("GET", "HTTP/1.1", headers);
    }

    private static Rfc6455ServerHandshake start(HandshakeRequest request) throws HandshakeException {
        return Rfc6455ServerHandshake.start(request, Wire.server());
    }

    private static HandshakeException rejected(HandshakeRequest request, int status) {
        HandshakeException e = assertThrows(HandshakeException.class, () -> start(request));
        assertEquals(status, e.status(), e.getMessage());
        assertNotNull(e.getMessage());
        assertFalse(e.getMessage().isBlank());
        return e;
    }

    @Test
    void section13Example() throws Exception {
        Rfc6455ServerHandshake hs = start(request(valid().add("Sec-WebSocket-Protocol", "chat, superchat").build()));
        assertEquals(0, hs.bodyLength());
        assertEquals(List.of("chat", "superchat"), hs.offeredSubprotocols());
        ByteBuffer response = hs.accept("chat", Headers.empty());
        assertEquals("HTTP/1.1 101 Switching Protocols\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + ACCEPT + "\r\n"
                + "Sec-WebSocket-Protocol: chat\r\n"
                + "\r\n", new String(Wire.bytes(response), StandardCharsets.ISO_8859_1));
        assertEquals(0, response.position());
        assertEquals(ACCEPT, Handshakes.acceptFor(KEY));
    }

    @Test
    void noSubprotocolAndExtraHeadersLast() throws Exception {
        Rfc6455ServerHandshake hs = start(request(valid().build()));
        assertEquals(List.of(), hs.offeredSubprotocols());
        HttpHead head = HttpHead.parse(hs.accept(null, Headers.of("Set-Cookie", "a=b", "X-Served-By", "t")));
        assertEquals("HTTP/1.1 101 Switching Protocols", head.startLine());
        assertEquals(List.of("Upgrade", "Connection", "Sec-WebSocket-Accept", "Set-Cookie", "X-Served-By"),
                head.headers().asList().stream().map(Headers.Field::name).toList());
        assertFalse(head.headers().contains("Sec-WebSocket-Protocol"));
    }

    @Test
    void extensionOffersAreIgnored() throws Exception {
        Rfc6455ServerHandshake hs = start(request(valid().add("Sec-WebSocket-Extensions",
                "permessage-deflate; client_max_window_bits").build()));
        HttpHead head = HttpHead.parse(hs.accept(null, Headers.empty()));
        assertFalse(head.headers().contains("Sec-WebSocket-Extensions"));
    }

    @Test
    void headerMatchingIsCaseInsensitiveAndListAware() throws Exception {
        Headers h = Headers.builder().add("host", "h").add("UPGRADE", "WebSocket").add("connection",
                "keep-alive, upgrade").add("sec-websocket-key", " " + KEY + " ").add("SEC-WEBSOCKET-VERSION", "13")
                .build();
        HttpHead head = HttpHead.parse(start(request(h)).accept(null, Headers.empty()));
        assertEquals(ACCEPT, head.headers().get("Sec-WebSocket-Accept"));
        assertNotNull(start(request(valid().set("Upgrade", "h2c, websocket").build())));
        assertNotNull(start(request("GET", "HTTP/1.2", valid().build())));
        assertNotNull(start(request("GET", "HTTP/2", valid().build())));
    }

    @Test
    void theEngineServesTheServerRole() throws Exception {
        Rfc6455ServerHandshake hs = start(request(valid().build()));
        assertThrows(IllegalStateException.class, hs::engine);
        hs.accept(null, Headers.empty());
        FrameEngine engine = hs.engine();
        Recorder r = Wire.feed(engine, Wire.masked(0x81, "hi".getBytes(StandardCharsets.US_ASCII)), 1,
                new Recorder());
        assertEquals(List.of("TEXT hi"), r.events);
        ByteBuffer out = ByteBuffer.allocate(10);
        engine.encodeData(PayloadType.TEXT, true, ByteBuffer.wrap(new byte[] {'h'}), out);
        assertEquals(3, out.position(), "unmasked");
        assertThrows(IllegalStateException.class, () -> hs.accept(null, Headers.empty()));
    }

    @Test
    void acceptWithOtherLimitsFramesWithThem() throws Exception {
        Rfc6455ServerHandshake lowered = start(request(valid().build()));
        lowered.accept(null, Headers.empty(), 10, 20);
        assertEquals(List.of(Recorder.binary(new byte[10]), "ERROR 1009"), Wire.feed(lowered.engine(),
                Wire.concat(Wire.masked(0x82, new byte[10]), Wire.masked(0x82, new byte[11])), 1, new Recorder()).events);
        Rfc6455ServerHandshake fragments = start(request(valid().build()));
        fragments.accept(null, Headers.empty(), 10, 20);
        assertEquals(List.of("ERROR 1009"), Wire.feed(fragments.engine(), Wire.concat(Wire.masked(0x02,
                new byte[10]), Wire.masked(0x00, new byte[10]), Wire.masked(0x80, new byte[1])), 1,
                new Recorder()).events, "the message limit: 21 bytes in three frames");

        Rfc6455ServerHandshake raised = Rfc6455ServerHandshake.start(request(valid().build()), Wire.server(10, 10));
        raised.accept(null, Headers.empty(), 1000, 1000);
        assertEquals(1, Wire.feed(raised.engine(), Wire.masked(0x82, new byte[1000]), 7, new Recorder()).events
                .size());
        assertThrows(IllegalStateException.class, () -> raised.accept(null, Headers.empty(), 5, 5));
    }

    @Test
    void acceptChecksItsArguments() throws Exception {
        Rfc6455ServerHandshake hs = start(request(valid().add("Sec-WebSocket-Protocol", "chat").build()));
        assertThrows(IllegalArgumentException.class, () -> hs.accept("superchat", Headers.empty()));
        for (String name : List.of("Upgrade", "connection", "Sec-WebSocket-Accept", "Sec-WebSocket-Protocol",
                "Sec-WebSocket-Extensions")) {
            assertThrows(IllegalArgumentException.class, () -> hs.accept(null, Headers.of(name, "x")), name);
        }
        assertTrue(hs.accept("chat", null).hasRemaining());
    }

    @Test
    void readBodyTakesNothing() throws Exception {
        Rfc6455ServerHandshake hs = start(request(valid().build()));
        hs.readBody(ByteBuffer.allocate(0));
        assertThrows(IllegalArgumentException.class, () -> hs.readBody(ByteBuffer.allocate(1)));
    }

    // ------------------------------------------------------------------------------------------------ rejections

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "HEAD", "get", "CONNECT"})
    void methodOtherThanGetIs405WithAllow(String method) {
        HandshakeException e = rejected(request(method, "HTTP/1.1", valid().build()), 405);
        assertEquals("GET", e.responseHeaders().get("Allow"));
        assertTrue(e.getMessage().contains(method));
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/1.0", "HTTP/0.9", "HTTP/1", "http/1.1", "HTTP/1.x", "HTTP/", "garbage", ""})
    void httpBelow11IsBadRequest(String version) {
        rejected(request("GET", version, valid().build()), 400);
    }

    @Test
    void hostMustBePresentOnce() {
        rejected(request(valid().remove("Host").build()), 400);
        rejected(request(valid().add("Host", "other.example.com").build()), 400);
    }

    @Test
    void upgradeMustNameWebsocket() {
        assertTrue(rejected(request(valid().remove("Upgrade").build()), 400).getMessage().contains("Upgrade"));
        rejected(request(valid().set("Upgrade", "h2c").build()), 400);
        rejected(request(valid().set("Upgrade", "websocket2").build()), 400);
    }

    @Test
    void connectionMustNameUpgrade() {
        assertTrue(rejected(request(valid().remove("Connection").build()), 400).getMessage()
                .contains("Connection"));
        rejected(request(valid().set("Connection", "keep-alive").build()), 400);
        rejected(request(valid().set("Connection", "upgraded").build()), 400);
    }

    @Test
    void keyMustBePresentOnce() {
        assertTrue(rejected(request(valid().remove("Sec-WebSocket-Key").build()), 400).getMessage()
                .contains("Sec-WebSocket-Key"));
        rejected(request(valid().add("Sec-WebSocket-Key", KEY).build()), 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not base64!", "dGhlIHNhbXBsZSBub25jZQ", "dGhlIHNhbXBsZSBub25j",
            "dGhlIHNhbXBsZSBub25jZTEx", "AAAAAAAAAAAAAAAAAAAAAAA=", "dGhlIHNhbXBsZSBub25jZQ==="})
    void keyMustBeSixteenBytesOfBase64(String key) {
        rejected(request(valid().set("Sec-WebSocket-Key", key).build()), 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8", "7", "12", "14", "13, 8", "", "thirteen"})
    void otherVersionsAre426WithTheSupportedVersion(String version) {
        HandshakeException e = rejected(request(valid().set("Sec-WebSocket-Version", version).build()), 426);
        assertEquals("13", e.responseHeaders().get("Sec-WebSocket-Version"));
        assertTrue(e.getMessage().contains("13"));
    }

    @Test
    void missingOrRepeatedVersionIs426() {
        rejected(request(valid().remove("Sec-WebSocket-Version").build()), 426);
        rejected(request(valid().add("Sec-WebSocket-Version", "13").build()), 426);
    }

    @Test
    void httpVersionParsing() {
        assertTrue(Rfc6455ServerHandshake.isHttp11OrLater("HTTP/1.1"));
        assertTrue(Rfc6455ServerHandshake.isHttp11OrLater("HTTP/3"));
        assertFalse(Rfc6455ServerHandshake.isHttp11OrLater("HTTP/1.0"));
        assertFalse(Rfc6455ServerHandshake.isHttp11OrLater("HTTP/99999999999.1"));
        assertFalse(Rfc6455ServerHandshake.isHttp11OrLater("HTTP/1.1 "));
    }
}
