package net.websocket.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import net.websocket.api.CloseCodes;
import net.websocket.api.CloseStatus;
import net.websocket.api.ConnectRequest;
import net.websocket.api.Connection;
import net.websocket.api.HandshakeException;
import net.websocket.api.Message;
import net.websocket.api.WebSocketServer;
import net.websocket.nio.WebSockets;
import net.websocket.testsupport.JdkWebSocketRecorder;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each service of the example server, as documented, seen through our client and the JDK's. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ExampleServerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static WebSocketServer server;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        server = ExampleServer.start("127.0.0.1", 0);
        base = "ws://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static URI uri(String path) {
        return URI.create(base + path);
    }

    private static Message next(Connection c) throws Exception {
        Message m = c.receive(WAIT);
        assertNotNull(m, "connection closed early");
        return m;
    }

    private static void assertClosedNormallyByServer(Connection c) throws Exception {
        assertNull(c.receive(WAIT), "expected end of stream");
        CloseStatus status = c.closed().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(CloseCodes.NORMAL, status.code(), status.toString());
    }

    @Test
    void bannerNamesTheAddressAndPaths() {
        assertEquals("net.websocket example server listening on ws://127.0.0.1:" + server.port()
                + "/ (paths: /echo /test-server /test /time /origin-echo)", ExampleServer.banner(server));
    }

    // ---------------------------------------------------------------------------------------------- /echo

    @Test
    void echoReturnsTextAndBinaryUnchanged() throws Exception {
        try (Connection c = WebSockets.connect(uri("/echo"))) {
            c.sendText("héllo wörld ✓");
            assertEquals(Message.text("héllo wörld ✓"), next(c));
            byte[] bytes = {0, 1, 2, (byte) 0xff, (byte) 0x80};
            c.sendBinary(bytes);
            Message m = next(c);
            assertTrue(m.isBinary());
            assertArrayEquals(bytes, m.bytes());
            c.sendText("");
            assertEquals(Message.text(""), next(c));
        }
    }

    @Test
    void echoKeepsOrderAndHandlesLargeMessages() throws Exception {
        try (Connection c = WebSockets.connect(uri("/echo"))) {
            for (int i = 0; i < 200; i++) {
                c.sendText("message " + i);
            }
            for (int i = 0; i < 200; i++) {
                assertEquals("message " + i, next(c).text());
            }
            byte[] big = new byte[512 * 1024];
            for (int i = 0; i < big.length; i++) {
                big[i] = (byte) (i * 31);
            }
            c.sendBinary(big);
            assertArrayEquals(big, next(c).bytes());
        }
    }

    @Test
    void echoWithTheJdkClient() throws Exception {
        try (JdkWebSocketRecorder c = JdkWebSocketRecorder.connect(uri("/echo"))) {
            c.socket().sendText("from the JDK", true).get(10, TimeUnit.SECONDS);
            assertEquals("from the JDK", c.nextText());
            // a fragmented text message comes back whole
            c.socket().sendText("frag", false).get(10, TimeUnit.SECONDS);
            c.socket().sendText("mented", true).get(10, TimeUnit.SECONDS);
            assertEquals("fragmented", c.nextText());
            c.socket().sendBinary(ByteBuffer.wrap(new byte[] {9, 8, 7}), true).get(10, TimeUnit.SECONDS);
            assertArrayEquals(new byte[] {9, 8, 7}, (byte[]) c.next());
        }
    }

    // --------------------------------------------------------------------------------------- /test-server

    @Test
    void testServerAnswersAndSaysGoodbye() throws Exception {
        Connection c = WebSockets.connect(uri("/test-server"));
        c.sendText("x");
        assertEquals("You said: x", nextSkippingWaits(c));
        c.sendText("goodbye");
        assertEquals("Goodbye!", nextSkippingWaits(c));
        assertClosedNormallyByServer(c);
    }

    @Test
    void testServerSaysItWaitedAnotherSecond() throws Exception {
        try (Connection c = WebSockets.connect(uri("/test-server"))) {
            long start = System.nanoTime();
            assertEquals("Waited another second", next(c).text());
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(elapsedMillis >= 800, "too soon: " + elapsedMillis + " ms");
            assertEquals("Waited another second", next(c).text());
        }
    }

    @Test
    void testServerWithTheJdkClient() throws Exception {
        try (JdkWebSocketRecorder c = JdkWebSocketRecorder.connect(uri("/test-server"))) {
            c.socket().sendText("hi", true).get(10, TimeUnit.SECONDS);
            assertEquals("You said: hi", nextTextSkippingWaits(c));
            assertEquals("Waited another second", c.nextText());
            c.socket().sendText("goodbye", true).get(10, TimeUnit.SECONDS);
            assertEquals("Goodbye!", nextTextSkippingWaits(c));
            assertEquals(WebSocket.NORMAL_CLOSURE, c.awaitClose());
        }
    }

    private static String nextSkippingWaits(Connection c) throws Exception {
        String s;
        do {
            s = next(c).text();
        } while (s.equals(TestServerHandler.WAITED));
        return s;
    }

    private static String nextTextSkippingWaits(JdkWebSocketRecorder c) throws Exception {
        String s;
        do {
            s = c.nextText();
        } while (s.equals(TestServerHandler.WAITED));
        return s;
    }

    // ---------------------------------------------------------------------------------------------- /test

    @Test
    void testWithTheSubprotocol() throws Exception {
        try (Connection c = WebSockets.connect(uri("/test"),
                ConnectRequest.builder().subprotocols("subprotocol").build())) {
            assertEquals(Optional.of("subprotocol"), c.subprotocol());
            assertEquals("You requested a subprotocol", next(c).text());
            c.sendText("more");
            assertEquals("You said: more", nextSkippingWaits(c));
        }
    }

    @Test
    void testWithoutASubprotocol() throws Exception {
        try (Connection c = WebSockets.connect(uri("/test?foo=bar"))) {
            assertEquals(Optional.empty(), c.subprotocol());
            assertEquals("You didn't explicitly request a subprotocol", next(c).text());
        }
    }

    @Test
    void testPicksTheKnownSubprotocolAmongOthers() throws Exception {
        try (Connection c = WebSockets.connect(uri("/test"),
                ConnectRequest.builder().subprotocols("chat", "subprotocol").build())) {
            assertEquals(Optional.of("subprotocol"), c.subprotocol());
            assertEquals("You requested a subprotocol", next(c).text());
        }
    }

    @Test
    void testRefusesOnlyUnknownSubprotocols() {
        HandshakeException e = assertThrows(HandshakeException.class, () -> WebSockets.connect(uri("/test"),
                ConnectRequest.builder().subprotocols("chat").build()));
        assertEquals(400, e.status());
    }

    @Test
    void testSubprotocolBranchesWithTheJdkClient() throws Exception {
        try (JdkWebSocketRecorder c = JdkWebSocketRecorder.connect(uri("/test"), List.of("subprotocol"))) {
            assertEquals("subprotocol", c.socket().getSubprotocol());
            assertEquals("You requested a subprotocol", c.nextText());
        }
        try (JdkWebSocketRecorder c = JdkWebSocketRecorder.connect(uri("/test"))) {
            assertEquals("", c.socket().getSubprotocol());
            assertEquals("You didn't explicitly request a subprotocol", c.nextText());
        }
    }

    @Test
    void unknownPathIsNotFound() {
        HandshakeException e = assertThrows(HandshakeException.class, () -> WebSockets.connect(uri("/nowhere")));
        assertEquals(404, e.status());
    }

    // ---------------------------------------------------------------------------------------------- /time

    @Test
    void timeSendsTheTimeEverySecond() throws Exception {
        try (Connection c = WebSockets.connect(uri("/time"))) {
            OffsetDateTime first = OffsetDateTime.parse(next(c).text());
            c.sendText("keepalive, ignored");
            OffsetDateTime second = OffsetDateTime.parse(next(c).text());
            long gap = Duration.between(first, second).toMillis();
            assertTrue(gap >= 500 && gap <= 3000, "gap " + gap + " ms");
            assertTrue(Duration.between(first, OffsetDateTime.now()).abs().toSeconds() < 30);
        }
    }

    @Test
    void timeWithTheJdkClient() throws Exception {
        try (JdkWebSocketRecorder c = JdkWebSocketRecorder.connect(uri("/time"))) {
            OffsetDateTime first = OffsetDateTime.parse(c.nextText());
            OffsetDateTime second = OffsetDateTime.parse(c.nextText());
            assertTrue(second.isAfter(first));
        }
    }

    // --------------------------------------------------------------------------------------- /origin-echo

    @Test
    void originEchoRefusesAForeignOrigin() {
        HandshakeException e = assertThrows(HandshakeException.class, () -> WebSockets.connect(uri("/origin-echo"),
                ConnectRequest.builder().header("Origin", "http://evil.example").build()));
        assertEquals(403, e.status());
    }

    @Test
    void originEchoRefusesAForeignOriginForTheJdkClient() {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> JdkWebSocketRecorder.connect(uri("/origin-echo"), List.of(), "Origin",
                        "https://localhost.evil.example"));
        WebSocketHandshakeException h = assertInstanceOf(WebSocketHandshakeException.class, e.getCause());
        assertEquals(403, h.getResponse().statusCode());
    }

    @Test
    void originEchoAcceptsLocalOrigins() throws Exception {
        for (String origin : List.of("null", "file://", "http://localhost:8080", "https://127.0.0.1",
                "http://[::1]:3000")) {
            try (Connection c = WebSockets.connect(uri("/origin-echo"),
                    ConnectRequest.builder().header("Origin", origin).build())) {
                c.sendText("echo " + origin);
                assertEquals("echo " + origin, next(c).text());
                c.sendBinary(new byte[] {1, 2});
                assertArrayEquals(new byte[] {1, 2}, next(c).bytes());
            }
        }
    }

    @Test
    void originEchoWithTheJdkClientAndAGoodOrigin() throws Exception {
        try (JdkWebSocketRecorder c = JdkWebSocketRecorder.connect(uri("/origin-echo"), List.of(), "Origin",
                "http://127.0.0.1:8000")) {
            c.socket().sendText("ok", true).get(10, TimeUnit.SECONDS);
            assertEquals("ok", c.nextText());
        }
    }

    @Test
    void originEchoAcceptsClientsThatSendNoOrigin() throws Exception {
        try (Connection c = WebSockets.connect(uri("/origin-echo"))) {
            c.sendText("no origin");
            assertEquals("no origin", next(c).text());
        }
    }

    @Test
    void originRule() {
        assertTrue(OriginCheck.isAllowed("null"));
        assertTrue(OriginCheck.isAllowed("file:///home/me/client.html"));
        assertTrue(OriginCheck.isAllowed("HTTP://LOCALHOST"));
        assertFalse(OriginCheck.isAllowed("http://localhost.example"));
        assertFalse(OriginCheck.isAllowed("http://127.0.0.1.example:80"));
        assertFalse(OriginCheck.isAllowed("ftp://localhost"));
        assertFalse(OriginCheck.isAllowed("http://example.com"));
    }
}
