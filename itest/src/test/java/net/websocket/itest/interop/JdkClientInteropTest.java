package net.websocket.itest.interop;

import net.websocket.api.CloseStatus;
import net.websocket.itest.support.InteropCommands;
import net.websocket.itest.support.InteropServer;
import net.websocket.itest.support.JdkWebSocketPeer;
import net.websocket.itest.support.JdkWebSocketPeer.Binary;
import net.websocket.itest.support.JdkWebSocketPeer.Closed;
import net.websocket.itest.support.JdkWebSocketPeer.Ping;
import net.websocket.itest.support.JdkWebSocketPeer.Pong;
import net.websocket.itest.support.JdkWebSocketPeer.Text;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JDK's {@code java.net.http.WebSocket} client against our server. */
class JdkClientInteropTest {

    /** Large enough to span many reads and writes on both sides, well under the server's 16 MiB limit. */
    private static final int LARGE = 6 * 1024 * 1024;

    private static InteropServer server;

    @BeforeAll
    static void start() throws Exception {
        server = InteropServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void textAndBinaryEcho() throws Exception {
        try (JdkWebSocketPeer peer = JdkWebSocketPeer.connect(server.uri("/echo"))) {
            WebSocket ws = peer.ws();
            ws.sendText("hello", true).get(10, TimeUnit.SECONDS);
            assertEquals("hello", peer.next(Text.class).text());
            String unicode = "Grüße, 世界 \uD83D\uDE00";
            ws.sendText(unicode, true).get(10, TimeUnit.SECONDS);
            assertEquals(unicode, peer.next(Text.class).text());
            ws.sendText("", true).get(10, TimeUnit.SECONDS);
            assertEquals("", peer.next(Text.class).text());
            byte[] bytes = {0, 1, 2, (byte) 0xff, (byte) 0x80};
            ws.sendBinary(ByteBuffer.wrap(bytes), true).get(10, TimeUnit.SECONDS);
            assertArrayEquals(bytes, peer.next(Binary.class).data());
            for (int i = 0; i < 100; i++) {
                ws.sendText("m" + i, true).get(10, TimeUnit.SECONDS);
            }
            for (int i = 0; i < 100; i++) {
                assertEquals("m" + i, peer.next(Text.class).text(), "messages stay in order");
            }
        }
    }

    @Test
    void fragmentedFromClient() throws Exception {
        try (JdkWebSocketPeer peer = JdkWebSocketPeer.connect(server.uri("/echo"))) {
            WebSocket ws = peer.ws();
            ws.sendText("Hel", false).get(10, TimeUnit.SECONDS);
            ws.sendText("lo, w", false).get(10, TimeUnit.SECONDS);
            ws.sendText("örld", true).get(10, TimeUnit.SECONDS);
            assertEquals("Hello, wörld", peer.next(Text.class).text());
            ws.sendBinary(ByteBuffer.wrap(new byte[] {1, 2}), false).get(10, TimeUnit.SECONDS);
            // a ping between fragments is allowed and answered at once
            ws.sendPing(ByteBuffer.wrap(new byte[] {9})).get(10, TimeUnit.SECONDS);
            ws.sendBinary(ByteBuffer.wrap(new byte[] {3}), false).get(10, TimeUnit.SECONDS);
            ws.sendBinary(ByteBuffer.wrap(new byte[] {4, 5}), true).get(10, TimeUnit.SECONDS);
            assertArrayEquals(new byte[] {9}, peer.next(Pong.class).data());
            assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, peer.next(Binary.class).data());
        }
    }

    @Test
    void fragmentedFromServer() throws Exception {
        try (JdkWebSocketPeer peer = JdkWebSocketPeer.connect(server.uri("/echo"))) {
            String text = "fragments: naïve café ☕ end";
            peer.ws().sendText(InteropCommands.fragmentMe(text), true).get(10, TimeUnit.SECONDS);
            Text t = peer.next(Text.class);
            assertEquals(text, t.text());
            assertTrue(t.parts() >= 2, "the JDK delivers a fragmented message in parts, got " + t.parts());
        }
    }

    @Test
    void largeMessages() throws Exception {
        byte[] data = new byte[LARGE];
        new Random(42).nextBytes(data);
        StringBuilder sb = new StringBuilder(LARGE);
        Random r = new Random(7);
        while (sb.length() < LARGE) {
            sb.append(r.nextInt(10) == 0 ? "€" : String.valueOf((char) ('a' + r.nextInt(26))));
        }
        String text = sb.toString();
        try (JdkWebSocketPeer peer = JdkWebSocketPeer.connect(server.uri("/echo"))) {
            peer.ws().sendBinary(ByteBuffer.wrap(data), true).get(30, TimeUnit.SECONDS);
            assertArrayEquals(data, peer.next(Binary.class).data());
            peer.ws().sendText(text, true).get(30, TimeUnit.SECONDS);
            assertEquals(text, peer.next(Text.class).text());
        }
    }

    @Test
    void pingPongBothWays() throws Exception {
        try (JdkWebSocketPeer peer = JdkWebSocketPeer.connect(server.uri("/echo"))) {
            byte[] payload = "are you there?".getBytes(StandardCharsets.UTF_8);
            peer.ws().sendPing(ByteBuffer.wrap(payload)).get(10, TimeUnit.SECONDS);
            assertArrayEquals(payload, peer.next(Pong.class).data());
            // the JDK answers the server's ping by itself; the server reports the pong it got
            peer.ws().sendText(InteropCommands.pingMe("srv-1"), true).get(10, TimeUnit.SECONDS);
            assertArrayEquals("srv-1".getBytes(StandardCharsets.UTF_8), peer.next(Ping.class).data());
            assertEquals("pong:srv-1", peer.next(Text.class).text());
        }
    }

    @Test
    void clientClosesWithCodeAndReason() throws Exception {
        server.closes().clear();
        try (JdkWebSocketPeer peer = JdkWebSocketPeer.connect(server.uri("/echo"))) {
            peer.ws().sendClose(4000, "client bye").get(10, TimeUnit.SECONDS);
            Closed reply = peer.next(Closed.class);
            assertEquals(4000, reply.code(), "the server echoes the client's close code");
            CloseStatus seen = server.nextClose();
            assertNotNull(seen, "server saw no close");
            assertEquals(4000, seen.code());
            assertEquals("client bye", seen.reason());
            assertTrue(seen.remote());
        }
    }

    @Test
    void clientClosesNormallyWithoutReason() throws Exception {
        server.closes().clear();
        try (JdkWebSocketPeer peer = JdkWebSocketPeer.connect(server.uri("/echo"))) {
            peer.ws().sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
            assertEquals(1000, peer.next(Closed.class).code());
            CloseStatus seen = server.nextClose();
            assertNotNull(seen);
            assertEquals(1000, seen.code());
            assertEquals("", seen.reason());
        }
    }

    @Test
    void serverClosesWithCodeAndReason() throws Exception {
        server.closes().clear();
        try (JdkWebSocketPeer peer = JdkWebSocketPeer.connect(server.uri("/echo"))) {
            peer.ws().sendText(InteropCommands.close(4002, "server bye ✓"), true).get(10, TimeUnit.SECONDS);
            Closed closed = peer.next(Closed.class);
            assertEquals(4002, closed.code());
            assertEquals("server bye ✓", closed.reason());
            CloseStatus seen = server.nextClose();
            assertNotNull(seen, "server saw no close");
            assertEquals(4002, seen.code());
        }
    }

    @Test
    void subprotocolNegotiation() throws Exception {
        try (JdkWebSocketPeer peer = JdkWebSocketPeer.connect(server.uri("/proto"), "v1.chat")) {
            assertEquals("v1.chat", peer.ws().getSubprotocol());
            assertEquals("subprotocol=v1.chat", peer.next(Text.class).text());
        }
        try (JdkWebSocketPeer peer = JdkWebSocketPeer.connect(server.uri("/proto"), "x.chat", "v2.chat",
                "v1.chat")) {
            assertEquals("v2.chat", peer.ws().getSubprotocol(), "the first offered one the server has");
            assertEquals("subprotocol=v2.chat", peer.next(Text.class).text());
            peer.ws().sendText("after negotiation", true).get(10, TimeUnit.SECONDS);
            assertEquals("after negotiation", peer.next(Text.class).text());
        }
        try (JdkWebSocketPeer peer = JdkWebSocketPeer.connect(server.uri("/proto"))) {
            assertEquals("", peer.ws().getSubprotocol());
            assertEquals("subprotocol=none", peer.next(Text.class).text());
        }
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> JdkWebSocketPeer.connect(server.uri("/proto"), "nope.chat"));
        WebSocketHandshakeException e = assertInstanceOf(WebSocketHandshakeException.class, refused.getCause());
        assertEquals(400, e.getResponse().statusCode());
    }

    @Test
    void unknownPathIsRefused() {
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> JdkWebSocketPeer.connect(server.uri("/nowhere")));
        WebSocketHandshakeException e = assertInstanceOf(WebSocketHandshakeException.class, refused.getCause());
        assertEquals(404, e.getResponse().statusCode());
    }
}
