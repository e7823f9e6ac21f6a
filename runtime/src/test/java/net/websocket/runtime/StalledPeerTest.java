package net.websocket.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import net.websocket.api.CloseCodes;
import net.websocket.api.CloseStatus;
import net.websocket.api.Connection;
import net.websocket.api.Handler;
import net.websocket.api.Listener;
import net.websocket.api.Message;
import net.websocket.api.OutboundQueueFullException;
import net.websocket.api.ServiceMapper;
import net.websocket.api.WebSocketServer;
import net.websocket.nio.WebSockets;
import net.websocket.runtime.internal.ServerImpl;
import net.websocket.runtime.internal.WsConnection;

/**
 * Peers that do not read what the server sends them, as a hostile client would behave (raw sockets, short timeouts
 * configured): what they may cost the server is bounded by its settings, and stalled ones are shed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StalledPeerTest {

    static final int LIMIT = 256 * 1024;
    static final int MESSAGE = 64 * 1024;

    /** An echo handler that records how its connection ended. */
    private static Handler recordingEcho(LinkedBlockingQueue<CloseStatus> ended) {
        return c -> {
            try {
                for (Message m; (m = c.receive()) != null;) {
                    c.send(m);
                }
            } finally {
                ended.add(c.closed().toCompletableFuture().get(20, TimeUnit.SECONDS));
            }
        };
    }

    /** An upgraded raw connection with a small receive buffer, so that what the server sends stalls soon. */
    private static Socket upgraded(int port) throws IOException {
        Socket s = Raw.open(port, 4096);
        s.getOutputStream().write(Raw.upgrade("/").getBytes(StandardCharsets.US_ASCII));
        assertTrue(Raw.readHead(s.getInputStream()).startsWith("HTTP/1.1 101 "));
        return s;
    }

    /**
     * Sends 64 KiB binary messages and never reads the echoes, on a thread of its own (its writes block once the
     * server stops reading); at most 256 of them. The thread ends when a write fails (the server dropped us).
     */
    private static Thread sendWithoutReading(Socket s) {
        byte[] frame = Raw.clientFrame(0x82, new byte[MESSAGE]);
        Thread t = new Thread(() -> {
            try {
                OutputStream out = s.getOutputStream();
                for (int i = 0; i < 256; i++) {
                    out.write(frame);
                }
            } catch (IOException e) {
                // dropped by the server, or closed by the test
            }
        }, "peer that never reads");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void peersThatNeverReadAreDroppedAtTheWriteTimeoutAndFreed() throws Exception {
        LinkedBlockingQueue<CloseStatus> ended = new LinkedBlockingQueue<>();
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().writeTimeout(Duration.ofMillis(500))
                .pingInterval(Duration.ZERO).outboundQueueLimit(LIMIT).inboundQueueLimit(LIMIT).build(),
                recordingEcho(ended))) {
            List<Socket> peers = new ArrayList<>();
            List<Thread> writers = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    Socket p = upgraded(s.port());
                    peers.add(p);
                    writers.add(sendWithoutReading(p));
                }
                for (int i = 0; i < 4; i++) {
                    assertEquals(new CloseStatus(CloseCodes.ABNORMAL, "write timeout", false),
                            ended.poll(20, TimeUnit.SECONDS), "peer " + i + " shed");
                }
                Await.until("every stalled connection is freed", () -> s.connectionCount() == 0);
                for (Thread w : writers) {
                    w.join(10_000);
                    assertFalse(w.isAlive(), "the peer's writes fail: the server dropped it");
                }
            } finally {
                for (Socket p : peers) {
                    p.close();
                }
            }
        }
    }

    @Test
    void aKeepalivePingStuckBehindAStalledQueueCountsAsMissed() throws Exception {
        LinkedBlockingQueue<CloseStatus> ended = new LinkedBlockingQueue<>();
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().writeTimeout(Duration.ZERO)
                .pingInterval(Duration.ofMillis(300)).pongTimeout(Duration.ofMillis(300)).outboundQueueLimit(LIMIT)
                .inboundQueueLimit(LIMIT).build(), recordingEcho(ended));
                Socket p = upgraded(s.port())) {
            Thread w = sendWithoutReading(p);
            // the server stops reading because the peer does not take its echoes: the stall is the peer's, so the
            // ping that cannot be written goes unanswered and the peer is dropped
            assertEquals(new CloseStatus(CloseCodes.ABNORMAL, "ping timeout", false), ended.poll(20, TimeUnit.SECONDS));
            Await.until("the connection is freed", () -> s.connectionCount() == 0);
            w.join(10_000);
            assertFalse(w.isAlive(), "the peer's writes fail: the server dropped it");
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aMillionPingsFromAPeerThatReadsNothingLeaveOnePongWaiting() throws Exception {
        CompletableFuture<WsConnection> serverSide = new CompletableFuture<>();
        LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        Handler h = c -> {
            serverSide.complete((WsConnection) c);
            for (Message m; (m = c.receive()) != null;) {
                received.add(m.text());
            }
        };
        int pings = 1_000_000;
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().writeTimeout(Duration.ofSeconds(60))
                .outboundQueueLimit(LIMIT).build(), h);
                Socket p = upgraded(s.port())) {
            WsConnection c = serverSide.get(10, TimeUnit.SECONDS);
            // masked pings carrying their number, written in batches; none of the pongs is read meanwhile
            OutputStream out = p.getOutputStream();
            int batch = 10_000;
            byte[] burst = new byte[batch * 10];
            for (int sent = 0; sent < pings; sent += batch) {
                for (int i = 0; i < batch; i++) {
                    byte[] f = Raw.clientFrame(0x89, ByteBuffer.allocate(4).putInt(sent + i).array());
                    System.arraycopy(f, 0, burst, i * 10, 10);
                }
                out.write(burst);
            }
            out.write(Raw.clientFrame(0x81, "end".getBytes(StandardCharsets.UTF_8)));
            assertEquals("end", received.poll(30, TimeUnit.SECONDS), "every ping was read and handled");
            long queued = c.outboundQueued();
            assertTrue(queued <= 4096 + 2 + 4, // ConnectionSender.PONG_BACKLOG_BYTES, then one slot
                    "pongs beyond the backlog share one slot, not one per ping: " + queued + " bytes queued");
            assertEquals(0, c.inboundQueued(), "nothing kept per ping on the inbound side");
            // now read: pongs only, fewer than the pings, the last one answering the last ping
            InputStream in = new BufferedInputStream(p.getInputStream(), 64 * 1024);
            int pongs = 0;
            int last = -1;
            while (last != pings - 1 && pongs < pings) {
                Raw.Frame f = Raw.readFrame(in);
                assertEquals(0x8A, f.b0(), "a pong");
                pongs++;
                last = ByteBuffer.wrap(f.payload()).getInt();
            }
            assertEquals(pings - 1, last, "the latest ping is answered");
            assertTrue(pongs < pings, pongs + " pongs for " + pings + " pings");
            assertFalse(c.isClosed(), "the connection lives on");
        }
    }

    @Test
    void aPingFloodAtABusyListenerIsHeldBackByTheInboundLimit() throws Exception {
        // a listener sees every ping; while it is behind, its undelivered ping events count against the inbound
        // limit and reading pauses, so they do not pile up either
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<WsConnection> serverSide = new CompletableFuture<>();
        Listener busy = new Listener() {
            @Override
            public void onOpen(Connection c) {
                serverSide.complete((WsConnection) c);
            }

            @Override
            public void onPing(Connection c, ByteBuffer data) throws java.io.IOException {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().inboundQueueLimit(LIMIT).build(), busy);
                Socket p = upgraded(s.port())) {
            WsConnection c = serverSide.get(10, TimeUnit.SECONDS);
            byte[] ping = Raw.clientFrame(0x89, new byte[0]);
            byte[] burst = new byte[ping.length * 1000];
            for (int i = 0; i < 1000; i++) {
                System.arraycopy(ping, 0, burst, i * ping.length, ping.length);
            }
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < 200; i++) { // 200,000 pings; the writes block once the server stops reading
                        p.getOutputStream().write(burst);
                    }
                } catch (IOException e) {
                    // closed at the end of the test
                }
            }, "ping flood");
            writer.setDaemon(true);
            writer.start();
            Await.until("reading pauses: the undelivered events stop growing",
                    Await.steady(c::inboundQueued, Duration.ofMillis(500)));
            // what one read may add beyond the limit: a read buffer full of 6-byte pings, each an event
            long bound = LIMIT + (64 * 1024 / 6 + 1) * 64L + 64 * 1024;
            assertTrue(c.inboundQueued() <= bound, "ping events held: " + c.inboundQueued() + " > " + bound);
            assertTrue(c.outboundQueued() <= 2, "one pong waits at most: " + c.outboundQueued());
            release.countDown();
        }
    }

    @Test
    void asynchronousSendsPastTheOutboundLimitFailFast() throws Exception {
        CompletableFuture<long[]> outcome = new CompletableFuture<>();
        Handler sender = c -> {
            try {
                long failed = 0;
                long maxQueued = 0;
                Throwable firstError = null;
                for (int i = 0; i < 1000; i++) { // 64 MB if nothing held it back
                    CompletableFuture<Void> f = c.sendBinaryAsync(ByteBuffer.allocate(MESSAGE)).toCompletableFuture();
                    if (f.isCompletedExceptionally()) {
                        failed++;
                        try {
                            f.join();
                        } catch (CompletionException e) {
                            if (firstError == null) {
                                firstError = e.getCause();
                            }
                        }
                    }
                    maxQueued = Math.max(maxQueued, ((WsConnection) c).outboundQueued());
                }
                assertNotNull(firstError, "some sends refused");
                assertTrue(firstError instanceof OutboundQueueFullException, firstError.toString());
                assertFalse(c.isClosed(), "refused sends do not close the connection");
                outcome.complete(new long[] {failed, maxQueued});
            } catch (Throwable t) {
                outcome.completeExceptionally(t);
            }
            c.receive();
        };
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().outboundQueueLimit(LIMIT).build(), sender);
                Socket p = upgraded(s.port())) {
            long[] r = outcome.get(30, TimeUnit.SECONDS);
            assertTrue(r[0] > 900, r[0] + " of 1000 sends refused");
            assertTrue(r[1] <= LIMIT + MESSAGE + 64, "queued at most the limit and one message: " + r[1]);
        }
    }

    @Test
    void blockingSendsGiveUpAfterTheSendTimeout() throws Exception {
        CompletableFuture<Long> waited = new CompletableFuture<>();
        Handler sender = c -> {
            long t0 = 0;
            try {
                for (int i = 0; i < 1000; i++) {
                    t0 = System.nanoTime();
                    c.sendBinary(new byte[MESSAGE]);
                }
                waited.completeExceptionally(new AssertionError("1000 blocking sends to a peer that reads nothing"));
            } catch (OutboundQueueFullException e) {
                assertFalse(c.isClosed(), "a send that timed out does not close the connection");
                waited.complete(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
            } catch (Throwable t) {
                waited.completeExceptionally(t);
            }
            c.receive();
        };
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().outboundQueueLimit(LIMIT)
                .sendTimeout(Duration.ofMillis(300)).writeTimeout(Duration.ZERO).build(), sender);
                Socket p = upgraded(s.port())) {
            long ms = waited.get(30, TimeUnit.SECONDS);
            assertTrue(ms >= 250, "the send waited for room first: " + ms + " ms");
        }
    }

    @Test
    void overTheServersBudgetReadingStopsAndTheLargestStalledQueuesAreShed() throws Exception {
        // each peer that never reads can hold both of its queues (about 2 x 256 KiB): four of them more than the
        // server's budget of 1 MiB, whatever their own limits allow
        long budget = 1 << 20;
        LinkedBlockingQueue<CloseStatus> ended = new LinkedBlockingQueue<>();
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().maxQueuedBytes(budget)
                .writeTimeout(Duration.ZERO).pingInterval(Duration.ZERO).outboundQueueLimit(LIMIT)
                .inboundQueueLimit(LIMIT).build(), ServiceMapper.builder()
                        .route("/", ServiceMapper.none(recordingEcho(ended)))
                        .route("/echo", ServiceMapper.none(TestSupport.ECHO)).build())) {
            Bystander b = Bystander.start(TestSupport.client(), TestSupport.uri(s, "/echo"));
            List<Socket> peers = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    Socket p = upgraded(s.port());
                    peers.add(p);
                    sendWithoutReading(p);
                }
                for (int i = 0; i < 2; i++) {
                    assertEquals(new CloseStatus(CloseCodes.ABNORMAL, "queued bytes budget", false),
                            ended.poll(20, TimeUnit.SECONDS), "a stalled peer shed for the budget");
                }
                Await.until("the server's queues fit its budget",
                        () -> ((ServerImpl) s).queuedBytes() <= budget);
                b.finish(); // read again, and lost nothing meanwhile
            } finally {
                for (Socket p : peers) {
                    p.close();
                }
            }
        }
    }
}
