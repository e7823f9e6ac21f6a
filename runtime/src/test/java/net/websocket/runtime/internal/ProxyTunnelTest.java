package net.websocket.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import net.websocket.api.HandshakeException;
import net.websocket.api.Headers;

/** The CONNECT request, the reading of Basic challenges and the Basic credentials, with no socket. */
class ProxyTunnelTest {

    private static String text(ByteBuffer b) {
        return StandardCharsets.ISO_8859_1.decode(b).toString();
    }

    @Test
    void theRequestNamesOnlyTheAuthorityWithAnExplicitPort() {
        assertEquals("CONNECT example.test:443 HTTP/1.1\r\nHost: example.test:443\r\n\r\n",
                text(ProxyTunnel.request(URI.create("wss://example.test/path?secret=1"), null)));
        assertEquals("CONNECT example.test:80 HTTP/1.1\r\nHost: example.test:80\r\n\r\n",
                text(ProxyTunnel.request(URI.create("ws://example.test"), null)));
        assertEquals("CONNECT [::1]:8080 HTTP/1.1\r\nHost: [::1]:8080\r\nProxy-Authorization: Basic x\r\n\r\n",
                text(ProxyTunnel.request(URI.create("ws://[::1]:8080/"), "Basic x")));
    }

    @Test
    void basicChallengesAreFoundAmongOthers() {
        assertEquals("tinyproxy", realm("Basic realm=\"tinyproxy\""));
        assertEquals("a \"quoted\" realm", realm("basic realm=\"a \\\"quoted\\\" realm\""));
        assertEquals("r", realm("Negotiate, Digest realm=\"d\", nonce=\"n\"", "Basic realm=r, charset=\"UTF-8\""));
        assertEquals("x", realm("Digest realm=\"d\", nonce=\"n\", Basic realm=\"x\""));
        assertEquals("", realm("Basic"));
        assertNull(realm("Digest realm=\"basic\", nonce=\"n\""));
        assertNull(realm("Basicish realm=\"x\""));
        assertNull(ProxyTunnel.basicRealm(Headers.empty()));
    }

    @Test
    void basicCredentialsAreUtf8InBase64() {
        assertEquals("Basic dXNlcjpwYXNz", ProxyTunnel.basic(new PasswordAuthentication("user", "pass".toCharArray())));
        assertEquals("Basic w6Q6w7w=", ProxyTunnel.basic(new PasswordAuthentication("\u00e4", "\u00fc".toCharArray())));
    }

    @Test
    void theAnswerIsTakenInPiecesAndNothingMayFollowA2xx() throws Exception {
        URI target = URI.create("wss://example.test/");
        Proxy proxy = new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved("proxy.test", 3128));
        ProxyTunnel t = new ProxyTunnel(proxy, target, null, 8192);
        assertNull(t.answer(ascii("HTTP/1.1 200 Connection est")));
        HttpHeadParser answer = t.answer(ascii("ablished\r\n\r\n"));
        assertEquals(200, answer.status());
        HandshakeException e = assertThrows(HandshakeException.class, () -> new ProxyTunnel(proxy, target, null,
                8192).answer(ascii("HTTP/1.1 200 OK\r\n\r\n\u0016\u0003\u0001")));
        assertTrue(e.getMessage().contains("the proxy proxy.test:3128 sent data after opening the tunnel"),
                e.getMessage());
        assertEquals("the proxy proxy.test:3128 refused the tunnel to example.test:443: HTTP/1.1 200 Connection established (x)",
                t.refused(answer, "x").getMessage());
    }

    private static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void onlyA2xxOpensTheTunnel() {
        assertTrue(ProxyTunnel.established(200));
        assertTrue(ProxyTunnel.established(204));
        assertFalse(ProxyTunnel.established(407));
        assertFalse(ProxyTunnel.established(101));
    }

    private static String realm(String... values) {
        Headers.Builder b = Headers.builder();
        for (String v : values) {
            b.add("Proxy-Authenticate", v);
        }
        return ProxyTunnel.basicRealm(b.build());
    }
}
