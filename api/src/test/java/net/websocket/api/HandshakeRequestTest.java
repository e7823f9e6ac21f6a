package net.websocket.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;

import org.junit.jupiter.api.Test;

/** What the handshake hook and the mapper read off a request: path, query, origin, offered subprotocols. */
class HandshakeRequestTest {

    private static HandshakeRequest get(String target, String... headers) {
        return new HandshakeRequest("GET", target, "HTTP/1.1", Headers.of(headers), null, null, false);
    }

    @Test
    void pathAndQueryOfOriginAndAbsoluteForms() {
        assertEquals("/chat", get("/chat?room=1").path());
        assertEquals(Optional.of("room=1"), get("/chat?room=1").query());
        assertEquals(Optional.empty(), get("/chat").query());
        assertEquals(Optional.of(""), get("/chat?").query());
        assertEquals("/a/b", get("ws://example.com:81/a/b?x#f").path());
        assertEquals(Optional.of("x"), get("ws://example.com:81/a/b?x#f").query());
        assertEquals("/", get("http://example.com").path());
        assertEquals("/p", get("/p#frag").path());
        assertEquals("GET /chat?room=1 HTTP/1.1", get("/chat?room=1").requestLine());
    }

    @Test
    void originFallsBackToTheOldDraftsHeader() {
        assertEquals(Optional.of("http://a"), get("/", "Origin", "http://a", "Sec-WebSocket-Origin", "http://b")
                .origin());
        assertEquals(Optional.of("http://b"), get("/", "Sec-WebSocket-Origin", "http://b").origin());
        assertEquals(Optional.empty(), get("/").origin());
        assertEquals(Optional.of("h:1"), get("/", "Host", "h:1").host());
    }

    @Test
    void offeredSubprotocolsInTheClientsOrderAcrossFields() {
        assertEquals(List.of("v2", "v1", "v3"),
                get("/", "Sec-WebSocket-Protocol", "v2, v1", "sec-websocket-protocol", "v3").offeredSubprotocols());
        assertEquals(List.of(), get("/").offeredSubprotocols());
    }

    @Test
    void theRequestLineAndHeadersAreRequired() {
        assertThrows(NullPointerException.class,
                () -> new HandshakeRequest(null, "/", "HTTP/1.1", Headers.empty(), null, null, false));
        assertThrows(NullPointerException.class,
                () -> new HandshakeRequest("GET", "/", "HTTP/1.1", null, null, null, false));
    }

    @Test
    void theTlsSessionIsAbsentUnlessGivenAndLeavesTheRequestAsItWas() throws Exception {
        HandshakeRequest plain = get("/chat", "Host", "h");
        assertEquals(Optional.empty(), plain.sslSession());
        SSLSession session = SSLContext.getDefault().createSSLEngine().getSession();
        HandshakeRequest withSession = plain.withSslSession(session);
        assertSame(session, withSession.sslSession().orElseThrow());
        assertEquals(plain, withSession, "the same request");
        assertEquals(plain.requestLine(), withSession.requestLine());
        assertEquals(plain.headers(), withSession.headers());
        assertEquals(Optional.empty(), plain.sslSession(), "the original is unchanged");
    }
}
