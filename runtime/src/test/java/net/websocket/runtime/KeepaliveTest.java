package net.websocket.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import net.websocket.api.CloseCodes;
import net.websocket.api.CloseStatus;
import net.websocket.api.ConnectRequest;
import net.websocket.api.Connection;
import net.websocket.api.Handler;
import net.websocket.api.Listener;
import net.websocket.api.WebSocketServer;
import net.websocket.nio.WebSockets;

/** Keepalive pings: sent when the connection is quiet, and a peer that shows no sign of life is dropped. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class KeepaliveTest {

    static final Duration INTERVAL = Duration.ofMillis(200);

    @Test
    void defaults() {
        assertEquals(Duration.ofSeconds(15), ServerOptions.defaults().connection().pingInterval());
        assertEquals(Duration.ofSeconds(15), ServerOptions.defaults().connection().pongTimeout());
        assertEquals(Duration.ofSeconds(15), ClientOptions.defaults().connection().pingInterval());
        assertEquals(Duration.ofSeconds(2), ServerOptions.builder().pongTimeout(Duration.ofSeconds(2)).build()
                .connection().pongTimeout());
    }

    /** Records how the server side of each connection ended. */
    private static Handler recording(LinkedBlockingQueue<CloseStatus> ended) {
        return c -> {
            while (c.receive() != null) {
                // drain
            }
            ended.add(c.closed().toCompletableFuture().get(20, TimeUnit.SECONDS));
        };
    }

    private static Socket upgrade(int port) throws Exception {
        return upgrade(port, 0);
    }

    private static Socket upgrade(int port, int receiveBuffer) throws Exception {
        Socket s = Raw.open(port, receiveBuffer);
        s.getOutputStream().write(Raw.upgrade("/").getBytes(StandardCharsets.US_ASCII));
        assertTrue(Raw.readHead(s.getInputStream()).startsWith("HTTP/1.1 101 "));
        return s;
    }

    @Test
    void silentPeerIsPingedThenDropped() throws Exception {
        LinkedBlockingQueue<CloseStatus> ended = new LinkedBlockingQueue<>();
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().pingInterval(INTERVAL)
                .pongTimeout(Duration.ofMillis(300)).build(), recording(ended))) {
            try (Socket raw = upgrade(s.port())) {
                InputStream in = raw.getInputStream();
                long t0 = System.nanoTime();
                Raw.Frame ping = Raw.readFrame(in);
                long pingMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                assertEquals(0x89, ping.b0(), "a ping");
                assertTrue(pingMs >= 150, "pinged after " + pingMs + " ms");
                Raw.Frame close = Raw.readFrame(in); // we never answer
                long closeMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                assertEquals(0x88, close.b0());
                assertEquals(CloseCodes.GOING_AWAY, close.closeCode());
                assertEquals("ping timeout", new String(close.payload(), 2, close.payload().length - 2,
                        StandardCharsets.UTF_8));
                assertTrue(closeMs >= 400 && closeMs < 5000, "dropped after " + closeMs + " ms");
                assertEquals(-1, in.read(), "dropped without waiting for an answer");
            }
            assertEquals(new CloseStatus(CloseCodes.ABNORMAL, "ping timeout", false),
                    ended.poll(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void silentRawPeerIsDroppedAtIntervalPlusPongTimeoutNotLater() throws Exception {
        // as documented: a ping at the interval, the close at interval + pong timeout (not interval + 2 x pong timeout,
        // which a ping that restarted its own wait by being written would give)
        Duration interval = Duration.ofMillis(300);
        Duration pong = Duration.ofMillis(1200);
        LinkedBlockingQueue<CloseStatus> ended = new LinkedBlockingQueue<>();
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().pingInterval(interval).pongTimeout(pong)
                .build(), recording(ended));
                Socket raw = upgrade(s.port())) {
            InputStream in = raw.getInputStream();
            long t0 = System.nanoTime();
            assertEquals(0x89, Raw.readFrame(in).b0(), "a ping");
            long pingMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            Raw.Frame close = Raw.readFrame(in); // never answered
            long closeMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertEquals(0x88, close.b0());
            assertEquals(CloseCodes.GOING_AWAY, close.closeCode());
            assertTrue(pingMs >= 250, "pinged after " + pingMs + " ms");
            long due = interval.plus(pong).toMillis();
            assertTrue(closeMs >= due - 100 && closeMs < due + pong.toMillis(),
                    "dropped after " + closeMs + " ms, due at " + due + " ms");
            assertEquals(-1, in.read(), "the socket is closed");
            assertEquals(new CloseStatus(CloseCodes.ABNORMAL, "ping timeout", false), ended.poll(10,
                    TimeUnit.SECONDS));
        }
    }

    @Test
    void peerThatAnswersPingsStaysAndListenersDoNotSeeKeepalivePongs() throws Exception {
        AtomicInteger pongs = new AtomicInteger();
        LinkedBlockingQueue<CloseStatus> ended = new LinkedBlockingQueue<>();
        Listener counting = new Listener() {
            @Override
            public void onPong(Connection c, ByteBuffer data) {
                pongs.incrementAndGet();
            }

            @Override
            public void onClose(Connection c, CloseStatus status) {
                ended.add(status);
            }
        };
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().pingInterval(INTERVAL).build(), counting)) {
            try (Socket raw = upgrade(s.port())) {
                InputStream in = raw.getInputStream();
                OutputStream out = raw.getOutputStream();
                long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
                int answered = 0;
                while (System.nanoTime() < end) {
                    Raw.Frame ping = Raw.readFrame(in);
                    assertEquals(0x89, ping.b0());
                    out.write(Raw.clientFrame(0x8A, ping.payload()));
                    answered++;
                }
                assertTrue(answered >= 4, answered + " pings in 1.5 s");
                out.write(Raw.clientFrame(0x8A, new byte[] {42})); // unsolicited: the listener sees this one
                out.write(Raw.clientFrame(0x88, new byte[] {3, (byte) 0xe8}));
                Raw.Frame f;
                while ((f = Raw.readFrame(in)).opcode() != 8) {
                    // a last ping may cross our close
                }
                assertEquals(1000, f.closeCode());
            }
            assertEquals(new CloseStatus(1000, "", true), ended.poll(10, TimeUnit.SECONDS));
            assertEquals(1, pongs.get(), "only the unsolicited pong");
        }
    }

    @Test
    void busyConnectionIsNotPinged() throws Exception {
        Duration interval = Duration.ofMillis(300);
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().pingInterval(interval).build(),
                TestSupport.ECHO)) {
            // A ping may only follow a whole interval in which the server heard nothing. The server had read
            // message j when it wrote j's echo, so a ping read after that echo left the server at least an interval
            // after message j left here. On a machine too loaded to keep this peer busy every 50 ms the server may
            // rightly ping; never sooner than that.
            long lastEchoedSentAt = System.nanoTime(); // before the handshake, which starts the server's clock
            try (Socket raw = upgrade(s.port())) {
                PushbackInputStream in = new PushbackInputStream(raw.getInputStream());
                OutputStream out = raw.getOutputStream();
                for (int i = 0; i < 20; i++) { // 1 s of traffic, a message every 50 ms
                    long sentAt = System.nanoTime();
                    out.write(Raw.clientFrame(0x81, ("t" + i).getBytes(StandardCharsets.UTF_8)));
                    Raw.Frame f;
                    while ((f = Raw.readFrame(in)).b0() == 0x89) {
                        pingAfterAQuietInterval(lastEchoedSentAt, interval, out, f);
                    }
                    assertEquals(0x81, f.b0(), "an echo");
                    lastEchoedSentAt = sentAt;
                    raw.setSoTimeout(50);
                    int next = readOrTimeout(in);
                    raw.setSoTimeout(10_000);
                    if (next != -2) {
                        in.unread(next);
                        f = Raw.readFrame(in);
                        assertEquals(0x89, f.b0(), "nothing between two echoes but, after a quiet interval, a ping");
                        pingAfterAQuietInterval(lastEchoedSentAt, interval, out, f);
                    }
                }
            }
        }
    }

    /** Checks that a ping came at least an interval after the last message the server had read, and answers it. */
    private static void pingAfterAQuietInterval(long lastReadSentAt, Duration interval, OutputStream out,
            Raw.Frame ping) throws IOException {
        long quiet = System.nanoTime() - lastReadSentAt;
        assertTrue(quiet >= interval.toNanos(), "pinged " + TimeUnit.NANOSECONDS.toMillis(quiet)
                + " ms after a message, within the ping interval of " + interval.toMillis() + " ms");
        out.write(Raw.clientFrame(0x8A, ping.payload()));
    }

    @Test
    void peerStillTakingOurBacklogIsNotDropped() throws Exception {
        // the server sends 16 MiB (more than socket buffers hold); the peer reads slowly and never answers pings,
        // which wait behind the data
        CompletableFuture<CloseStatus> ended = new CompletableFuture<>();
        Handler flood = c -> {
            c.closed().thenAccept(ended::complete);
            for (int i = 0; i < 256; i++) {
                c.sendBinary(new byte[64 * 1024]);
            }
            c.receive();
        };
        Duration pongTimeout = Duration.ofMillis(150);
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().pingInterval(Duration.ofMillis(150))
                .pongTimeout(pongTimeout).build(), flood)) {
            try (Socket raw = upgrade(s.port(), 16 * 1024)) {
                InputStream in = raw.getInputStream();
                byte[] buf = new byte[16 * 1024];
                long total = 0;
                // the longest time this peer spent between two reads: its pacing, and any time its thread was not
                // scheduled on a loaded machine; only a pause of a whole pong timeout may let the server drop it
                long longestPause = 0;
                long lastRead = -1;
                boolean dropped = false;
                long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
                while (System.nanoTime() < end) {
                    if (lastRead >= 0) {
                        longestPause = Math.max(longestPause, System.nanoTime() - lastRead);
                    }
                    int n;
                    try {
                        n = in.read(buf);
                    } catch (IOException reset) {
                        n = -1;
                    }
                    lastRead = System.nanoTime();
                    if (n <= 0) {
                        dropped = true;
                        break;
                    }
                    total += n;
                    // pacing, not waiting: the peer reads slowly, and no event marks a slow reader
                    Thread.sleep(10);
                }
                if (dropped || ended.isDone()) {
                    assertTrue(longestPause >= pongTimeout.toNanos(), "the server dropped a peer that"
                            + " was still reading (never more than " + TimeUnit.NANOSECONDS.toMillis(longestPause)
                            + " ms between two reads) after " + total + " bytes: " + ended.getNow(null));
                }
            }
        }
    }

    @Test
    void clientDropsAServerThatNeverAnswers() throws Exception {
        LinkedBlockingQueue<Integer> serverSaw = new LinkedBlockingQueue<>();
        try (ServerSocket ss = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            Thread t = new Thread(() -> {
                try (Socket sock = ss.accept()) {
                    String head = Raw.readHead(sock.getInputStream());
                    sock.getOutputStream().write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                            + "Connection: Upgrade\r\nSec-WebSocket-Accept: "
                            + Raw.accept(Raw.header(head, "Sec-WebSocket-Key")) + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    while (true) {
                        Raw.Frame f = Raw.readFrame(sock.getInputStream());
                        serverSaw.add(f.opcode() == 8 ? f.closeCode() : f.opcode());
                    }
                } catch (Exception e) {
                    serverSaw.add(-1);
                }
            });
            t.start();
            LinkedBlockingQueue<CloseStatus> closed = new LinkedBlockingQueue<>();
            Listener l = new Listener() {
                @Override
                public void onClose(Connection c, CloseStatus status) {
                    closed.add(status);
                }
            };
            WebSockets.client(ClientOptions.builder().pingInterval(INTERVAL).build()).connect(
                    URI.create("ws://127.0.0.1:" + ss.getLocalPort() + "/"),
                    ConnectRequest.builder().listener(l).build());
            assertEquals(new CloseStatus(CloseCodes.ABNORMAL, "ping timeout", false), closed.poll(10,
                    TimeUnit.SECONDS));
            assertEquals(9, serverSaw.poll(10, TimeUnit.SECONDS), "a ping");
            assertEquals(CloseCodes.GOING_AWAY, serverSaw.poll(10, TimeUnit.SECONDS));
            assertEquals(-1, serverSaw.poll(10, TimeUnit.SECONDS), "then the socket closed");
            t.join(10_000);
        }
    }

    @Test
    void hybi00HasNoKeepalive() throws Exception {
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().pingInterval(Duration.ofMillis(100))
                .build(), TestSupport.ECHO)) {
            Connection c = TestSupport.client().connect(TestSupport.uri(s, "/"),
                    ConnectRequest.builder().variant(ConnectRequest.HYBI00).build());
            assertThrows(TimeoutException.class, () -> c.receive(Duration.ofMillis(600)),
                    "no ping, so no ping timeout: nothing ends the connection");
            assertFalse(c.isClosed(), "no ping, so no ping timeout");
            c.sendText("still here");
            assertEquals("still here", c.receiveText());
            c.close();
        }
    }

    @Test
    void zeroDisablesKeepalive() throws Exception {
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().pingInterval(Duration.ZERO).build(),
                TestSupport.ECHO)) {
            try (Socket raw = upgrade(s.port())) {
                raw.setSoTimeout(600);
                assertEquals(-2, readOrTimeout(raw.getInputStream()), "nothing sent in 600 ms");
            }
        }
    }

    private static int readOrTimeout(InputStream in) throws Exception {
        try {
            return in.read();
        } catch (java.net.SocketTimeoutException e) {
            return -2;
        }
    }
}
