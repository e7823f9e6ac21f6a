package net.websocket.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import net.websocket.api.CloseCodes;
import net.websocket.api.Connection;
import net.websocket.api.HandshakeDecision;
import net.websocket.api.HandshakeException;
import net.websocket.api.Listener;
import net.websocket.api.PayloadType;
import net.websocket.api.ServiceMapper;
import net.websocket.api.WebSocketClient;
import net.websocket.api.WebSocketException;
import net.websocket.api.WebSocketMetrics;
import net.websocket.api.WebSocketMetrics.RefusalReason;
import net.websocket.api.WebSocketServer;
import net.websocket.nio.WebSockets;

/**
 * The metrics of servers and clients ({@link WebSocketMetrics}) against real connections on loopback: what each side
 * counts for messages, bytes, control frames, closes, refusals by reason (TLS included), and keepalive failures.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MetricsTest {

    /** Echoes on the loop thread: its sends are counted by the loop itself. */
    private static final Listener.NonBlocking FAST_ECHO = new Listener.NonBlocking() {
        @Override
        public void onText(Connection c, String text) throws IOException {
            c.sendText(text);
        }
    };

    private static ServiceMapper echoes() {
        return ServiceMapper.builder()
                .route("/echo", ServiceMapper.none(TestSupport.ECHO)) // sends from a handler thread
                .route("/fast", ServiceMapper.none(FAST_ECHO))
                .build();
    }

    /** Three messages of 3 bytes and a fragmented one of 4, each echoed and read back. */
    private static void exchange(Connection c) throws IOException {
        for (int i = 0; i < 3; i++) {
            c.sendText("abc");
            assertEquals("abc", c.receiveText());
        }
        c.sendFragment(PayloadType.TEXT, ByteBuffer.wrap("ab".getBytes(StandardCharsets.UTF_8)), false);
        c.sendFragment(PayloadType.CONTINUATION, ByteBuffer.wrap("cd".getBytes(StandardCharsets.UTF_8)), true);
        assertEquals("abcd", c.receiveText());
    }

    @Test
    void serverAndClientCountMessagesBytesControlFramesAndCloses() throws Exception {
        WebSocketClient client = TestSupport.client();
        try (WebSocketServer s = TestSupport.serve(echoes())) {
            WebSocketMetrics server = s.metrics();
            WebSocketMetrics mine = client.metrics();
            Connection slow = client.connect(TestSupport.uri(s, "/echo"));
            Connection fast = client.connect(TestSupport.uri(s, "/fast"));
            Await.until("both open on the server", () -> server.openConnections() == 2);
            assertEquals(2, mine.openConnections());
            exchange(slow);
            exchange(fast);
            Duration rtt = slow.ping(ByteBuffer.wrap(new byte[] {7})).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertTrue(!rtt.isNegative());
            slow.close(CloseCodes.NORMAL, "bye");
            fast.close(4001, "application");
            slow.closed().toCompletableFuture().get(10, TimeUnit.SECONDS);
            fast.closed().toCompletableFuture().get(10, TimeUnit.SECONDS);
            Await.until("both closed on the server", () -> server.connectionsClosed() == 2);
            Await.until("both closed on the client", () -> mine.connectionsClosed() == 2);
            // a connection is counted closed before its server or client lets go of it
            Await.until("none open", () -> server.openConnections() == 0 && mine.openConnections() == 0);

            for (WebSocketMetrics m : new WebSocketMetrics[] {server, mine}) {
                assertEquals(0, m.openConnections());
                assertEquals(2, m.handshakesAccepted());
                assertEquals(0, m.handshakesRefused());
                assertEquals(8, m.messagesReceived());
                assertEquals(8, m.messagesSent());
                assertEquals(26, m.bytesReceived());
                assertEquals(26, m.bytesSent());
                assertEquals(Map.of(CloseCodes.NORMAL, 1L, 4001, 1L), m.closeCodes());
                assertEquals(0, m.keepaliveFailures());
                assertEquals(0, m.queuedOutboundBytes());
                assertEquals(2, m.handshakeTimes().count());
                assertTrue(m.handshakeTimes().max().compareTo(m.handshakeTimes().total()) <= 0);
                assertTrue(m.handshakeTimes().max().toNanos() > 0);
                assertEquals(2, m.closeTimes().count());
            }
            assertEquals(1, mine.pingsSent());
            assertEquals(1, server.pingsReceived());
            assertEquals(1, server.pongsSent());
            assertEquals(1, mine.pongsReceived());
            assertEquals(0, server.pingsSent());
            assertEquals(0, mine.pongsSent());
        }
    }

    @Test
    void refusedHandshakesAreCountedByReason() throws Exception {
        ServiceMapper mapper = ServiceMapper.builder()
                .route("/echo", ServiceMapper.none(TestSupport.ECHO))
                .route("/guarded", ServiceMapper.none(TestSupport.ECHO))
                .build();
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().allowedOrigins("https://good.example")
                .handshakeTimeout(Duration.ofMillis(300))
                .handshakeHook(r -> r.path().equals("/guarded") ? HandshakeDecision.reject(401, "no token")
                        : HandshakeDecision.accept())
                .build(), mapper)) {
            WebSocketMetrics m = s.metrics();
            int port = s.port();
            assertEquals(404, Raw.status(Raw.exchange(port, Raw.upgrade("/nowhere"))));
            assertEquals(403, Raw.status(Raw.exchange(port, Raw.upgrade("/echo", "Origin: https://evil.example"))));
            assertEquals(401, Raw.status(Raw.exchange(port, Raw.upgrade("/guarded"))));
            assertEquals(400, Raw.status(Raw.exchange(port, "GET /echo HTTP/1.1\r\nUpgrade: websocket\r\n\r\n")));
            try (Socket silent = Raw.open(port)) {
                assertEquals(-1, silent.getInputStream().read(), "closed at the handshake timeout");
            }
            try (Socket quitter = Raw.open(port)) {
                quitter.getOutputStream().write("GET /echo HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
                quitter.shutdownOutput();
                assertEquals(-1, quitter.getInputStream().read(), "closed when the client went");
            }
            Await.until("six refusals counted", () -> m.handshakesRefused() == 6);
            assertEquals(1, m.handshakesRefused(RefusalReason.NO_ROUTE));
            assertEquals(1, m.handshakesRefused(RefusalReason.ORIGIN));
            assertEquals(1, m.handshakesRefused(RefusalReason.HOOK));
            assertEquals(1, m.handshakesRefused(RefusalReason.BAD_REQUEST));
            assertEquals(1, m.handshakesRefused(RefusalReason.TIMEOUT));
            assertEquals(1, m.handshakesRefused(RefusalReason.DROPPED));
            assertEquals(0, m.handshakesAccepted());
            assertEquals(0, m.handshakeTimes().count());

            WebSocketClient client = TestSupport.client();
            HandshakeException refused = assertThrows(HandshakeException.class,
                    () -> client.connect(TestSupport.uri(s, "/nowhere")));
            assertEquals(404, refused.status());
            assertEquals(1, client.metrics().handshakesRefused(RefusalReason.REJECTED));
            assertEquals(1, client.metrics().handshakesRefused());
        }
    }

    @Test
    void connectionsOverTheLimitAreCountedAsLimits() throws Exception {
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().maxConnections(1).build(), echoes())) {
            WebSocketClient client = TestSupport.client();
            try (Connection first = client.connect(TestSupport.uri(s, "/echo"))) {
                HandshakeException refused = assertThrows(HandshakeException.class,
                        () -> client.connect(TestSupport.uri(s, "/echo")));
                assertEquals(503, refused.status());
                Await.until("the 503 counted", () -> s.metrics().handshakesRefused(RefusalReason.LIMITS) == 1);
                assertEquals(1, s.metrics().handshakesAccepted());
                assertEquals(1, s.metrics().openConnections());
            }
        }
    }

    @Test
    void failedTlsHandshakesAreCountedAsTls(@TempDir Path dir) throws Exception {
        Path keyStore = TestCerts.generate(dir, "localhost", "ip:127.0.0.1,dns:localhost");
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().tls(TestCerts.serverContext(keyStore)).build(),
                echoes())) {
            URI wss = URI.create("wss://127.0.0.1:" + s.port() + "/echo");
            WebSocketClient untrusting = TestSupport.client(); // trusts the JDK's authorities, not the test's
            assertThrows(WebSocketException.class, () -> untrusting.connect(wss));
            assertEquals(1, untrusting.metrics().handshakesRefused(RefusalReason.TLS));
            assertEquals(1, untrusting.metrics().handshakesRefused());
            try (Socket plain = Raw.open(s.port())) {
                plain.getOutputStream().write(Raw.upgrade("/echo").getBytes(StandardCharsets.US_ASCII));
                Raw.readToEnd(plain.getInputStream());
            }
            WebSocketMetrics m = s.metrics();
            Await.until("both failures counted by the server", () -> m.handshakesRefused() == 2);
            assertEquals(2, m.handshakesRefused(RefusalReason.TLS));

            WebSocketClient trusting = WebSockets.client(ClientOptions.builder()
                    .sslContext(TestCerts.trusting(TestCerts.certificate(keyStore))).build());
            try (Connection c = trusting.connect(wss)) {
                c.sendText("abc");
                assertEquals("abc", c.receiveText());
            }
            assertEquals(1, trusting.metrics().handshakesAccepted());
            assertEquals(1, m.handshakesAccepted());
        }
    }

    @Test
    void unansweredKeepalivePingsAreCounted() throws Exception {
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().pingInterval(Duration.ofMillis(200))
                .pongTimeout(Duration.ofMillis(300)).build(), echoes());
                Socket raw = Raw.open(s.port())) {
            raw.getOutputStream().write(Raw.upgrade("/echo").getBytes(StandardCharsets.US_ASCII));
            InputStream in = raw.getInputStream();
            assertTrue(Raw.readHead(in).startsWith("HTTP/1.1 101 "));
            assertEquals(0x89, Raw.readFrame(in).b0(), "a ping, never answered");
            assertEquals(0x88, Raw.readFrame(in).b0(), "then the close frame");
            WebSocketMetrics m = s.metrics();
            Await.until("the connection counted as closed", () -> m.connectionsClosed() == 1);
            assertEquals(1, m.keepaliveFailures());
            assertEquals(1, m.pingsSent());
            assertEquals(0, m.pongsReceived());
            assertEquals(Map.of(CloseCodes.ABNORMAL, 1L), m.closeCodes());
            assertEquals(0, m.closeTimes().count(), "dropped: no closing handshake");
        }
    }
}
