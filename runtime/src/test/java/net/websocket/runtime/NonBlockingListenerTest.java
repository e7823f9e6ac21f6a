package net.websocket.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import net.websocket.api.CloseCodes;
import net.websocket.api.ConnectRequest;
import net.websocket.api.Connection;
import net.websocket.api.Listener;
import net.websocket.api.Message;
import net.websocket.api.WebSocketServer;
import net.websocket.nio.WebSockets;

/**
 * {@link Listener.NonBlocking}: callbacks on the I/O thread, in order, with sends that never wait, and the outbound
 * queue limit as backpressure on a peer that does not read.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NonBlockingListenerTest {

    /** {@link ListenerTest.Recorder}, called on the I/O thread. */
    static final class Recorder extends ListenerTest.Recorder implements Listener.NonBlocking {
    }

    /** Echoes text and binary. */
    static final class Echo implements Listener.NonBlocking {
        @Override
        public void onText(Connection c, String text) throws Exception {
            c.sendText(text);
        }

        @Override
        public void onBinary(Connection c, ByteBuffer data) throws Exception {
            c.sendBinary(data);
        }
    }

    @Test
    void callbacksRunOnTheIoThreadInOrder() throws Exception {
        Recorder r = new Recorder();
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().build(), r)) {
            Connection c = TestSupport.client().connect(TestSupport.uri(s, "/"));
            c.sendText("echo me");
            assertEquals("echo: echo me", c.receiveText());
            c.ping(ByteBuffer.wrap("p".getBytes(StandardCharsets.UTF_8))).toCompletableFuture().get(5,
                    TimeUnit.SECONDS);
            c.close(4000, "done");
            c.closed().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertEquals(List.of("open", "text:echo me", "ping:p", "close:4000:done"), r.take(4));
            assertFalse(r.overlapped);
            synchronized (r.threads) {
                for (String t : r.threads) {
                    assertTrue(t.startsWith("ws-server-") && t.contains("-io-"), "callback on " + t);
                }
            }
        }
    }

    @Test
    void pipelinedMessagesComeBackInOrder() throws Exception {
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().build(), new Echo())) {
            Connection c = TestSupport.client().connect(TestSupport.uri(s, "/"));
            int count = 20_000;
            Thread sender = new Thread(() -> {
                try {
                    for (int i = 0; i < count; i++) {
                        c.sendText(Integer.toString(i));
                    }
                } catch (Exception e) {
                    // the count below fails
                }
            });
            sender.start();
            for (int i = 0; i < count; i++) {
                assertEquals(Integer.toString(i), c.receiveText());
            }
            sender.join(10_000);
            c.close(1000, "");
        }
    }

    @Test
    void aThrowingCallbackCloses1011() throws Exception {
        Recorder r = new Recorder();
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().build(), r)) {
            Connection c = TestSupport.client().connect(TestSupport.uri(s, "/"));
            c.sendText("throw");
            assertNull(c.receive());
            assertEquals(CloseCodes.INTERNAL_ERROR, c.closed().toCompletableFuture().get(10, TimeUnit.SECONDS)
                    .code());
            assertEquals(List.of("open", "text:throw", "error:listener failure (expected by the test)",
                    "close:1011:"), r.take(4));
        }
    }

    /**
     * A peer sends without reading: the echoes pile up to the outbound limit, then the server stops reading it, so the
     * peer's writes stall instead of the server's memory growing; a bystander loses nothing; when the peer reads,
     * everything comes back.
     */
    @Test
    void aPeerThatReadsNothingIsNotReadBeyondTheOutboundLimit() throws Exception {
        int limit = 64 * 1024;
        int frame = 8 * 1024;
        int frames = 8 * 1024; // 64 MiB: far more than the socket buffers of both sides hold
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().outboundQueueLimit(limit).build(),
                new Echo())) {
            Bystander b = Bystander.start(TestSupport.client(), TestSupport.uri(s, "/"));
            try (Socket raw = Raw.open(s.port())) {
                OutputStream out = raw.getOutputStream();
                InputStream in = raw.getInputStream();
                out.write(Raw.upgrade("/").getBytes(StandardCharsets.US_ASCII));
                assertTrue(Raw.readHead(in).startsWith("HTTP/1.1 101 "));
                byte[] wire = Raw.clientFrame(0x82, new byte[frame]);
                AtomicLong sent = new AtomicLong();
                CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                    try {
                        for (int i = 0; i < frames; i++) {
                            out.write(wire);
                            sent.incrementAndGet();
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                Await.until("the writer is stalled", Await.steady(sent::get, Duration.ofMillis(500)));
                long stalled = sent.get();
                assertTrue(stalled < frames, "stalled after " + stalled + " frames");
                b.finish();
                b = null;
                // now read every echo: the writer goes on and finishes
                for (int i = 0; i < frames; i++) {
                    Raw.Frame f = Raw.readFrame(in);
                    assertEquals(0x82, f.b0());
                    assertEquals(frame, f.payload().length);
                }
                writer.get(30, TimeUnit.SECONDS);
            } finally {
                if (b != null) {
                    b.finish();
                }
            }
        }
    }

    @Test
    void aClientListenerRunsOnTheClientsIoThread() throws Exception {
        LinkedBlockingQueue<String> texts = new LinkedBlockingQueue<>();
        Listener.NonBlocking client = new Listener.NonBlocking() {
            @Override
            public void onText(Connection c, String text) {
                texts.add(text + "@" + Thread.currentThread().getName());
            }
        };
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().build(), new Echo())) {
            Connection c = TestSupport.client().connect(TestSupport.uri(s, "/"),
                    ConnectRequest.builder().listener(client).build());
            c.sendText("hi");
            String got = texts.poll(10, TimeUnit.SECONDS);
            assertTrue(got != null && got.startsWith("hi@ws-client-"), String.valueOf(got));
            c.close(1000, "");
        }
    }

    /** Text sent from the I/O thread: short ASCII goes through the loop's buffer, the rest is encoded as UTF-8. */
    @Test
    void textOfEveryKindComesBackExactly() throws Exception {
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().build(), new Echo())) {
            try (Connection c = TestSupport.client().connect(TestSupport.uri(s, "/"))) {
                String ascii = "0123456789abcdef".repeat(256); // 4096 characters, the loop buffer's size
                for (String text : List.of("", "a", ascii, ascii + "x", "h\u00e9llo", ascii.substring(1) + "\u00e9",
                        "plain then \ud834\udd1e", "\u007f\u0080")) {
                    c.sendText(text);
                    assertEquals(text, c.receiveText(), "length " + text.length());
                }
                c.sendText("short");
                c.sendText("sh\u00f6rt");
                assertEquals("short", c.receiveText(), "no trace of one message in the next");
                assertEquals("sh\u00f6rt", c.receiveText());
            }
        }
    }

    /** Messages of every length class come back whole through the batched writes. */
    @Test
    void binaryEchoesAreWhole() throws Exception {
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().build(), new Echo())) {
            try (Connection c = TestSupport.client().connect(TestSupport.uri(s, "/"))) {
                for (int size : new int[] {0, 1, 125, 126, 65_535, 65_536, 500_000}) {
                    byte[] data = new byte[size];
                    for (int i = 0; i < size; i++) {
                        data[i] = (byte) (i * 31);
                    }
                    c.sendBinary(data);
                    Message m = c.receive();
                    assertTrue(java.util.Arrays.equals(data, m.bytes()), "size " + size);
                }
            }
        }
    }

    /** Echoes binary, borrowing each message's buffer, and remembers the arrays it was lent. */
    static final class BorrowingEcho implements Listener.BorrowsBuffers {
        final List<byte[]> arrays = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void onBinary(Connection c, ByteBuffer data) throws Exception {
            arrays.add(data.array());
            c.sendBinary(data);
        }
    }

    /**
     * A borrowing listener's large messages are assembled in an array used again once its callback returned (or, when
     * the callback sent it, once that was written): every echo is still the message sent, on two connections sending
     * messages of different sizes and bytes by turns.
     */
    @Test
    void aBorrowingListenersMessagesShareArraysAndComeBackWhole() throws Exception {
        BorrowingEcho echo = new BorrowingEcho();
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().ioThreads(1).build(), echo);
                Connection a = TestSupport.client().connect(TestSupport.uri(s, "/"));
                Connection b = TestSupport.client().connect(TestSupport.uri(s, "/"))) {
            int[] sizes = {300_000, 100_000, 300_000, 250_000, 70_000, 299_999};
            for (int k = 0; k < sizes.length; k++) {
                byte[] da = pattern(sizes[k], 31 + k);
                byte[] db = pattern(sizes[sizes.length - 1 - k], 17 + k);
                a.sendBinary(da);
                b.sendBinary(db);
                assertTrue(java.util.Arrays.equals(da, a.receive().bytes()), "a, message " + k);
                assertTrue(java.util.Arrays.equals(db, b.receive().bytes()), "b, message " + k);
            }
            java.util.Set<byte[]> distinct = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            distinct.addAll(echo.arrays.subList(2, echo.arrays.size()));
            // an array comes back once its echo is written, so a connection's message may arrive while the other's
            // echo is still going out: at most two arrays per connection
            assertTrue(distinct.size() <= 4, "after the first message of each connection, the arrays come again: "
                    + distinct.size() + " arrays for " + (echo.arrays.size() - 2) + " messages");
        }
    }

    /**
     * Echoes written from the arrays they arrived in, several queued at once behind each other (the client sends them
     * all before it reads): each comes back whole and in order.
     */
    @Test
    void aBorrowingListenersQueuedEchoesComeBackWholeAndInOrder() throws Exception {
        BorrowingEcho echo = new BorrowingEcho();
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().ioThreads(1).build(), echo);
                Connection a = TestSupport.client().connect(TestSupport.uri(s, "/"))) {
            int[] sizes = {200_000, 70_000, 333_333, 150_001};
            List<byte[]> sent = new java.util.ArrayList<>();
            for (int k = 0; k < sizes.length; k++) {
                byte[] d = pattern(sizes[k], 7 + 2 * k);
                sent.add(d);
                a.sendBinary(d);
            }
            for (int k = 0; k < sizes.length; k++) {
                assertTrue(java.util.Arrays.equals(sent.get(k), a.receive().bytes()), "message " + k);
            }
        }
    }

    private static byte[] pattern(int size, int step) {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) (i * step);
        }
        return data;
    }
}
