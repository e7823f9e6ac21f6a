package net.websocket.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import net.websocket.api.CloseCodes;
import net.websocket.api.CloseStatus;
import net.websocket.api.Connection;
import net.websocket.api.WebSocketServer;
import net.websocket.nio.WebSockets;

/**
 * The timeouts and their defaults: handshake (the whole head), idle, close, on both sides. Others are tested where
 * they belong: {@code ClosingTest} (server close and idle timeouts), {@code RawHandshakeTest} and
 * {@code FaultTest} (slow handshakes), {@code TlsTest} (slow TLS handshakes), {@code KeepaliveTest}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TimeoutsTest {

    @Test
    void defaults() {
        ServerOptions s = ServerOptions.defaults();
        assertEquals(Duration.ofSeconds(10), s.handshakeTimeout());
        assertEquals(Duration.ofSeconds(300), s.connection().idleTimeout());
        assertEquals(Duration.ofSeconds(5), s.connection().closeTimeout());
        ClientOptions c = ClientOptions.defaults();
        assertEquals(Duration.ofSeconds(300), c.connection().idleTimeout());
        assertEquals(Duration.ofSeconds(5), c.connection().closeTimeout());
    }

    @Test
    void handshakeTimeoutCoversTheWholeHeadNotEachRead() throws Exception {
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().handshakeTimeout(Duration.ofMillis(800))
                .build(), TestSupport.ECHO)) {
            byte[] head = Raw.upgrade("/").getBytes(StandardCharsets.US_ASCII);
            long t0 = System.nanoTime(); // before the server accepts, so before its handshake timer can start
            try (Socket raw = Raw.open(s.port())) {
                int at = 0;
                try {
                    // a byte every 50 ms: each read is quick, the whole head would take seconds
                    for (; at < head.length; at++) {
                        raw.getOutputStream().write(head[at]);
                        // pacing, not waiting: the slow sending is what the timeout is tested against
                        Thread.sleep(50);
                    }
                } catch (java.io.IOException dropped) {
                    // expected
                }
                int r;
                try {
                    r = raw.getInputStream().read();
                } catch (java.io.IOException e) {
                    r = -1;
                }
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                assertEquals(-1, r, "dropped without an answer");
                assertTrue(at < head.length, "the head was never complete");
                assertTrue(ms >= 800 && ms < 5000, "dropped after " + ms + " ms");
            }
        }
    }

    @Test
    void clientCloseTimeoutDropsAServerThatNeverClosesTcp() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Thread t = new Thread(() -> {
                try (Socket sock = ss.accept()) {
                    String head = Raw.readHead(sock.getInputStream());
                    sock.getOutputStream().write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                            + "Connection: Upgrade\r\nSec-WebSocket-Accept: "
                            + Raw.accept(Raw.header(head, "Sec-WebSocket-Key")) + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    Raw.Frame close = Raw.readFrame(sock.getInputStream());
                    // answer the close frame, but never close the TCP connection, as a server must
                    sock.getOutputStream().write(Raw.frame(0x88, close.payload(), false));
                    release.await(20, TimeUnit.SECONDS);
                } catch (Exception e) {
                    // done
                }
            });
            t.start();
            try {
                Connection c = WebSockets.client(ClientOptions.builder().closeTimeout(Duration.ofMillis(500)).build())
                        .connect(URI.create("ws://127.0.0.1:" + ss.getLocalPort() + "/"));
                long t0 = System.nanoTime();
                c.close(4000, "bye");
                CloseStatus st = c.closed().toCompletableFuture().get(10, TimeUnit.SECONDS);
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                assertEquals(new CloseStatus(4000, "bye", true), st, "the server echoed our frame");
                assertTrue(ms >= 400 && ms < 5000, "released after " + ms + " ms");
            } finally {
                release.countDown();
                t.join(10_000);
            }
        }
    }

    @Test
    void clientIdleTimeoutCloses1001() throws Exception {
        try (WebSocketServer s = TestSupport.serve(TestSupport.ECHO)) {
            // from before the connect: the idle time counts from when the client's loop read the 101, which may be
            // well before connect() returns to this thread on a busy machine
            long t0 = System.nanoTime();
            Connection c = WebSockets.client(ClientOptions.builder().idleTimeout(Duration.ofMillis(400)).build())
                    .connect(TestSupport.uri(s, "/"));
            assertNull(c.receive());
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertEquals(new CloseStatus(CloseCodes.GOING_AWAY, "", true),
                    c.closed().toCompletableFuture().get(10, TimeUnit.SECONDS), "the server echoes our 1001");
            assertTrue(ms >= 400, "closed after " + ms + " ms");
        }
    }

    @Test
    void keepalivePongsDoNotKeepAnIdleConnectionOpen() throws Exception {
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().idleTimeout(Duration.ofMillis(900))
                .pingInterval(Duration.ofMillis(150)).build(), TestSupport.ECHO)) {
            try (Socket raw = Raw.open(s.port())) {
                long t0 = System.nanoTime(); // before the server's idle time can start, however late we read the 101
                raw.getOutputStream().write(Raw.upgrade("/").getBytes(StandardCharsets.US_ASCII));
                InputStream in = raw.getInputStream();
                assertTrue(Raw.readHead(in).startsWith("HTTP/1.1 101 "));
                int pings = 0;
                Raw.Frame f;
                while ((f = Raw.readFrame(in)).opcode() == 9) {
                    pings++;
                    raw.getOutputStream().write(Raw.clientFrame(0x8A, f.payload())); // alive, but idle
                }
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                assertEquals(CloseCodes.GOING_AWAY, f.closeCode());
                // a server that took pongs for activity would never close while we answer its pings (one every
                // 150 ms), so the close itself shows they do not count; how many pings we answered first depends on
                // how promptly this thread runs (beside a CPU hog it was once only one), but at least one was
                assertTrue(pings >= 1, pings + " pings answered");
                assertTrue(ms >= 900 && ms < 5000, "idle close after " + ms + " ms");
            }
        }
    }
}
