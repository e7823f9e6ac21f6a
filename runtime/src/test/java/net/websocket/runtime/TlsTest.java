package net.websocket.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import net.websocket.api.CloseCodes;
import net.websocket.api.CloseStatus;
import net.websocket.api.ConnectRequest;
import net.websocket.api.Connection;
import net.websocket.api.Handler;
import net.websocket.api.HandshakeDecision;
import net.websocket.api.HandshakeException;
import net.websocket.api.Message;
import net.websocket.api.PayloadType;
import net.websocket.api.ServiceMapper;
import net.websocket.api.WebSocketClient;
import net.websocket.api.WebSocketException;
import net.websocket.api.WebSocketServer;
import net.websocket.nio.WebSockets;

/**
 * {@code wss://}: our server with our client and with the JDK's WebSocket client, certificates made at test time,
 * host name verification, SNI, refused renegotiation, and TLS-level faults that must not disturb other connections.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TlsTest {

    @TempDir
    static Path dir;

    /** For 127.0.0.1 and localhost. */
    static Path keyStore;
    static X509Certificate cert;
    /** For another name only. */
    static Path otherKeyStore;
    static X509Certificate otherCert;

    static WebSocketServer server;
    static WebSocketClient client;
    /**
     * The server's handshake timeout, which covers the TLS handshake: the default, because every test needs its
     * handshakes to succeed, and a TLS handshake on a loaded machine can take seconds (one took over 2 s beside a
     * CPU hog).
     */
    static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    /** The handshake timeout of the server of the two tests of silent clients, which wait for it (no handshake ends). */
    static final Duration SILENT_TIMEOUT = Duration.ofSeconds(1);
    static final LinkedBlockingQueue<Boolean> hookSawSecure = new LinkedBlockingQueue<>();

    @BeforeAll
    static void start() throws Exception {
        keyStore = TestCerts.generate(dir, "localhost", "ip:127.0.0.1,dns:localhost");
        cert = TestCerts.certificate(keyStore);
        otherKeyStore = TestCerts.generate(dir, "other", "dns:other.example");
        otherCert = TestCerts.certificate(otherKeyStore);
        Handler uriEcho = c -> {
            c.sendText(c.uri().getScheme());
            for (Message m; (m = c.receive()) != null;) {
                c.send(m);
            }
        };
        server = WebSockets.serve(TestSupport.options().tls(keyStore, TestCerts.PASSWORD.toCharArray())
                .handshakeTimeout(HANDSHAKE_TIMEOUT).handshakeHook(r -> {
                    hookSawSecure.add(r.secure());
                    return HandshakeDecision.accept();
                }).build(), ServiceMapper.builder()
                .route("/echo", ServiceMapper.none(TestSupport.ECHO))
                .route("/scheme", ServiceMapper.none(uriEcho))
                .build());
        client = WebSockets.client(ClientOptions.builder().sslContext(TestCerts.trusting(cert))
                .closeTimeout(Duration.ofSeconds(3)).build());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static URI wss(String path) {
        return URI.create("wss://127.0.0.1:" + server.port() + path);
    }

    private static void goodStillWorks() throws Exception {
        try (Connection c = client.connect(wss("/echo"))) {
            c.sendText("still fine");
            assertEquals("still fine", c.receiveText());
        }
    }

    // ------------------------------------------------------------------------------------ our client

    @Test
    void echoOverTls() throws Exception {
        hookSawSecure.clear();
        try (Connection c = client.connect(wss("/scheme"))) {
            assertEquals("wss", c.receiveText(), "the server's connection URI");
            assertEquals(Boolean.TRUE, hookSawSecure.poll(5, TimeUnit.SECONDS), "HandshakeRequest.secure()");
            c.sendText("hello over TLS");
            assertEquals("hello over TLS", c.receiveText());
            byte[] big = new byte[900 * 1024]; // many TLS records each way, under the 1 MiB default limit
            new java.util.Random(1).nextBytes(big);
            c.sendBinary(big);
            assertArrayEquals(big, c.receive().bytes());
            c.sendFragment(PayloadType.TEXT, ByteBuffer.wrap("frag".getBytes(StandardCharsets.UTF_8)), false);
            c.sendFragment(PayloadType.CONTINUATION, ByteBuffer.wrap("ments".getBytes(StandardCharsets.UTF_8)),
                    true);
            assertEquals("fragments", c.receiveText());
            assertEquals(java.time.Duration.class, c.ping(ByteBuffer.wrap(new byte[] {1})).toCompletableFuture()
                    .get(5, TimeUnit.SECONDS).getClass());
        }
    }

    @Test
    void manySmallMessagesBothWaysAtOnce() throws Exception {
        try (Connection c = client.connect(wss("/echo"))) {
            int n = 2000;
            Thread sender = new Thread(() -> {
                try {
                    for (int i = 0; i < n; i++) {
                        c.sendText("m" + i);
                    }
                } catch (IOException e) {
                    // the receiver fails
                }
            });
            sender.start();
            for (int i = 0; i < n; i++) {
                assertEquals("m" + i, c.receiveText());
            }
            sender.join(10_000);
        }
    }

    @Test
    void closingHandshakesOverTls() throws Exception {
        Connection c = client.connect(wss("/echo"));
        c.close(4000, "bye");
        assertNull(c.receive());
        assertEquals(new CloseStatus(4000, "", true), c.closed().toCompletableFuture().get(10, TimeUnit.SECONDS));
        try (WebSocketServer s = WebSockets.serve(TestSupport.options()
                .tls(TestCerts.serverContext(keyStore)).build(), x -> x.close(4001, "server bye"))) {
            Connection d = client.connect(URI.create("wss://127.0.0.1:" + s.port() + "/"));
            assertNull(d.receive());
            assertEquals(new CloseStatus(4001, "server bye", true),
                    d.closed().toCompletableFuture().get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void hybi00OverTlsAnswersWssLocations() throws Exception {
        // the hybi-00 client checks Sec-WebSocket-Location against the wss:// URI it asked for
        try (Connection c = client.connect(wss("/echo"), ConnectRequest.builder().variant(ConnectRequest.HYBI00)
                .build())) {
            assertEquals("hybi00", c.variant());
            c.sendText("old but secure");
            assertEquals("old but secure", c.receiveText());
        }
    }

    @Test
    void refusalsAreReadableOverTls() throws Exception {
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().tls(TestCerts.serverContext(keyStore))
                .build(), ServiceMapper.builder().route("/only", ServiceMapper.none(TestSupport.ECHO)).build())) {
            HandshakeException e = assertThrows(HandshakeException.class,
                    () -> client.connect(URI.create("wss://127.0.0.1:" + s.port() + "/elsewhere")));
            assertEquals(404, e.status());
        }
    }

    @Test
    void shutdownClosesTlsConnectionsWithGoingAway() throws Exception {
        WebSocketServer s = WebSockets.serve(TestSupport.options().tls(TestCerts.serverContext(keyStore)).build(),
                TestSupport.ECHO);
        List<Connection> cs = new ArrayList<>();
        List<CompletableFuture<Message>> ends = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Connection c = client.connect(URI.create("wss://127.0.0.1:" + s.port() + "/"));
            cs.add(c);
            ends.add(c.receiveAsync().toCompletableFuture()); // reads, so answers the close at once
        }
        long t0 = System.nanoTime();
        s.close();
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) < 2500, "graceful, not timed out");
        for (int i = 0; i < cs.size(); i++) {
            assertNull(ends.get(i).get(10, TimeUnit.SECONDS));
            assertEquals(new CloseStatus(CloseCodes.GOING_AWAY, "going away", true),
                    cs.get(i).closed().toCompletableFuture().get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void backpressureOverTls() throws Exception {
        int limit = 128 * 1024;
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicReference<net.websocket.runtime.internal.WsConnection> side =
                new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicInteger received = new java.util.concurrent.atomic.AtomicInteger();
        Handler lazy = c -> {
            side.set((net.websocket.runtime.internal.WsConnection) c);
            release.await();
            for (Message m; (m = c.receive()) != null;) {
                assertEquals(received.getAndIncrement() & 0xff, m.bytes()[0] & 0xff);
            }
        };
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().tls(TestCerts.serverContext(keyStore))
                .inboundQueueLimit(limit).build(), lazy)) {
            Connection c = WebSockets.client(ClientOptions.builder().sslContext(TestCerts.trusting(cert))
                    .outboundQueueLimit(limit).build()).connect(URI.create("wss://127.0.0.1:" + s.port() + "/"));
            java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
            Thread sender = new Thread(() -> {
                try {
                    for (int i = 0; i < 4096; i++) { // 64 MiB if nothing held it back: more than socket buffers
                        byte[] b = new byte[16 * 1024];
                        b[0] = (byte) i;
                        c.sendBinary(b);
                        sent.incrementAndGet();
                    }
                } catch (IOException e) {
                    // the test fails on the count
                }
            });
            sender.start();
            Await.until("the sender's count stops moving", Await.steady(sent::get, Duration.ofMillis(200)));
            assertTrue(sender.isAlive(), "the sender is held back");
            long queued = side.get().inboundQueued();
            assertTrue(queued <= limit + 64 * 1024 + 16 * 1024, "server queue bounded: " + queued);
            assertTrue(sent.get() < 4096 / 2, "held back after " + sent.get() + " messages");
            release.countDown();
            sender.join(60_000);
            Await.until("every message received", Duration.ofSeconds(60), () -> received.get() >= 4096);
            assertEquals(4096, received.get(), "every message, in order");
            c.close();
        }
    }

    // ------------------------------------------------------------------------------------ JDK client

    @Test
    void jdkWebSocketClientOverTls() throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(TestCerts.trusting(cert)).build();
        LinkedBlockingQueue<String> got = new LinkedBlockingQueue<>();
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        java.net.http.WebSocket.Listener l = new java.net.http.WebSocket.Listener() {
            private final StringBuilder sb = new StringBuilder();

            @Override
            public CompletionStage<?> onText(java.net.http.WebSocket ws, CharSequence data, boolean last) {
                sb.append(data);
                if (last) {
                    got.add(sb.toString());
                    sb.setLength(0);
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(java.net.http.WebSocket ws, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }
        };
        java.net.http.WebSocket ws = http.newWebSocketBuilder().buildAsync(wss("/echo"), l).get(10,
                TimeUnit.SECONDS);
        ws.sendText("from the JDK", true).get(5, TimeUnit.SECONDS);
        assertEquals("from the JDK", got.poll(10, TimeUnit.SECONDS));
        String large = "x".repeat(200_000);
        ws.sendText(large, true).get(5, TimeUnit.SECONDS);
        assertEquals(large, got.poll(10, TimeUnit.SECONDS));
        ws.sendClose(1000, "done").get(5, TimeUnit.SECONDS);
        assertEquals(1000, closed.get(10, TimeUnit.SECONDS));
    }

    // --------------------------------------------------------------------------------- verification

    @Test
    void untrustedCertificateIsRefusedByDefault() throws Exception {
        WebSocketClient defaults = WebSockets.client(ClientOptions.defaults());
        WebSocketException e = assertThrows(WebSocketException.class, () -> defaults.connect(wss("/echo")));
        assertTrue(e.getMessage().contains("TLS handshake"), e.getMessage());
        goodStillWorks();
    }

    @Test
    void hostNameIsVerifiedUnlessTurnedOff() throws Exception {
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().tls(TestCerts.serverContext(otherKeyStore))
                .build(), TestSupport.ECHO)) {
            URI uri = URI.create("wss://127.0.0.1:" + s.port() + "/");
            SSLContext trustsOther = TestCerts.trusting(otherCert);
            WebSocketException e = assertThrows(WebSocketException.class,
                    () -> WebSockets.client(ClientOptions.builder().sslContext(trustsOther).build()).connect(uri));
            assertTrue(e.getMessage().contains("TLS handshake"), e.getMessage());
            try (Connection c = WebSockets.client(ClientOptions.builder().sslContext(trustsOther)
                    .hostnameVerification(false).build()).connect(uri)) {
                c.sendText("pinned");
                assertEquals("pinned", c.receiveText());
            }
        }
    }

    /** A JDK TLS server that records the server names the client asked for, then answers the handshake. */
    private static List<SNIServerName> sniSeenBy(String host) throws Exception {
        SSLContext ctx = TestCerts.serverContext(keyStore);
        try (SSLServerSocket ss = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 1,
                InetAddress.getByName("127.0.0.1"))) {
            CompletableFuture<List<SNIServerName>> seen = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try (SSLSocket sock = (SSLSocket) ss.accept()) {
                    sock.startHandshake();
                    seen.complete(((ExtendedSSLSession) sock.getSession()).getRequestedServerNames());
                    String head = Raw.readHead(sock.getInputStream());
                    sock.getOutputStream().write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                            + "Connection: Upgrade\r\nSec-WebSocket-Accept: "
                            + Raw.accept(Raw.header(head, "Sec-WebSocket-Key")) + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    sock.getOutputStream().flush();
                    Raw.readFrame(sock.getInputStream()); // the client's close
                } catch (Exception e) {
                    seen.completeExceptionally(e);
                }
            });
            t.start();
            Connection c = client.connect(URI.create("wss://" + host + ":" + ss.getLocalPort() + "/"));
            c.abort();
            t.join(10_000);
            return seen.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void serverNameIndicationIsSentForHostNamesOnly() throws Exception {
        List<SNIServerName> named = sniSeenBy("localhost");
        assertEquals(1, named.size());
        assertEquals("localhost", new String(named.get(0).getEncoded(), StandardCharsets.US_ASCII));
        assertEquals(List.of(), sniSeenBy("127.0.0.1"), "no SNI for an IP literal (RFC 6066)");
    }

    // --------------------------------------------------------------------------------------- faults

    @Test
    void renegotiationIsRefused() throws Exception {
        SSLContext ctx = TestCerts.trusting(cert);
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket()) {
            s.setEnabledProtocols(new String[] {"TLSv1.2"});
            s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(Raw.upgrade("/echo").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertTrue(Raw.readHead(in).startsWith("HTTP/1.1 101 "));
            out.write(Raw.clientFrame(0x81, "before".getBytes(StandardCharsets.UTF_8)));
            out.flush();
            assertEquals("before", Raw.readFrame(in).text());
            boolean refused;
            try {
                s.startHandshake(); // TLS 1.2: a renegotiation
                out.write(Raw.clientFrame(0x81, "after".getBytes(StandardCharsets.UTF_8)));
                out.flush();
                refused = in.read() < 0;
            } catch (IOException e) {
                refused = true;
            }
            assertTrue(refused, "the server drops a connection that renegotiates");
        }
        goodStillWorks();
    }

    @Test
    void plainHttpToTheTlsPortIsDropped() throws Exception {
        try (Socket s = Raw.open(server.port())) {
            s.getOutputStream().write(Raw.upgrade("/echo").getBytes(StandardCharsets.US_ASCII));
            String r = Raw.readToEnd(s.getInputStream());
            assertTrue(!r.startsWith("HTTP/1.1 101"), r);
        }
        goodStillWorks();
    }

    @Test
    void silentTlsClientIsDroppedAfterTheHandshakeTimeout() throws Exception {
        try (WebSocketServer quick = silentClientServer()) {
            long t0 = System.nanoTime(); // before the server accepts, so before its handshake timer can start
            try (Socket s = Raw.open(quick.port())) {
                s.setSoTimeout((int) SILENT_TIMEOUT.toMillis() + 10_000);
                assertEquals(-1, s.getInputStream().read());
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                assertTrue(ms >= SILENT_TIMEOUT.toMillis() && ms < SILENT_TIMEOUT.toMillis() + 6000,
                        "dropped after " + ms + " ms");
            }
        }
        goodStillWorks();
    }

    /** A TLS server like the shared one, whose handshake timeout ({@link #SILENT_TIMEOUT}) the silent clients meet. */
    private static WebSocketServer silentClientServer() throws IOException {
        return WebSockets.serve(TestSupport.options().tls(keyStore, TestCerts.PASSWORD.toCharArray())
                .handshakeTimeout(SILENT_TIMEOUT).build(), TestSupport.ECHO);
    }

    @Test
    void tlsClientThatStopsMidHandshakeIsDropped() throws Exception {
        // a TLS ClientHello cut short, then silence
        SSLContext ctx = TestCerts.trusting(cert);
        javax.net.ssl.SSLEngine e = ctx.createSSLEngine();
        e.setUseClientMode(true);
        e.beginHandshake();
        ByteBuffer hello = ByteBuffer.allocate(e.getSession().getPacketBufferSize());
        e.wrap(ByteBuffer.allocate(0), hello);
        hello.flip();
        try (WebSocketServer quick = silentClientServer(); Socket s = Raw.open(quick.port())) {
            s.getOutputStream().write(hello.array(), 0, hello.remaining() / 2);
            s.setSoTimeout((int) SILENT_TIMEOUT.toMillis() + 10_000);
            long t0 = System.nanoTime();
            assertEquals(-1, s.getInputStream().read());
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) < SILENT_TIMEOUT.toMillis() + 6000);
        }
        goodStillWorks();
    }
}
