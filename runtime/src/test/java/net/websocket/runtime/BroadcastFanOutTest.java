package net.websocket.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import net.websocket.api.BroadcastResult;
import net.websocket.api.Connection;
import net.websocket.api.Listener;
import net.websocket.api.Message;
import net.websocket.api.OutboundQueueFullException;
import net.websocket.api.WebSocketServer;
import net.websocket.nio.WebSockets;

/**
 * A broadcast to 10,000 connections with one stalled reader: the 10,000 readers (in a process of their own,
 * {@link FanOutClients}: one process could not hold both ends of 10,000 connections within its descriptor limit)
 * receive every message in order, and the stalled one (a socket here that reads nothing, its buffers and queue full
 * of what it was sent before) is closed by the default policy at the first message its queue cannot take, without
 * holding up the others. The broadcasts are paced by the
 * readers' reports (at most {@link #WINDOW} messages ahead of the slowest), so that only the stalled reader falls
 * behind.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class BroadcastFanOutTest {

    static final int READERS = 10_000;
    /** The most messages sent, whatever happens: bounds the run. */
    static final int MAX_MESSAGES = 1_000;
    /** Messages sent after the stalled reader was closed, to show the others go on. */
    static final int AFTER = 20;
    static final int WINDOW = 4;
    static final int LIMIT = 16 * 1024;

    /** The class path of the reader process: this module's classes, its test classes and their dependencies. */
    private static String childClassPath() throws Exception {
        List<String> parts = new ArrayList<>();
        URL self = FanOutClients.class.getResource("FanOutClients.class");
        assertNotNull(self);
        if (self.getProtocol().equals("file")) {
            // .../test-classes/net/websocket/runtime/FanOutClients.class: the directory above the three packages
            parts.add(Path.of(self.toURI()).getParent().getParent().getParent().getParent().toString());
        } else {
            parts.add(Path.of("target", "test-classes").toAbsolutePath().toString());
        }
        for (String p : new String[] {System.getProperty("jdk.module.path"), System.getProperty("java.class.path")}) {
            if (p != null && !p.isEmpty()) {
                parts.add(p);
            }
        }
        return String.join(File.pathSeparator, parts);
    }

    @Test
    void tenThousandReadersGetEveryMessageAndTheStalledOneIsClosedByThePolicy() throws Exception {
        Listener ignore = new Listener.NonBlocking() {
        };
        String padding = "p".repeat(1024);
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().maxConnectionsPerAddress(READERS + 16)
                .maxHandshakesInProgress(4096).outboundQueueLimit(LIMIT).pingInterval(Duration.ZERO)
                .idleTimeout(Duration.ZERO).writeTimeout(Duration.ZERO).closeTimeout(Duration.ofSeconds(5)).build(),
                ignore);
                Socket stalled = Raw.open(s.port(), 2048)) {
            stalled.getOutputStream().write(Raw.upgrade("/").getBytes(StandardCharsets.ISO_8859_1));
            assertTrue(Raw.readHead(stalled.getInputStream()).startsWith("HTTP/1.1 101"));
            Connection stalledOnServer = s.connections().get(0);
            // it stopped reading long ago: what was sent to it fills the socket's buffers (some megabytes on
            // loopback, which 10,000 readers need not receive first) and then its queue, up to the limit
            fill(stalledOnServer);

            long t0 = System.nanoTime();
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process readers = new ProcessBuilder(java, "-Xmx768m", "-cp", childClassPath(),
                    FanOutClients.class.getName(), TestSupport.uri(s, "/").toString(), Integer.toString(READERS),
                    Integer.toString(MAX_MESSAGES)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread pump = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(readers.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String l; (l = r.readLine()) != null;) {
                        lines.add(l);
                    }
                } catch (IOException e) {
                    // the process ended
                }
                lines.add("EOF");
            }, "readers-output");
            pump.setDaemon(true);
            pump.start();
            try {
                String ready = next(lines, 100);
                assertTrue(ready.startsWith("READY"), ready);
                System.out.printf("broadcast: %d readers open in %.1f s%n", READERS, (System.nanoTime() - t0) / 1e9);
                assertEquals(READERS + 1, s.connectionCount());
                List<Connection> everyone = s.connections();
                assertEquals(READERS + 1, everyone.size());

                int acked = 0;
                int closedAt = -1;
                int sent = 0;
                long queued = 0;
                long started = System.nanoTime();
                for (int i = 0; i < MAX_MESSAGES && (closedAt < 0 || i <= closedAt + AFTER); i++) {
                    while (i - acked >= WINDOW) {
                        acked += gotOne(lines);
                    }
                    BroadcastResult r = s.broadcast(Message.text(i + " " + padding), everyone).toCompletableFuture()
                            .get(30, TimeUnit.SECONDS);
                    sent++;
                    queued += r.queued();
                    if (i % 100 == 0) {
                        System.out.printf("broadcast: message %d after %.1f s: %s%n", i,
                                (System.nanoTime() - started) / 1e9, r);
                    }
                    assertEquals(READERS + 1, r.targets(), r.toString());
                    assertEquals(0, r.skipped(), "no reader is skipped: " + r);
                    if (closedAt >= 0) {
                        assertEquals(BroadcastResult.of(READERS, 0, 0, 1), r, "message " + i + " after the close");
                    } else if (r.closed() > 0) {
                        assertEquals(BroadcastResult.of(READERS, 0, 1, 0), r, "message " + i);
                        closedAt = i;
                    } else {
                        assertEquals(BroadcastResult.of(READERS + 1, 0, 0, 0), r, "message " + i);
                    }
                }
                while (acked < sent) {
                    acked += gotOne(lines);
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf("broadcast: %d messages to %d readers, %d queued in %.1f s (%.0f deliveries/s);"
                        + " the stalled reader was closed at message %d%n", sent, READERS, queued, seconds,
                        queued / seconds, closedAt);
                assertTrue(closedAt >= 0, "the stalled reader was closed within " + sent + " messages");
                stalledOnServer.closed().toCompletableFuture().get(30, TimeUnit.SECONDS);
                assertEquals(READERS, s.connectionCount(), "only the stalled one is gone");
                assertEquals(null, lines.poll(), "no gap, no close, no failure among the readers");
            } finally {
                readers.getOutputStream().close(); // the readers end when their input does
                if (!readers.waitFor(20, TimeUnit.SECONDS)) {
                    readers.destroyForcibly();
                }
            }
        }
    }

    /**
     * Sends to a peer that reads nothing until its queue stays over the limit: until a send is refused, and again
     * while the last frame it took gets written (the socket's buffers had room left) within a few seconds. At most 50
     * rounds: a queue that still drains then fails the test.
     */
    private static void fill(Connection stalled) throws Exception {
        for (int round = 0; round < 50; round++) {
            CompletableFuture<Void> last = null;
            for (int i = 0; i < 10_000; i++) {
                CompletableFuture<Void> f = stalled.sendBinaryAsync(ByteBuffer.allocate(64 * 1024))
                        .toCompletableFuture();
                if (f.isCompletedExceptionally()) {
                    Throwable why = f.handle((v, e) -> e).join();
                    assertTrue(why instanceof OutboundQueueFullException, why.toString());
                    break;
                }
                last = f;
            }
            assertNotNull(last, "the stalled reader's queue took something");
            try {
                last.get(3, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                return; // stuck: the socket takes no more, and at most a frame's rest or the limit waits behind it
            }
        }
        fail("the stalled reader's queue kept draining");
    }

    /** The next line of the readers, waiting at most {@code seconds}. */
    private static String next(BlockingQueue<String> lines, int seconds) throws InterruptedException {
        String l = lines.poll(seconds, TimeUnit.SECONDS);
        if (l == null) {
            fail("the readers said nothing for " + seconds + " s");
        }
        return l;
    }

    /** Waits for the readers' next {@code GOT} line: 1; anything else fails the test. */
    private static int gotOne(BlockingQueue<String> lines) throws InterruptedException {
        String l = next(lines, 30);
        if (!l.startsWith("GOT ")) {
            fail("the readers reported: " + l);
        }
        return 1;
    }
}
