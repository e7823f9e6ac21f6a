package net.websocket.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Authenticator;
import java.net.ConnectException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import net.websocket.api.ConnectRequest;
import net.websocket.api.Connection;
import net.websocket.api.HandshakeDecision;
import net.websocket.api.HandshakeException;
import net.websocket.api.Headers;
import net.websocket.api.WebSocketClient;
import net.websocket.api.WebSocketException;
import net.websocket.api.WebSocketServer;
import net.websocket.nio.WebSockets;

/**
 * The client's networking against canned HTTP peers and our own server: redirects (followed only when asked, within
 * a limit, never in a loop), cookies (sent and kept, also across a redirect), and what a proxy's refusals, silence
 * and 407 do (the tunnel itself through a real proxy: itest {@code TinyproxyTest}).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClientNetworkingTest {

    private static final String EMPTY = "Content-Length: 0\r\n\r\n";

    private static WebSocketClient client(ClientOptions.Builder b) {
        return WebSockets.client(b.closeTimeout(Duration.ofSeconds(3)).build());
    }

    private static String redirect(int status, String location) {
        return "HTTP/1.1 " + status + " Moved\r\nLocation: " + location + "\r\n" + EMPTY;
    }

    // ---------------------------------------------------------------------------------------------- redirects

    @Test
    void aRedirectFailsTheConnectUnlessFollowingIsTurnedOn() throws Exception {
        try (WebSocketServer s = TestSupport.serve(TestSupport.ECHO);
                CannedHttpPeer moved = new CannedHttpPeer((head, n) -> redirect(301, TestSupport.uri(s, "/echo")
                        .toString()))) {
            HandshakeException e = assertThrows(HandshakeException.class, () -> client(ClientOptions.builder())
                    .connect(URI.create("ws://127.0.0.1:" + moved.port() + "/old")));
            assertEquals(301, e.status());
            assertEquals(TestSupport.uri(s, "/echo").toString(), e.responseHeaders().get("Location"));
            assertTrue(e.getMessage().contains("maxRedirects is 0"), e.getMessage());
        }
    }

    @Test
    void aRedirectIsFollowedAndAnHttpLocationIsTakenAsWs() throws Exception {
        try (WebSocketServer s = TestSupport.serve(TestSupport.ECHO);
                CannedHttpPeer moved = new CannedHttpPeer((head, n) -> redirect(308, "http://127.0.0.1:" + s.port()
                        + "/echo?x=1#ignored"))) {
            WebSocketClient client = client(ClientOptions.builder().maxRedirects(5));
            try (Connection c = client.connect(URI.create("ws://127.0.0.1:" + moved.port() + "/old"))) {
                assertEquals(URI.create("ws://127.0.0.1:" + s.port() + "/echo?x=1"), c.uri());
                c.sendText("after a redirect");
                assertEquals("after a redirect", c.receiveText());
            }
            assertTrue(moved.nextHead().startsWith("GET /old HTTP/1.1\r\n"));
        }
    }

    @Test
    void moreRedirectsThanTheLimitFailTheConnect() throws Exception {
        // /hop/N sends to /hop/N+1 (a relative Location) for ever
        try (CannedHttpPeer hops = new CannedHttpPeer((head, n) -> {
            int hop = Integer.parseInt(head.substring("GET /hop/".length(), head.indexOf(" HTTP/")));
            return redirect(302, "/hop/" + (hop + 1));
        })) {
            HandshakeException e = assertThrows(HandshakeException.class,
                    () -> client(ClientOptions.builder().maxRedirects(3))
                            .connect(URI.create("ws://127.0.0.1:" + hops.port() + "/hop/0")));
            assertEquals(302, e.status());
            assertTrue(e.getMessage().contains("more than 3 redirects"), e.getMessage());
            for (int i = 0; i <= 3; i++) {
                assertTrue(hops.nextHead().startsWith("GET /hop/" + i + " "));
            }
            assertEquals(0, hops.headsWaiting(), "no request after the limit");
        }
    }

    @Test
    void aRedirectLoopFailsTheConnect() throws Exception {
        try (CannedHttpPeer loop = new CannedHttpPeer((head, n) -> redirect(307, head.startsWith("GET /a ")
                ? "/b" : "/a"))) {
            HandshakeException e = assertThrows(HandshakeException.class,
                    () -> client(ClientOptions.builder().maxRedirects(10))
                            .connect(URI.create("ws://127.0.0.1:" + loop.port() + "/a")));
            assertTrue(e.getMessage().contains("redirect loop"), e.getMessage());
            assertTrue(loop.nextHead().startsWith("GET /a "));
            assertTrue(loop.nextHead().startsWith("GET /b "));
            assertEquals(0, loop.headsWaiting(), "the loop was seen before /a was asked again");
        }
    }

    @Test
    void aRedirectFromWssToWsIsFollowedOnlyWhenAllowed(@TempDir Path dir) throws Exception {
        Path keyStore = TestCerts.generate(dir, "server", "ip:127.0.0.1");
        try (WebSocketServer s = TestSupport.serve(TestSupport.ECHO);
                CannedHttpPeer moved = new CannedHttpPeer(TestCerts.serverContext(keyStore),
                        (head, n) -> redirect(302, TestSupport.uri(s, "/echo").toString()))) {
            URI secure = URI.create("wss://127.0.0.1:" + moved.port() + "/");
            ClientOptions.Builder options = ClientOptions.builder().maxRedirects(3)
                    .sslContext(TestCerts.trusting(TestCerts.certificate(keyStore)));
            HandshakeException e = assertThrows(HandshakeException.class, () -> client(options).connect(secure));
            assertEquals(302, e.status());
            assertTrue(e.getMessage().contains("from encrypted to plain is not followed"), e.getMessage());
            try (Connection c = client(options.redirectToPlainAllowed(true)).connect(secure)) {
                assertEquals(TestSupport.uri(s, "/echo"), c.uri());
                c.sendText("in the clear");
                assertEquals("in the clear", c.receiveText());
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ cookies

    @Test
    void theCookieHandlersCookiesAreSentAndSetCookieIsKeptBeforeConnectReturns() throws Exception {
        BlockingQueue<String> sent = new LinkedBlockingQueue<>();
        ServerOptions options = TestSupport.options().handshakeHook(req -> {
            sent.add(req.headers().first("Cookie").orElse("(none)"));
            return HandshakeDecision.accept(Headers.of("Set-Cookie", "session=abc; Path=/; HttpOnly"), null);
        }).build();
        CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        try (WebSocketServer s = WebSockets.serve(options, TestSupport.ECHO)) {
            WebSocketClient client = client(ClientOptions.builder().cookieHandler(cookies));
            try (Connection c = client.connect(TestSupport.uri(s, "/echo"))) {
                assertEquals("(none)", sent.poll(10, TimeUnit.SECONDS));
                assertEquals(1, cookies.getCookieStore().getCookies().size(), "kept by the time connect returned");
            }
            try (Connection c = client.connect(TestSupport.uri(s, "/echo"))) {
                String cookie = sent.poll(10, TimeUnit.SECONDS);
                assertTrue(cookie != null && cookie.matches("session=\"?abc\"?.*"), cookie);
                assertEquals(cookie, c.requestHeaders().get("Cookie"));
            }
        }
    }

    @Test
    void aCookieSetByARedirectGoesToItsLocation() throws Exception {
        BlockingQueue<String> sent = new LinkedBlockingQueue<>();
        ServerOptions options = TestSupport.options().handshakeHook(req -> {
            sent.add(req.headers().first("Cookie").orElse("(none)"));
            return HandshakeDecision.accept();
        }).build();
        try (WebSocketServer s = WebSockets.serve(options, TestSupport.ECHO);
                CannedHttpPeer moved = new CannedHttpPeer((head, n) -> "HTTP/1.1 302 Found\r\nSet-Cookie: hop=1; "
                        + "Path=/\r\nLocation: " + TestSupport.uri(s, "/echo") + "\r\n" + EMPTY)) {
            WebSocketClient client = client(ClientOptions.builder().maxRedirects(1)
                    .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL)));
            try (Connection c = client.connect(URI.create("ws://127.0.0.1:" + moved.port() + "/"),
                    ConnectRequest.builder().header("Cookie", "own=2").build())) {
                String cookie = sent.poll(10, TimeUnit.SECONDS);
                assertTrue(cookie != null && cookie.matches("own=2; hop=\"?1\"?.*"), cookie);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ proxies

    /** A selector that sends every URI to one proxy and keeps what it was asked and told. */
    private static final class OneProxy extends ProxySelector {
        final Proxy proxy;
        final BlockingQueue<URI> asked = new LinkedBlockingQueue<>();
        final CompletableFuture<IOException> failed = new CompletableFuture<>();

        OneProxy(Proxy proxy) {
            this.proxy = proxy;
        }

        static OneProxy http(int port) {
            return new OneProxy(new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", port)));
        }

        @Override
        public List<Proxy> select(URI uri) {
            asked.add(uri);
            return List.of(proxy);
        }

        @Override
        public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
            failed.complete(ioe);
        }
    }

    @Test
    void aProxyThatRefusesTheTunnelFailsTheConnectWithItsStatus() throws Exception {
        try (CannedHttpPeer proxy = new CannedHttpPeer((head, n) -> "HTTP/1.1 403 Forbidden\r\n" + EMPTY)) {
            OneProxy selector = OneProxy.http(proxy.port());
            HandshakeException e = assertThrows(HandshakeException.class,
                    () -> client(ClientOptions.builder().proxy(selector))
                            .connect(URI.create("wss://127.0.0.1:9/secret?q=1")));
            assertEquals(403, e.status());
            assertTrue(e.getMessage().contains("the proxy 127.0.0.1:" + proxy.port()
                    + " refused the tunnel to 127.0.0.1:9: HTTP/1.1 403 Forbidden"), e.getMessage());
            assertEquals(URI.create("https://127.0.0.1:9/secret?q=1"), selector.asked.poll());
            String head = proxy.nextHead();
            assertEquals("CONNECT 127.0.0.1:9 HTTP/1.1\r\nHost: 127.0.0.1:9", head,
                    "only the authority goes to the proxy; no credentials unasked");
        }
    }

    @Test
    void theExplicitProxyOptionGoesThroughThatProxy() throws Exception {
        try (CannedHttpPeer proxy = new CannedHttpPeer((head, n) -> "HTTP/1.1 502 Bad Gateway\r\n" + EMPTY)) {
            // unresolved: the proxy's name is looked up when connecting
            HandshakeException e = assertThrows(HandshakeException.class, () -> client(ClientOptions.builder()
                    .httpProxy(InetSocketAddress.createUnresolved("127.0.0.1", proxy.port())))
                    .connect(URI.create("ws://127.0.0.1:9/")));
            assertEquals(502, e.status());
            assertEquals("CONNECT 127.0.0.1:9 HTTP/1.1\r\nHost: 127.0.0.1:9", proxy.nextHead());
        }
    }

    @Test
    void a407IsAnsweredOnceWithTheAuthenticatorsBasicCredentials() throws Exception {
        String challenge = "HTTP/1.1 407 Proxy Authentication Required\r\n"
                + "Proxy-Authenticate: Basic realm=\"test realm\"\r\n" + EMPTY;
        AtomicInteger asked = new AtomicInteger();
        BlockingQueue<String> requests = new LinkedBlockingQueue<>();
        Authenticator authenticator = new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                asked.incrementAndGet();
                requests.add(getRequestorType() + " " + getRequestingScheme() + " " + getRequestingPrompt() + " "
                        + getRequestingHost() + ":" + getRequestingPort());
                return new PasswordAuthentication("user", "pass".toCharArray());
            }
        };
        try (CannedHttpPeer proxy = new CannedHttpPeer((head, n) -> challenge)) {
            HandshakeException e = assertThrows(HandshakeException.class,
                    () -> client(ClientOptions.builder().proxy(OneProxy.http(proxy.port()))
                            .authenticator(authenticator)).connect(URI.create("ws://127.0.0.1:9/")));
            assertEquals(407, e.status());
            assertTrue(e.getMessage().contains("the credentials were not accepted"), e.getMessage());
            assertFalse(proxy.nextHead().contains("Proxy-Authorization"), "nothing sent before the proxy asks");
            assertTrue(proxy.nextHead().contains("\r\nProxy-Authorization: Basic dXNlcjpwYXNz"), "user:pass");
            assertEquals(0, proxy.headsWaiting(), "one retry only");
            assertEquals(1, asked.get());
            assertEquals("PROXY Basic test realm 127.0.0.1:" + proxy.port(), requests.poll());
        }
    }

    @Test
    void a407WithoutAnAuthenticatorFailsClearly() throws Exception {
        try (CannedHttpPeer proxy = new CannedHttpPeer((head, n) -> "HTTP/1.1 407 Proxy Authentication Required\r\n"
                + "Proxy-Authenticate: Basic realm=\"x\"\r\n" + EMPTY)) {
            HandshakeException e = assertThrows(HandshakeException.class,
                    () -> client(ClientOptions.builder().proxy(OneProxy.http(proxy.port())))
                            .connect(URI.create("ws://127.0.0.1:9/")));
            assertEquals(407, e.status());
            assertTrue(e.getMessage().contains("no Authenticator"), e.getMessage());
            assertEquals("Basic realm=\"x\"", e.responseHeaders().get("Proxy-Authenticate"));
        }
    }

    @Test
    void aSilentProxyIsCutOffByTheConnectTimeout() throws Exception {
        try (CannedHttpPeer proxy = new CannedHttpPeer((head, n) -> null)) {
            long start = System.nanoTime();
            assertThrows(SocketTimeoutException.class,
                    () -> client(ClientOptions.builder().proxy(OneProxy.http(proxy.port())))
                            .connect(URI.create("ws://127.0.0.1:9/"),
                                    ConnectRequest.builder().timeout(Duration.ofMillis(500)).build()));
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "within the timeout (and grace)");
        }
    }

    @Test
    void aProxyAnswerLargerThanTheHeadLimitFails() throws Exception {
        try (CannedHttpPeer proxy = new CannedHttpPeer((head, n) -> "HTTP/1.1 200 OK\r\nX-Padding: "
                + "a".repeat(10_000) + "\r\n\r\n")) {
            HandshakeException e = assertThrows(HandshakeException.class,
                    () -> client(ClientOptions.builder().proxy(OneProxy.http(proxy.port())))
                            .connect(URI.create("ws://127.0.0.1:9/")));
            assertTrue(e.getMessage().contains("larger than 8192"), e.getMessage());
        }
    }

    @Test
    void noProxyFromTheSelectorConnectsDirectly() throws Exception {
        try (WebSocketServer s = TestSupport.serve(TestSupport.ECHO)) {
            OneProxy selector = new OneProxy(Proxy.NO_PROXY);
            try (Connection c = client(ClientOptions.builder().proxy(selector)).connect(TestSupport.uri(s, "/e"))) {
                c.sendText("direct");
                assertEquals("direct", c.receiveText());
                assertEquals(s.port(), c.remoteAddress().getPort());
            }
            assertEquals(URI.create("http://127.0.0.1:" + s.port() + "/e"), selector.asked.poll());
        }
    }

    @Test
    void aSocksProxyIsRefused() {
        OneProxy socks = new OneProxy(new Proxy(Proxy.Type.SOCKS, new InetSocketAddress("127.0.0.1", 9)));
        WebSocketException e = assertThrows(WebSocketException.class,
                () -> client(ClientOptions.builder().proxy(socks)).connect(URI.create("ws://127.0.0.1:9/")));
        assertTrue(e.getMessage().contains("only HTTP proxies"), e.getMessage());
    }

    @Test
    void anUnreachableProxyFailsTheConnectAndIsReportedToTheSelector() throws Exception {
        int closed;
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closed = ss.getLocalPort();
        }
        OneProxy selector = OneProxy.http(closed);
        ConnectException e = assertThrows(ConnectException.class,
                () -> client(ClientOptions.builder().proxy(selector)).connect(URI.create("ws://127.0.0.1:9/")));
        assertTrue(e.getMessage().contains("cannot reach the proxy 127.0.0.1:" + closed), e.getMessage());
        assertTrue(selector.failed.get(10, TimeUnit.SECONDS) != null, "connectFailed was called");
    }

    @Test
    void theDefaultsAreDirectWithoutRedirectsOrCookies() {
        ClientOptions o = ClientOptions.defaults();
        assertTrue(o.proxy().isEmpty());
        assertTrue(o.authenticator().isEmpty());
        assertTrue(o.cookieHandler().isEmpty());
        assertEquals(0, o.maxRedirects());
        assertFalse(o.redirectToPlainAllowed());
        assertTrue(o.toBuilder().redirectToPlainAllowed(true).build().redirectToPlainAllowed());
        assertTrue(o.toBuilder().httpProxy(new InetSocketAddress("127.0.0.1", 3128)).build().proxy().isPresent());
        assertTrue(o.toBuilder().httpProxy(new InetSocketAddress("127.0.0.1", 3128)).httpProxy(null).build().proxy()
                .isEmpty());
        assertThrows(IllegalArgumentException.class, () -> ClientOptions.builder().maxRedirects(-1));
        assertThrows(IllegalArgumentException.class,
                () -> ClientOptions.builder().maxRedirects(ClientOptions.REDIRECTS_LIMIT + 1));
        assertNull(o.toBuilder().maxRedirects(3).build().proxy().orElse(null));
    }
}
