package net.websocket.itest.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.ProxySelector;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import net.websocket.api.Connection;
import net.websocket.api.HandshakeException;
import net.websocket.api.Message;
import net.websocket.api.WebSocketClient;
import net.websocket.api.WebSocketServer;
import net.websocket.examples.Main;
import net.websocket.examples.internal.Tls;
import net.websocket.itest.support.Tinyproxy;
import net.websocket.nio.WebSockets;
import net.websocket.runtime.ClientOptions;
import net.websocket.runtime.ServerOptions;

/**
 * Our client through a real HTTP proxy, tinyproxy: {@code ws://} and {@code wss://} through its CONNECT tunnel
 * (TLS end to end with the server, the certificate checked for the URI's host), its refusal of a port or a host it
 * does not tunnel to, its Basic authentication (407, then the Authenticator's credentials; none or wrong ones fail
 * clearly), and {@code ./ws cat --proxy} and {@code ./ws connect --proxy}. Skipped, with the reason, where tinyproxy
 * is not installed; CI installs it ({@code scripts/install-peers}).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TinyproxyTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    static Path dir;

    private static WebSocketServer plain;
    private static WebSocketServer secure;
    private static SSLContext trust;
    private static String fingerprint;
    private static Tinyproxy open;
    private static Tinyproxy guarded;

    private static final net.websocket.api.Handler ECHO = c -> {
        for (Message m; (m = c.receive()) != null;) {
            c.send(m);
        }
    };

    @BeforeAll
    static void start() throws Exception {
        if (Tinyproxy.unavailableReason() != null) {
            return; // each test is skipped with the reason (requireTinyproxy)
        }
        plain = WebSockets.serve(ServerOptions.builder().address(new InetSocketAddress("127.0.0.1", 0)).build(), ECHO);
        Tls.SelfSigned cert = Tls.selfSigned("127.0.0.1");
        fingerprint = cert.fingerprint();
        secure = WebSockets.serve(ServerOptions.builder().address(new InetSocketAddress("127.0.0.1", 0))
                .tls(cert.context()).build(), ECHO);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("server", cert.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        trust = SSLContext.getInstance("TLS");
        trust.init(null, tmf.getTrustManagers(), null);
        List<Integer> ports = List.of(plain.port(), secure.port());
        open = Tinyproxy.start(dir, ports, null, null);
        guarded = Tinyproxy.start(dir, ports, "user", "s3cret");
    }

    /** Skips the test, saying why, where tinyproxy is not installed (so each shows as skipped in the report). */
    @BeforeEach
    void requireTinyproxy() {
        String why = Tinyproxy.unavailableReason();
        assumeTrue(why == null, () -> "tinyproxy tests skipped: " + why);
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {open, guarded, plain, secure}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // closing anyway
            }
        }
    }

    private static ClientOptions.Builder through(Tinyproxy proxy) {
        return ClientOptions.builder().proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", proxy.port())))
                .sslContext(trust);
    }

    private static void echoes(WebSocketClient client, URI uri, Tinyproxy proxy) throws Exception {
        try (Connection c = client.connect(uri, net.websocket.api.ConnectRequest.builder().timeout(TIMEOUT)
                .build())) {
            assertEquals(proxy.port(), c.remoteAddress().getPort(), "the TCP peer is the proxy");
            c.sendText("through " + uri.getScheme());
            assertEquals("through " + uri.getScheme(), c.receiveText());
            c.sendBinary(new byte[70_000]);
            assertEquals(70_000, c.receive().bytes().length);
        }
    }

    @Test
    void wsThroughTheTunnel() throws Exception {
        echoes(WebSockets.client(through(open).build()), URI.create("ws://127.0.0.1:" + plain.port() + "/echo"),
                open);
    }

    @Test
    void wssThroughTheTunnelWithTheServersCertificateCheckedForTheUrisHost() throws Exception {
        // "localhost": SNI and host name verification use the URI's host, which the proxy (127.0.0.1) resolves
        echoes(WebSockets.client(through(open).build()), URI.create("wss://localhost:" + secure.port() + "/echo"),
                open);
    }

    @Test
    void aPortTheProxyDoesNotTunnelToIsRefusedWithItsStatus() {
        int other = plain.port() == 1 ? 2 : 1;
        HandshakeException e = assertThrows(HandshakeException.class, () -> WebSockets.client(through(open).build())
                .connect(URI.create("ws://127.0.0.1:" + other + "/"), net.websocket.api.ConnectRequest.builder()
                        .timeout(TIMEOUT).build()));
        assertEquals(403, e.status(), e.getMessage());
        assertTrue(e.getMessage().contains("refused the tunnel to 127.0.0.1:" + other), e.getMessage());
    }

    @Test
    void aHostOutsideTheProxysAllowListIsRefusedWithItsStatus() {
        // the proxy tunnels to 127.0.0.1 and localhost only; it refuses this one without connecting
        HandshakeException e = assertThrows(HandshakeException.class, () -> WebSockets.client(through(open).build())
                .connect(URI.create("ws://127.0.0.2:" + plain.port() + "/"), net.websocket.api.ConnectRequest
                        .builder().timeout(TIMEOUT).build()));
        assertEquals(403, e.status(), e.getMessage());
        assertTrue(e.getMessage().contains("refused the tunnel to 127.0.0.2:" + plain.port()), e.getMessage());
    }

    @Test
    void aProxyAskingForCredentialsGetsThemFromTheAuthenticator() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        Authenticator auth = new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                asked.incrementAndGet();
                return getRequestorType() == RequestorType.PROXY
                        ? new PasswordAuthentication("user", "s3cret".toCharArray()) : null;
            }
        };
        WebSocketClient client = WebSockets.client(through(guarded).authenticator(auth).build());
        echoes(client, URI.create("ws://127.0.0.1:" + plain.port() + "/echo"), guarded);
        assertEquals(1, asked.get(), "asked once, after the 407");
        echoes(client, URI.create("wss://127.0.0.1:" + secure.port() + "/echo"), guarded);
    }

    @Test
    void withoutCredentialsTheProxysRefusalFailsTheConnect() {
        HandshakeException e = assertThrows(HandshakeException.class, () -> WebSockets.client(through(guarded)
                .build()).connect(URI.create("ws://127.0.0.1:" + plain.port() + "/echo")));
        assertEquals(407, e.status());
        assertTrue(e.getMessage().contains("no Authenticator"), e.getMessage());
    }

    @Test
    void wrongCredentialsFailTheConnectAfterOneRetry() {
        AtomicInteger asked = new AtomicInteger();
        Authenticator wrong = new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                asked.incrementAndGet();
                return new PasswordAuthentication("user", "wrong".toCharArray());
            }
        };
        HandshakeException e = assertThrows(HandshakeException.class, () -> WebSockets.client(through(guarded)
                .authenticator(wrong).build()).connect(URI.create("ws://127.0.0.1:" + plain.port() + "/echo")));
        // tinyproxy 1.11 answers wrong credentials with 401 rather than a second 407; either way the connect fails
        // with the proxy's refusal, and without asking again
        assertTrue(e.status() == 407 || e.status() == 401, e.getMessage());
        assertTrue(e.getMessage().contains("refused the tunnel to 127.0.0.1:" + plain.port()), e.getMessage());
        assertEquals(1, asked.get());
    }

    @Test
    void wsConnectTakesTheProxyOptionForWss() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(new String[] {"connect", "wss://127.0.0.1:" + secure.port() + "/echo", "--proxy",
            "http://127.0.0.1:" + open.port(), "--trust-fingerprint", fingerprint},
                new ByteArrayInputStream("through the tunnel\n".getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("< through the tunnel\n"),
                out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void wsCatTakesTheProxyOption() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(new String[] {"cat", "ws://127.0.0.1:" + plain.port() + "/echo", "--proxy",
            "http://user:s3cret@127.0.0.1:" + guarded.port()},
                new ByteArrayInputStream("one\ntwo\n".getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
        assertEquals("one\ntwo\n", out.toString(StandardCharsets.UTF_8));
    }
}
