package net.websocket.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
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
import net.websocket.api.Listener;
import net.websocket.api.Message;
import net.websocket.api.ServiceMapper;
import net.websocket.api.WebSocketClient;
import net.websocket.api.WebSocketServer;
import net.websocket.nio.WebSockets;
import net.websocket.runtime.internal.ServerImpl;
import net.websocket.runtime.internal.WsConnection;

/**
 * Faults of the network and of misbehaving peers. After each, a well-behaved connection that ran alongside has lost
 * no message and the server still takes new connections. Everything on 127.0.0.1, bounded in count and time.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FaultTest {

    static final int OUTBOUND_LIMIT = 256 * 1024;

    static WebSocketServer server;
    static WebSocketClient client;
    /** How the server side of each /record connection ended. */
    static final LinkedBlockingQueue<CloseStatus> recorded = new LinkedBlockingQueue<>();
    /** The server side of each /hold connection. */
    static final LinkedBlockingQueue<WsConnection> held = new LinkedBlockingQueue<>();

    @BeforeAll
    static void start() throws Exception {
        Handler record = c -> {
            try {
                for (Message m; (m = c.receive()) != null;) {
                    c.send(m);
                }
            } finally {
                recorded.add(c.closed().toCompletableFuture().get(20, TimeUnit.SECONDS));
            }
        };
        Handler hold = c -> {
            held.add((WsConnection) c);
            c.receive();
        };
        server = WebSockets.serve(TestSupport.options().handshakeTimeout(Duration.ofSeconds(1))
                .closeTimeout(Duration.ofSeconds(1)).outboundQueueLimit(OUTBOUND_LIMIT).build(),
                ServiceMapper.builder()
                        .route("/echo", ServiceMapper.none(TestSupport.ECHO))
                        .route("/record", ServiceMapper.none(record))
                        .route("/hold", ServiceMapper.none(hold))
                        .build());
        client = TestSupport.client();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Bystander bystander() throws Exception {
        return Bystander.start(client, TestSupport.uri(server, "/echo"));
    }

    private static void serverStillServes() throws Exception {
        try (Connection c = client.connect(TestSupport.uri(server, "/echo"))) {
            c.sendText("next");
            assertEquals("next", c.receiveText());
        }
    }

    private static Socket upgraded(String path) throws IOException {
        return upgraded(path, 0);
    }

    /** An upgraded connection whose receive buffer is {@code receiveBuffer} bytes (0: the default). */
    private static Socket upgraded(String path, int receiveBuffer) throws IOException {
        Socket s = Raw.open(server.port(), receiveBuffer);
        s.getOutputStream().write(Raw.upgrade(path).getBytes(StandardCharsets.US_ASCII));
        assertTrue(Raw.readHead(s.getInputStream()).startsWith("HTTP/1.1 101 "));
        return s;
    }

    /** Closes with a TCP reset instead of a FIN. */
    private static void reset(Socket s) throws IOException {
        s.setSoLinger(true, 0);
        s.close();
    }

    @Test
    void resetInTheMiddleOfAFrame() throws Exception {
        Bystander b = bystander();
        recorded.clear();
        Socket s = upgraded("/record");
        byte[] frame = Raw.clientFrame(0x82, new byte[10_000]);
        s.getOutputStream().write(frame, 0, 5000); // half a frame
        s.getOutputStream().flush();
        // no event tells that the server has read the half frame: give it the time to, so that the reset cuts a
        // frame being parsed rather than one not yet read (the assertions hold either way)
        Thread.sleep(50);
        reset(s);
        assertEquals(new CloseStatus(CloseCodes.ABNORMAL, "", false), recorded.poll(10, TimeUnit.SECONDS));
        b.finish();
        serverStillServes();
    }

    @Test
    void peerThatHalfClosesWithoutACloseFrame() throws Exception {
        Bystander b = bystander();
        recorded.clear();
        try (Socket s = upgraded("/record")) {
            s.getOutputStream().write(Raw.clientFrame(0x81, "last words".getBytes(StandardCharsets.UTF_8)));
            s.shutdownOutput(); // FIN, and no close frame
            InputStream in = s.getInputStream();
            // the server drops the connection (there is no closing handshake to answer)
            int r;
            try {
                do {
                    r = in.read();
                } while (r >= 0);
            } catch (IOException e) {
                r = -1;
            }
            assertEquals(-1, r);
        }
        assertEquals(CloseCodes.ABNORMAL, recorded.poll(10, TimeUnit.SECONDS).code());
        b.finish();
        serverStillServes();
    }

    @Test
    void peerThatHalfClosesAfterItsCloseFrameGetsTheAnswer() throws Exception {
        Bystander b = bystander();
        recorded.clear();
        try (Socket s = upgraded("/record")) {
            OutputStream out = s.getOutputStream();
            out.write(Raw.clientFrame(0x81, "echo me".getBytes(StandardCharsets.UTF_8)));
            out.write(Raw.clientFrame(0x88, new byte[] {0x03, (byte) 0xe8}));
            s.shutdownOutput();
            InputStream in = s.getInputStream();
            assertEquals("echo me", Raw.readFrame(in).text());
            assertEquals(1000, Raw.readFrame(in).closeCode());
            assertEquals(-1, in.read());
        }
        assertEquals(new CloseStatus(1000, "", true), recorded.poll(10, TimeUnit.SECONDS));
        b.finish();
        serverStillServes();
    }

    @Test
    void peerThatNeverAnswersTheServersClose() throws Exception {
        Bystander b = bystander();
        held.clear();
        try (Socket s = upgraded("/hold")) {
            WsConnection c = held.poll(5, TimeUnit.SECONDS);
            assertNotNull(c, "the handler runs");
            c.close(4000, "go away");
            InputStream in = s.getInputStream();
            assertEquals(4000, Raw.readFrame(in).closeCode());
            long t0 = System.nanoTime();
            int r; // we neither answer nor close
            try {
                r = in.read();
            } catch (IOException e) {
                r = -1;
            }
            assertEquals(-1, r);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(ms >= 700 && ms < 6000, "dropped after " + ms + " ms (close timeout 1 s)");
            assertEquals(CloseCodes.ABNORMAL, c.closed().toCompletableFuture().get(5, TimeUnit.SECONDS).code());
        }
        b.finish();
        serverStillServes();
    }

    @Test
    void slowlorisHandshakesAreDroppedAtTheHandshakeTimeout() throws Exception {
        Bystander b = bystander();
        byte[] head = Raw.upgrade("/echo").getBytes(StandardCharsets.US_ASCII);
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                slow.add(Raw.open(server.port()));
            }
            long t0 = System.nanoTime();
            List<Integer> sentBeforeDrop = new ArrayList<>();
            for (Socket s : slow) {
                sentBeforeDrop.add(0);
            }
            // one byte per socket every 100 ms: the whole head would take 20 s
            boolean anyOpen = true;
            for (int at = 0; at < head.length && anyOpen; at++) {
                anyOpen = false;
                for (int i = 0; i < slow.size(); i++) {
                    try {
                        slow.get(i).getOutputStream().write(head[at]);
                        sentBeforeDrop.set(i, at + 1);
                        anyOpen = true;
                    } catch (IOException dropped) {
                        // the server closed it
                    }
                }
                // pacing, not waiting: the slow sending is the attack under test
                Thread.sleep(100);
                if (System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(8)) {
                    break;
                }
            }
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            for (Socket s : slow) {
                s.setSoTimeout(5000);
                int r;
                try {
                    r = s.getInputStream().read();
                } catch (IOException e) {
                    r = -1;
                }
                assertEquals(-1, r, "dropped without an answer");
            }
            assertTrue(ms < 8000, "every slow handshake dropped within " + ms + " ms");
            assertTrue(sentBeforeDrop.stream().allMatch(n -> n < head.length), "none completed its head");
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
        b.finish();
        serverStillServes();
    }

    @Test
    void thousandsOfConnectionsOpenedAndDropped() throws Exception {
        Bystander b = bystander();
        int total = 2000;
        int batch = 100;
        byte[] request = Raw.upgrade("/echo").getBytes(StandardCharsets.US_ASCII);
        long t0 = System.nanoTime();
        for (int done = 0; done < total; done += batch) {
            List<Socket> open = new ArrayList<>();
            for (int i = 0; i < batch; i++) {
                Socket s = Raw.open(server.port());
                s.getOutputStream().write(request);
                open.add(s);
            }
            for (int i = 0; i < open.size(); i++) {
                Socket s = open.get(i);
                String head = Raw.readHead(s.getInputStream());
                assertTrue(head.startsWith("HTTP/1.1 101 "), head);
                if (i % 2 == 0) {
                    reset(s);
                } else {
                    s.close(); // a FIN without a close frame
                }
            }
            // the server sees the drops when it gets to them: under load it may lag behind this loop, and more than
            // ServerOptions.maxConnectionsPerAddress (512) not yet released from this address would rightly get 503
            Await.until("at most one batch not yet released", Duration.ofSeconds(20),
                    () -> server.connectionCount() <= 1 + batch);
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertTrue(ms < 60_000, total + " connections took " + ms + " ms");
        Await.until("only the bystander is left", Duration.ofSeconds(20), () -> server.connectionCount() <= 1);
        assertEquals(1, server.connectionCount(), "only the bystander is left");
        b.finish();
        serverStillServes();
    }

    @Test
    void garbageInsteadOfHttp() throws Exception {
        Bystander b = bystander();
        Random random = new Random(42);
        for (int i = 0; i < 50; i++) {
            byte[] junk = new byte[1 + random.nextInt(3000)];
            random.nextBytes(junk);
            try (Socket s = Raw.open(server.port())) {
                try {
                    s.getOutputStream().write(junk);
                    s.shutdownOutput();
                } catch (IOException closedEarly) {
                    // the server may answer and close before all of it is written
                }
                String r = Raw.readToEnd(s.getInputStream());
                assertTrue(r.isEmpty() || Raw.status(r) == 400 || Raw.status(r) == 431, r);
            }
        }
        b.finish();
        serverStillServes();
    }

    @Test
    void garbageAfterTheHandshake() throws Exception {
        Bystander b = bystander();
        Random random = new Random(7);
        for (int i = 0; i < 30; i++) {
            try (Socket s = upgraded("/echo")) {
                byte[] junk = new byte[1 + random.nextInt(2000)];
                random.nextBytes(junk);
                try {
                    s.getOutputStream().write(junk);
                } catch (IOException closedEarly) {
                    // fine
                }
                s.setSoTimeout(5000);
                Raw.readToEnd(s.getInputStream()); // whatever it answers, it ends the connection
            }
        }
        b.finish();
        serverStillServes();
    }

    @Test
    void handlerThatThrows() throws Exception {
        Handler throwing = c -> {
            c.receive();
            throw new IllegalStateException("handler failure (expected by the test)");
        };
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().build(), ServiceMapper.builder()
                .route("/echo", ServiceMapper.none(TestSupport.ECHO))
                .route("/throws", ServiceMapper.none(throwing)).build())) {
            Bystander b = Bystander.start(client, TestSupport.uri(s, "/echo"));
            for (int i = 0; i < 20; i++) {
                Connection c = client.connect(TestSupport.uri(s, "/throws"));
                c.sendText("trigger");
                assertNull(c.receive());
                assertEquals(CloseCodes.INTERNAL_ERROR, c.closed().toCompletableFuture().get(10, TimeUnit.SECONDS)
                        .code());
            }
            b.finish();
            try (Connection c = client.connect(TestSupport.uri(s, "/echo"))) {
                c.sendText("after");
                assertEquals("after", c.receiveText());
            }
        }
    }

    @Test
    void pingFloodFromAPeerThatReadsNothingStaysBounded() throws Exception {
        Bystander b = bystander();
        held.clear();
        try (Socket s = upgraded("/hold", 4096)) {
            WsConnection c = held.poll(5, TimeUnit.SECONDS);
            assertNotNull(c, "the handler runs");
            byte[] ping = Raw.clientFrame(0x89, new byte[125]);
            byte[] burst = new byte[ping.length * 1000];
            for (int i = 0; i < 1000; i++) {
                System.arraycopy(ping, 0, burst, i * ping.length, ping.length);
            }
            OutputStream out = s.getOutputStream();
            for (int i = 0; i < 100; i++) { // 100,000 pings, 13 MB, none of the pongs read
                out.write(burst);
            }
            Await.until("the pongs queued settle", Await.steady(c::outboundQueued, Duration.ofMillis(200)));
            long queued = c.outboundQueued();
            assertTrue(queued <= OUTBOUND_LIMIT + 2 * 1024, "pongs queued for a peer that reads nothing: " + queued);
        }
        b.finish();
        serverStillServes();
    }

    @Test
    void asyncSendsCompleteOnlyWhenWritten() throws Exception {
        CompletableFuture<List<CompletableFuture<Void>>> sends = new CompletableFuture<>();
        Handler sender = c -> {
            List<CompletableFuture<Void>> fs = new ArrayList<>();
            for (int i = 0; i < 32; i++) { // 8 MiB: more than socket buffers hold
                fs.add(c.sendBinaryAsync(ByteBuffer.allocate(256 * 1024)).toCompletableFuture());
            }
            sends.complete(fs);
            c.receive();
        };
        // room for all of them: asynchronous sends beyond the outbound limit are refused
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().outboundQueueLimit(16 << 20).build(), sender);
                Socket raw = Raw.open(s.port())) {
            raw.getOutputStream().write(Raw.upgrade("/").getBytes(StandardCharsets.US_ASCII));
            InputStream in = raw.getInputStream();
            assertTrue(Raw.readHead(in).startsWith("HTTP/1.1 101 "));
            List<CompletableFuture<Void>> fs = sends.get(10, TimeUnit.SECONDS);
            assertThrows(TimeoutException.class, () -> fs.get(fs.size() - 1).get(300, TimeUnit.MILLISECONDS),
                    "the last send is not written while the peer reads nothing");
            for (int i = 0; i < fs.size(); i++) {
                assertEquals(256 * 1024, Raw.readFrame(in).payload().length);
            }
            for (CompletableFuture<Void> f : fs) {
                f.get(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void listenerConnectionsAndBlockedHandlersLeaveNoThreadOnShutdown() throws Exception {
        Handler blocked = c -> c.receive();
        Handler sleeper = c -> new CountDownLatch(1).await(); // blocked until interrupted at shutdown
        Listener listener = new Listener() {
        };
        WebSocketServer s = WebSockets.serve(TestSupport.options().build(), ServiceMapper.builder()
                .route("/blocked", ServiceMapper.none(blocked))
                .route("/sleeper", ServiceMapper.none(sleeper))
                .route("/listener", ServiceMapper.none(listener)).build());
        List<Connection> cs = new ArrayList<>();
        List<CompletableFuture<Message>> ends = new ArrayList<>();
        for (String p : new String[] {"/blocked", "/sleeper", "/listener"}) {
            Connection c = client.connect(TestSupport.uri(s, p));
            cs.add(c);
            ends.add(c.receiveAsync().toCompletableFuture());
        }
        long t0 = System.nanoTime();
        s.close(Duration.ofSeconds(2));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertTrue(ms < 6000, "stopped in " + ms + " ms");
        for (int i = 0; i < cs.size(); i++) {
            assertNull(ends.get(i).get(10, TimeUnit.SECONDS));
            assertEquals(CloseCodes.GOING_AWAY, cs.get(i).closed().toCompletableFuture().get(10, TimeUnit.SECONDS)
                    .code());
        }
        ServerImpl impl = (ServerImpl) s;
        // close() interrupts the handlers still running after the shutdown timeout and waits for them a second; on a
        // loaded machine an interrupted handler may take longer to end (its failure is logged first): wait for the
        // end of the last handler thread itself, as for the I/O threads below
        assertTrue(impl.handlerThreads().awaitTermination(Duration.ofSeconds(10)), "handler threads ended");
        for (Thread t : impl.loopThreads()) {
            t.join(5000);
            assertFalse(t.isAlive(), t + " ended");
        }
    }
}
