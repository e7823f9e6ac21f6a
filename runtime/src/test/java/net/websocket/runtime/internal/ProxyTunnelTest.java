package net.websocket.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.PasswordAuthentication;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import net.websocket.api.Headers;

/** The CONNECT request, the reading of Basic challenges and the Basic credentials, with no socket. */
class ProxyTunnelTest {

    private static String text(java.nio.ByteBuffer b) {
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
