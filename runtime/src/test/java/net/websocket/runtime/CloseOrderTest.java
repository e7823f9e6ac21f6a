package net.websocket.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import net.websocket.api.CloseCodes;
import net.websocket.api.CloseStatus;
import net.websocket.api.ConnectRequest;
import net.websocket.api.Connection;
import net.websocket.api.Handler;
import net.websocket.api.Listener;
import net.websocket.api.Message;
import net.websocket.api.ServiceMapper;
import net.websocket.api.WebSocketClient;
import net.websocket.api.WebSocketServer;
import net.websocket.nio.WebSockets;
import net.websocket.runtime.internal.WsConnection;

/**
 * Messages that arrive just before a close frame or a protocol error are consumed (and answered) before the close
 * is answered; a closing client keeps its backpressure instead of dropping data.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CloseOrderTest {

    /** Echoes with blocking sends, one callback at a time. */
    static class EchoListener implements Listener {
        @Override
        public void onText(Connection c, String text) throws Exception {
            c.sendText(text);
        }

        @Override
        public void onBinary(Connection c, ByteBuffer data) throws Exception {
            c.sendBinary(data);
        }
    }

    static WebSocketServer server;

    /**
     * What a client with a 32 KiB inbound limit may hold: the limit, one read (64 KiB) decoded before the pause
     * takes effect, and a message on either side; far below the 2 MiB the server sends.
     */
    static final int BOUND = 32 * 1024 + 64 * 1024 + 2 * 8 * 1024 + 16 * 1024;

    @BeforeAll
    static void start() throws Exception {
        Handler slowEcho = c -> {
            for (Message m; (m = c.receive()) != null;) {
                closeOrErrorArrived(c); // before the echo is sent
                c.send(m);
            }
        };
        Listener slowListener = new EchoListener() {
            @Override
            public void onText(Connection c, String text) throws Exception {
                closeOrErrorArrived(c);
                super.onText(c, text);
            }
        };
        server = WebSockets.serve(TestSupport.options().build(), ServiceMapper.builder()
                .route("/handler", ServiceMapper.none(TestSupport.ECHO))
                .route("/slow-handler", ServiceMapper.none(slowEcho))
                .route("/listener", ServiceMapper.none(new EchoListener()))
                .route("/slow-listener", ServiceMapper.none(slowListener))
                .build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Waits until the peer's close frame or its protocol error has been read: both set the close status. */
    private static void closeOrErrorArrived(Connection c) throws InterruptedException {
        Await.until("the peer's close frame or protocol error is read", () -> c.closeStatus().isPresent());
    }

    private static final String[] PATHS = {"/handler", "/slow-handler", "/listener", "/slow-listener"};

    /** Connects by hand; returns the socket after the 101. */
    private static Socket open(String path) throws Exception {
        Socket s = Raw.open(server.port());
        s.getOutputStream().write(Raw.upgrade(path).getBytes(StandardCharsets.US_ASCII));
        assertTrue(Raw.readHead(s.getInputStream()).startsWith("HTTP/1.1 101 "));
        return s;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] text(String s) {
        return Raw.clientFrame(0x81, s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] close(int code) {
        return Raw.clientFrame(0x88, new byte[] {(byte) (code >> 8), (byte) code});
    }

    @Test
    void messagesBeforeTheClientsCloseAreEchoedBeforeTheAnswer() throws Exception {
        for (String path : PATHS) {
            try (Socket s = open(path)) {
                OutputStream out = s.getOutputStream();
                InputStream in = s.getInputStream();
                // one write: three messages and the close frame arrive together
                out.write(concat(text("one"), text("two"), text("three"), close(4000)));
                for (String expected : new String[] {"one", "two", "three"}) {
                    Raw.Frame f = Raw.readFrame(in);
                    assertEquals(0x81, f.b0(), path + ": a text frame before the close");
                    assertEquals(expected, f.text(), path);
                }
                Raw.Frame close = Raw.readFrame(in);
                assertEquals(0x88, close.b0(), path);
                assertEquals(4000, close.closeCode(), path + ": the code is echoed");
                assertEquals(-1, in.read(), path + ": the server closes TCP");
            }
        }
    }

    @Test
    void messagesBeforeAProtocolErrorAreEchoedBeforeThe1002() throws Exception {
        for (String path : PATHS) {
            try (Socket s = open(path)) {
                OutputStream out = s.getOutputStream();
                InputStream in = s.getInputStream();
                // as Autobahn 3.2: a text message, then a frame with a reserved bit set, then a ping
                out.write(concat(text("hello"), Raw.clientFrame(0xC1, "bad".getBytes(StandardCharsets.UTF_8)),
                        Raw.clientFrame(0x89, new byte[0])));
                Raw.Frame echo = Raw.readFrame(in);
                assertEquals(0x81, echo.b0(), path);
                assertEquals("hello", echo.text(), path);
                Raw.Frame close = Raw.readFrame(in);
                assertEquals(0x88, close.b0(), path + ": nothing answers the ping after the bad frame");
                assertEquals(CloseCodes.PROTOCOL_ERROR, close.closeCode(), path);
                out.write(close(CloseCodes.PROTOCOL_ERROR));
                assertEquals(-1, in.read(), path);
            }
        }
    }

    @Test
    void ourClientConsumesTheServersLastMessagesBeforeAnswering() throws Exception {
        // a server that sends and closes at once; the client's reader thread answers after taking them
        Handler burst = c -> {
            for (int i = 0; i < 50; i++) {
                c.sendText("m" + i);
            }
            c.close(4001, "done");
            assertNull(c.receive());
        };
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().build(), burst)) {
            Connection c = TestSupport.client().connect(TestSupport.uri(s, "/"));
            // everything, the close frame included, is in the client's queue
            Await.until("the server's close frame is read", c::isClosed);
            for (int i = 0; i < 50; i++) {
                assertEquals("m" + i, c.receiveText());
            }
            assertNull(c.receive());
            assertEquals(new CloseStatus(4001, "done", true),
                    c.closed().toCompletableFuture().get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void handlerThatNeverReadsGetsTheCloseAnsweredAfterTheCloseTimeout() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Handler neverReads = c -> {
            release.await(20, TimeUnit.SECONDS);
        };
        try (WebSocketServer s = WebSockets.serve(
                TestSupport.options().closeTimeout(Duration.ofMillis(600)).build(), neverReads)) {
            try (Socket raw = Raw.open(s.port())) {
                raw.getOutputStream().write(Raw.upgrade("/").getBytes(StandardCharsets.US_ASCII));
                InputStream in = raw.getInputStream();
                assertTrue(Raw.readHead(in).startsWith("HTTP/1.1 101 "));
                raw.getOutputStream().write(concat(text("unread"), close(4002)));
                long t0 = System.nanoTime();
                Raw.Frame f = Raw.readFrame(in);
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                assertEquals(4002, f.closeCode());
                assertTrue(ms >= 400 && ms < 5000, "answered after " + ms + " ms");
                assertEquals(-1, in.read());
            } finally {
                release.countDown();
            }
        }
    }

    @Test
    void handlerThatReturnsOnIsClosedGetsTheCloseAnsweredAtOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Handler sendsOnly = c -> {
            c.sendText("hi");
            Await.until("the peer's close frame is read", c::isClosed);
        };
        try (WebSocketServer s = WebSockets.serve(
                TestSupport.options().closeTimeout(Duration.ofSeconds(10)).build(), sendsOnly)) {
            try (Socket raw = Raw.open(s.port())) {
                raw.getOutputStream().write(Raw.upgrade("/").getBytes(StandardCharsets.US_ASCII));
                InputStream in = raw.getInputStream();
                assertTrue(Raw.readHead(in).startsWith("HTTP/1.1 101 "));
                assertEquals("hi", Raw.readFrame(in).text());
                long t0 = System.nanoTime();
                raw.getOutputStream().write(close(1000));
                assertEquals(1000, Raw.readFrame(in).closeCode());
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                assertTrue(ms < 3000, "answered after " + ms + " ms");
            } finally {
                release.countDown();
            }
        }
    }

    /** Holds once the inbound queue has not changed for 200 ms: the client reads no more. */
    private static java.util.function.BooleanSupplier queueSettled(WsConnection w) {
        return Await.steady(w::inboundQueued, Duration.ofMillis(200));
    }

    @Test
    void closingClientKeepsBackpressureAndLosesNoData() throws Exception {
        int count = 256;
        int size = 8 * 1024; // 2 MiB in all, far over the client's inbound limit
        CountDownLatch allSent = new CountDownLatch(1);
        Handler sender = c -> {
            for (int i = 0; i < count; i++) {
                byte[] b = new byte[size];
                b[0] = (byte) i;
                b[size - 1] = (byte) (i * 7);
                c.sendBinary(b);
            }
            allSent.countDown();
            assertNull(c.receive()); // the client's close
        };
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().closeTimeout(Duration.ofSeconds(10))
                .build(), sender)) {
            WebSocketClient client = WebSockets.client(ClientOptions.builder().inboundQueueLimit(32 * 1024)
                    .closeTimeout(Duration.ofSeconds(10)).build());
            Connection c = client.connect(TestSupport.uri(s, "/"));
            WsConnection w = (WsConnection) c;
            Await.until("the client's queue reaches its limit", () -> w.inboundQueued() >= 32 * 1024);
            c.close(4003, "enough"); // the queue is over its limit: reading has paused
            Await.until("the client's queue settles after close", queueSettled(w));
            assertTrue(w.inboundQueued() < BOUND,
                    "still bounded after close: " + w.inboundQueued());
            for (int i = 0; i < count; i++) {
                Message m = c.receive();
                byte[] b = m.bytes();
                assertEquals(size, b.length, "message " + i);
                assertEquals((byte) i, b[0], "message " + i);
                assertEquals((byte) (i * 7), b[size - 1], "message " + i);
            }
            assertNull(c.receive());
            assertTrue(allSent.await(10, TimeUnit.SECONDS));
            CloseStatus st = c.closed().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertEquals(new CloseStatus(4003, "", true), st);
        }
    }

    @Test
    void closingListenerClientKeepsBackpressureAndLosesNoData() throws Exception {
        int count = 256;
        int size = 8 * 1024;
        Handler sender = c -> {
            for (int i = 0; i < count; i++) {
                byte[] b = new byte[size];
                b[0] = (byte) i;
                c.sendBinary(b);
            }
            assertNull(c.receive());
        };
        CountDownLatch go = new CountDownLatch(1);
        LinkedBlockingQueue<Integer> got = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<CloseStatus> closed = new LinkedBlockingQueue<>();
        Listener slow = new Listener() {
            @Override
            public void onBinary(Connection c, ByteBuffer data) throws Exception {
                go.await(20, TimeUnit.SECONDS);
                got.add(data.get(0) & 0xff);
            }

            @Override
            public void onClose(Connection c, CloseStatus status) {
                closed.add(status);
            }
        };
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().closeTimeout(Duration.ofSeconds(10))
                .build(), sender)) {
            WebSocketClient client = WebSockets.client(ClientOptions.builder().inboundQueueLimit(32 * 1024)
                    .closeTimeout(Duration.ofSeconds(10)).build());
            Connection c = client.connect(TestSupport.uri(s, "/"), ConnectRequest.builder().listener(slow).build());
            WsConnection w = (WsConnection) c;
            Await.until("the client's queue reaches its limit", () -> w.inboundQueued() >= 32 * 1024);
            c.close(4004, "enough");
            Await.until("the client's queue settles after close", queueSettled(w));
            assertTrue(w.inboundQueued() < BOUND,
                    "still bounded after close: " + w.inboundQueued());
            go.countDown();
            assertEquals(new CloseStatus(4004, "", true), closed.poll(20, TimeUnit.SECONDS));
            List<Integer> order = new ArrayList<>(got);
            assertEquals(count, order.size(), "every message reached the listener");
            for (int i = 0; i < count; i++) {
                assertEquals(i & 0xff, order.get(i));
            }
        }
    }

    @Test
    void binaryEchoOfManyChunksThenCloseKeepsEveryByte() throws Exception {
        // what `ws cat --binary` does: send everything, close, read until the end
        byte[] data = new byte[4 << 20];
        new java.util.Random(6455).nextBytes(data);
        for (String path : new String[] {"/handler", "/listener"}) {
            Connection c = TestSupport.client().connect(TestSupport.uri(server, path));
            Thread pump = new Thread(() -> {
                try {
                    for (int at = 0; at < data.length; at += 64 * 1024) {
                        c.sendBinary(ByteBuffer.wrap(data, at, Math.min(64 * 1024, data.length - at)));
                    }
                    c.close();
                } catch (Exception e) {
                    // the test fails below
                }
            });
            pump.start();
            ByteArrayOutputStream echoed = new ByteArrayOutputStream();
            for (Message m; (m = c.receive()) != null;) {
                echoed.writeBytes(m.bytes());
            }
            pump.join(10_000);
            assertArrayEquals(data, echoed.toByteArray(), path);
            assertEquals(CloseCodes.NORMAL, c.closed().toCompletableFuture().get(10, TimeUnit.SECONDS).code());
        }
    }
}
