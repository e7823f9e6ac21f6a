package net.websocket.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import net.websocket.api.CloseCodes;
import net.websocket.api.CloseStatus;
import net.websocket.api.Connection;
import net.websocket.api.Handler;
import net.websocket.api.Message;
import net.websocket.api.ServiceMapper;
import net.websocket.api.WebSocketClient;
import net.websocket.api.WebSocketServer;
import net.websocket.nio.WebSockets;

/** Closing handshakes from both sides, handler outcomes, pings, idle timeouts. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClosingTest {

    static WebSocketServer server;
    static WebSocketClient client;
    /** Close statuses the server-side handlers saw. */
    static final BlockingQueue<CloseStatus> serverSaw = new ArrayBlockingQueue<>(100);

    @BeforeAll
    static void start() throws Exception {
        Handler recordClose = c -> {
            while (c.receive() != null) {
                // drain
            }
            serverSaw.add(c.closed().toCompletableFuture().get(10, TimeUnit.SECONDS));
        };
        Handler serverCloses = c -> {
            String cmd = c.receiveText();
            String[] parts = cmd.split(" ", 2);
            c.close(Integer.parseInt(parts[0]), parts.length > 1 ? parts[1] : "");
            assertNull(c.receive());
        };
        Handler returns = c -> c.sendText("bye");
        Handler throwsUp = c -> {
            c.sendText("about to fail");
            throw new IllegalStateException("handler failure (expected by the test)");
        };
        Handler pingsClient = c -> {
            Duration rtt = c.ping(ByteBuffer.wrap(new byte[] {1, 2, 3})).toCompletableFuture().get(5,
                    TimeUnit.SECONDS);
            c.sendText("rtt " + rtt.toNanos());
            c.receive();
        };
        server = WebSockets.serve(TestSupport.options().build(), ServiceMapper.builder()
                .route("/record", ServiceMapper.none(recordClose))
                .route("/server-closes", ServiceMapper.none(serverCloses))
                .route("/returns", ServiceMapper.none(returns))
                .route("/throws", ServiceMapper.none(throwsUp))
                .route("/pings", ServiceMapper.none(pingsClient))
                .route("/echo", ServiceMapper.none(TestSupport.ECHO))
                .build());
        client = TestSupport.client();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void clientCloseCodeAndReasonReachServer() throws Exception {
        serverSaw.clear();
        Connection c = client.connect(TestSupport.uri(server, "/record"));
        c.close(4001, "client says bye");
        assertTrue(c.isClosed());
        assertNull(c.receive());
        CloseStatus mine = c.closed().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(new CloseStatus(4001, "", true), mine, "the server echoes the code");
        CloseStatus theirs = serverSaw.poll(10, TimeUnit.SECONDS);
        assertEquals(new CloseStatus(4001, "client says bye", true), theirs);
        assertEquals(mine, c.closeStatus().orElseThrow());
    }

    @Test
    void serverCloseCodeAndReasonReachClient() throws Exception {
        Connection c = client.connect(TestSupport.uri(server, "/server-closes"));
        c.sendText("4002 server says bye");
        assertNull(c.receive());
        CloseStatus st = c.closed().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(new CloseStatus(4002, "server says bye", true), st);
    }

    @Test
    void closeIsIdempotentAndValidatesCodes() throws Exception {
        Connection c = client.connect(TestSupport.uri(server, "/echo"));
        for (int bad : new int[] {0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000}) {
            assertThrows(IllegalArgumentException.class, () -> c.close(bad, ""), "code " + bad);
        }
        assertFalse(c.isClosed());
        assertTrue(c.closeStatus().isEmpty());
        c.close(1000, "first");
        c.close(4000, "second is ignored");
        c.close();
        CloseStatus st = c.closed().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(1000, st.code());
    }

    @Test
    void handlerReturningCloses1000() throws Exception {
        Connection c = client.connect(TestSupport.uri(server, "/returns"));
        assertEquals("bye", c.receiveText());
        assertNull(c.receive());
        assertEquals(CloseCodes.NORMAL, c.closed().toCompletableFuture().get(10, TimeUnit.SECONDS).code());
    }

    @Test
    void handlerThrowingCloses1011() throws Exception {
        Connection c = client.connect(TestSupport.uri(server, "/throws"));
        assertEquals("about to fail", c.receiveText());
        assertNull(c.receive());
        assertEquals(CloseCodes.INTERNAL_ERROR, c.closed().toCompletableFuture().get(10, TimeUnit.SECONDS).code());
    }

    @Test
    void pingMeasuresRoundTrip() throws Exception {
        try (Connection c = client.connect(TestSupport.uri(server, "/echo"))) {
            for (int i = 0; i < 3; i++) {
                Duration rtt = c.ping(ByteBuffer.wrap(("p" + i).getBytes(StandardCharsets.UTF_8)))
                        .toCompletableFuture().get(5, TimeUnit.SECONDS);
                assertTrue(rtt.toNanos() > 0 && rtt.toSeconds() < 5, rtt.toString());
            }
            assertThrows(IllegalArgumentException.class, () -> c.ping(ByteBuffer.allocate(126)));
            c.pong(ByteBuffer.wrap(new byte[] {9})); // unsolicited, ignored by the server
            c.sendText("still fine");
            assertEquals("still fine", c.receiveText());
        }
    }

    @Test
    void serverPingIsAnsweredByClient() throws Exception {
        try (Connection c = client.connect(TestSupport.uri(server, "/pings"))) {
            String msg = c.receiveText();
            assertTrue(msg.startsWith("rtt "), msg);
        }
    }

    @Test
    void pendingPingFailsWhenConnectionCloses() throws Exception {
        // a raw server that never answers pings, then drops the connection
        try (java.net.ServerSocket ss = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            Thread t = new Thread(() -> {
                try (Socket s = ss.accept()) {
                    String head = Raw.readHead(s.getInputStream());
                    String key = Raw.header(head, "Sec-WebSocket-Key");
                    s.getOutputStream().write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                            + "Connection: Upgrade\r\nSec-WebSocket-Accept: " + Raw.accept(key) + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    Raw.readFrame(s.getInputStream()); // the ping, masked: read raw
                } catch (Exception e) {
                    // done
                }
            });
            t.start();
            Connection c = client.connect(java.net.URI.create("ws://127.0.0.1:" + ss.getLocalPort() + "/"));
            var ping = c.ping(ByteBuffer.wrap(new byte[] {7})).toCompletableFuture();
            t.join(10_000);
            CloseStatus st = c.closed().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertEquals(CloseCodes.ABNORMAL, st.code());
            assertFalse(st.remote());
            assertTrue(ping.isCompletedExceptionally());
        }
    }

    @Test
    void tcpDropIsAbnormal() throws Exception {
        serverSaw.clear();
        Connection c = client.connect(TestSupport.uri(server, "/record"));
        c.abort();
        assertTrue(c.isClosed());
        CloseStatus mine = c.closed().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(CloseCodes.ABNORMAL, mine.code());
        CloseStatus theirs = serverSaw.poll(10, TimeUnit.SECONDS);
        assertEquals(new CloseStatus(CloseCodes.ABNORMAL, "", false), theirs);
    }

    @Test
    void closeFrameWithoutCodeIsAnsweredWithout() throws Exception {
        try (Socket s = Raw.open(server.port())) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(Raw.upgrade("/record").getBytes(StandardCharsets.US_ASCII));
            assertTrue(Raw.readHead(in).startsWith("HTTP/1.1 101 "));
            serverSaw.clear();
            out.write(Raw.clientFrame(0x88, new byte[0]));
            Raw.Frame f = Raw.readFrame(in);
            assertEquals(0x88, f.b0());
            assertEquals(0, f.payload().length, "no status code in the answer");
            assertEquals(-1, in.read());
        }
        assertEquals(new CloseStatus(CloseCodes.NO_STATUS, "", true), serverSaw.poll(10, TimeUnit.SECONDS));
    }

    @Test
    void peerThatNeverAnswersCloseIsDroppedAfterCloseTimeout() throws Exception {
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().closeTimeout(Duration.ofMillis(500)).build(),
                c -> c.close(4003, "go"))) {
            try (Socket raw = Raw.open(s.port())) {
                raw.getOutputStream().write(Raw.upgrade("/").getBytes(StandardCharsets.US_ASCII));
                InputStream in = raw.getInputStream();
                assertTrue(Raw.readHead(in).startsWith("HTTP/1.1 101 "));
                assertEquals(4003, Raw.readFrame(in).closeCode());
                long t0 = System.nanoTime();
                int r;
                try {
                    r = in.read(); // we never answer: the server drops us
                } catch (java.io.IOException e) {
                    r = -1;
                }
                assertEquals(-1, r);
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                assertTrue(ms >= 300 && ms < 5000, "dropped after " + ms + " ms");
            }
        }
    }

    @Test
    void idleConnectionIsClosedWith1001() throws Exception {
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().idleTimeout(Duration.ofMillis(400)).build(),
                TestSupport.ECHO)) {
            Connection c = client.connect(TestSupport.uri(s, "/"));
            long t0 = System.nanoTime();
            assertNull(c.receive());
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            CloseStatus st = c.closed().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertEquals(new CloseStatus(CloseCodes.GOING_AWAY, "idle timeout", true), st);
            assertTrue(ms >= 300, "closed after " + ms + " ms");
        }
    }

    @Test
    void activityKeepsConnectionOpen() throws Exception {
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().idleTimeout(Duration.ofMillis(500)).build(),
                TestSupport.ECHO)) {
            try (Connection c = client.connect(TestSupport.uri(s, "/"))) {
                for (int i = 0; i < 8; i++) {
                    assertThrows(TimeoutException.class, () -> c.receive(Duration.ofMillis(150)),
                            "a pause shorter than the idle timeout: nothing arrives, no close either");
                    c.sendText("tick");
                    Message m = c.receive();
                    assertEquals("tick", m.text());
                }
                assertFalse(c.isClosed());
            }
        }
    }
}
