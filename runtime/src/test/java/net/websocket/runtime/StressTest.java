package net.websocket.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import net.websocket.api.Connection;
import net.websocket.api.Message;
import net.websocket.api.WebSocketClient;
import net.websocket.api.WebSocketServer;
import net.websocket.nio.WebSockets;

/** Concurrency and hostile input, bounded in size and time. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StressTest {

    @Test
    void concurrentSendersOnOneConnectionKeepTheirOwnOrder() throws Exception {
        try (WebSocketServer s = TestSupport.serve(TestSupport.ECHO);
                Connection c = TestSupport.client().connect(TestSupport.uri(s, "/"))) {
            int threads = 4;
            int each = 2000;
            ExecutorService ex = Executors.newFixedThreadPool(threads);
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                fs.add(ex.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        if (i % 3 == 0) {
                            c.sendTextAsync(id + ":" + i);
                        } else {
                            c.sendText(id + ":" + i);
                        }
                    }
                    return null;
                }));
            }
            Map<Integer, Integer> next = new HashMap<>();
            for (int n = 0; n < threads * each; n++) {
                String[] p = c.receiveText().split(":");
                int id = Integer.parseInt(p[0]);
                int i = Integer.parseInt(p[1]);
                assertEquals(next.getOrDefault(id, 0), i, "order of sender " + id);
                next.put(id, i + 1);
            }
            for (Future<?> f : fs) {
                f.get();
            }
            ex.shutdown();
        }
    }

    @Test
    void manyConnectionsAtOnce() throws Exception {
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().ioThreads(2).build(), TestSupport.ECHO)) {
            WebSocketClient client = WebSockets.client(ClientOptions.builder().ioThreads(2).build());
            int n = 100;
            List<CompletableFuture<Connection>> cs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                cs.add(client.connectAsync(TestSupport.uri(s, "/" + i), net.websocket.api.ConnectRequest.defaults())
                        .toCompletableFuture());
            }
            List<Connection> open = new ArrayList<>();
            for (CompletableFuture<Connection> f : cs) {
                open.add(f.get(30, TimeUnit.SECONDS));
            }
            for (int round = 0; round < 20; round++) {
                for (Connection c : open) {
                    c.sendTextAsync(c.path() + " " + round);
                }
                for (Connection c : open) {
                    assertEquals(c.path() + " " + round, c.receiveText());
                }
            }
            assertEquals(n, s.connectionCount());
            for (Connection c : open) {
                c.close();
            }
            for (Connection c : open) {
                c.closed().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void randomBytesAfterHandshakeNeverHurtTheServer() throws Exception {
        try (WebSocketServer s = TestSupport.serve(TestSupport.ECHO);
                Connection good = TestSupport.client().connect(TestSupport.uri(s, "/"))) {
            Random r = new Random(42);
            for (int i = 0; i < 40; i++) {
                try (Socket raw = Raw.open(s.port())) {
                    raw.getOutputStream().write(Raw.upgrade("/").getBytes(StandardCharsets.US_ASCII));
                    InputStream in = raw.getInputStream();
                    assertTrue(Raw.readHead(in).startsWith("HTTP/1.1 101"));
                    byte[] junk = new byte[1 + r.nextInt(3000)];
                    r.nextBytes(junk);
                    if (i % 2 == 0) {
                        junk[0] = (byte) (0x80 | r.nextInt(16)); // something frame-like
                        junk[1] = (byte) (0x80 | r.nextInt(126));
                    }
                    try {
                        raw.getOutputStream().write(junk);
                        raw.shutdownOutput();
                    } catch (java.io.IOException e) {
                        // the server already closed on us
                    }
                    Raw.readToEnd(in); // the server ends the connection, one way or another
                }
                good.sendText("ok " + i);
                assertEquals("ok " + i, good.receiveText());
            }
            Await.until("only the good connection is left", () -> s.connectionCount() <= 1);
            assertEquals(1, s.connectionCount());
        }
    }

    @Test
    void randomHandshakeBytesAreRefused() throws Exception {
        try (WebSocketServer s = TestSupport.serve(TestSupport.ECHO)) {
            Random r = new Random(7);
            String valid = Raw.upgrade("/");
            for (int i = 0; i < 40; i++) {
                byte[] b = valid.getBytes(StandardCharsets.US_ASCII);
                // corrupt a few bytes of a valid request
                for (int k = 0; k < 1 + r.nextInt(3); k++) {
                    b[r.nextInt(b.length - 4)] = (byte) r.nextInt(256);
                }
                try (Socket raw = Raw.open(s.port())) {
                    raw.getOutputStream().write(b);
                    InputStream in = raw.getInputStream();
                    String head = Raw.readHead(in);
                    if (head.startsWith("HTTP/1.1 101")) {
                        continue; // the corruption left a valid handshake
                    }
                    String answer = head + Raw.readToEnd(in);
                    if (!answer.isEmpty()) {
                        int st = Raw.status(answer);
                        assertTrue(st >= 400 && st < 500, answer);
                    }
                }
            }
            try (Connection c = TestSupport.client().connect(TestSupport.uri(s, "/"))) {
                c.sendText("fine");
                assertEquals("fine", c.receiveText());
            }
        }
    }

    private static long openFiles() {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/fd"))) {
            return files.count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Waits until the server holds no connection and the count of open files has stopped moving. */
    private static void settled(WebSocketServer s) throws InterruptedException {
        Await.until("the server releases every connection", () -> s.connectionCount() == 0);
        Await.until("the open files settle", Await.steady(StressTest::openFiles, Duration.ofMillis(200)));
    }

    @Test
    void connectionChurnLeaksNoSockets() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(
                java.nio.file.Path.of("/proc/self/fd")), "needs /proc");
        try (WebSocketServer s = TestSupport.serve(TestSupport.ECHO)) {
            WebSocketClient client = TestSupport.client();
            // warm up thread pools and buffers first
            Connection warm = client.connect(TestSupport.uri(s, "/"));
            warm.sendText("warm");
            warm.receiveText();
            warm.close();
            warm.closed().toCompletableFuture().get(10, TimeUnit.SECONDS);
            settled(s);
            long before = openFiles();
            for (int i = 0; i < 300; i++) {
                Connection c = client.connect(TestSupport.uri(s, "/"));
                if (i % 3 == 0) {
                    c.sendText("x");
                    assertEquals("x", c.receiveText());
                    c.close();
                } else if (i % 3 == 1) {
                    c.abort();
                } else {
                    c.close(4000, "churn");
                }
                c.closed().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
            settled(s);
            assertEquals(0, s.connectionCount());
            long after = openFiles();
            assertTrue(after - before < 10, "open files " + before + " -> " + after);
        }
    }

    @Test
    void droppedPingsAreNotAnswered() throws Exception {
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().dropIncomingPings(true).build(),
                TestSupport.ECHO); Connection c = TestSupport.client().connect(TestSupport.uri(s, "/"))) {
            var ping = c.ping(ByteBuffer.wrap(new byte[] {1})).toCompletableFuture();
            assertThrows(TimeoutException.class, () -> ping.get(300, TimeUnit.MILLISECONDS));
            c.sendText("x");
            Message m = c.receive();
            assertEquals("x", m.text());
        }
    }
}
