package net.websocket.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import net.websocket.api.CloseCodes;
import net.websocket.api.CloseStatus;
import net.websocket.api.ConnectRequest;
import net.websocket.api.Connection;
import net.websocket.api.Listener;
import net.websocket.api.PayloadType;
import net.websocket.api.WebSocketServer;
import net.websocket.nio.WebSockets;

/** Event-style endpoints on both sides. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ListenerTest {

    /** Records events as strings, and the threads they ran on. */
    static class Recorder implements Listener {
        final LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
        final List<String> threads = new ArrayList<>();
        final AtomicInteger concurrent = new AtomicInteger();
        volatile boolean overlapped;

        private void record(String e) {
            if (concurrent.incrementAndGet() > 1) {
                overlapped = true;
            }
            synchronized (threads) {
                threads.add(Thread.currentThread().getName());
            }
            events.add(e);
            concurrent.decrementAndGet();
        }

        @Override
        public void onOpen(Connection c) {
            record("open");
        }

        @Override
        public void onText(Connection c, String text) throws Exception {
            record("text:" + text);
            if (text.equals("echo me")) {
                c.sendText("echo: " + text);
            }
            if (text.equals("throw")) {
                throw new IllegalStateException("listener failure (expected by the test)");
            }
        }

        @Override
        public void onBinary(Connection c, ByteBuffer data) {
            record("binary:" + data.remaining());
        }

        @Override
        public void onPing(Connection c, ByteBuffer data) {
            record("ping:" + StandardCharsets.UTF_8.decode(data));
        }

        @Override
        public void onPong(Connection c, ByteBuffer data) {
            record("pong:" + StandardCharsets.UTF_8.decode(data));
        }

        @Override
        public void onClose(Connection c, CloseStatus status) {
            record("close:" + status.code() + ":" + status.reason());
        }

        @Override
        public void onError(Connection c, Throwable error) {
            record("error:" + error.getMessage());
        }

        List<String> take(int n) throws InterruptedException {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String e = events.poll(10, TimeUnit.SECONDS);
                if (e == null) {
                    throw new AssertionError("only got " + out);
                }
                out.add(e);
            }
            return out;
        }
    }

    @Test
    void serverListenerSeesEventsInOrder() throws Exception {
        Recorder r = new Recorder();
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().build(), r)) {
            Connection c = TestSupport.client().connect(TestSupport.uri(s, "/"));
            c.sendText("one");
            c.sendBinary(new byte[5]);
            c.ping(ByteBuffer.wrap("p".getBytes(StandardCharsets.UTF_8))).toCompletableFuture().get(5,
                    TimeUnit.SECONDS);
            c.sendFragment(PayloadType.TEXT, ByteBuffer.wrap("tw".getBytes(StandardCharsets.UTF_8)), false);
            c.sendFragment(PayloadType.CONTINUATION, ByteBuffer.wrap("o".getBytes(StandardCharsets.UTF_8)), true);
            c.sendText("echo me");
            assertEquals("echo: echo me", c.receiveText());
            c.close(4000, "done");
            c.closed().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertEquals(List.of("open", "text:one", "binary:5", "ping:p", "text:two", "text:echo me",
                    "close:4000:done"), r.take(7));
            String late = r.events.poll(100, TimeUnit.MILLISECONDS);
            assertNull(late, "nothing after onClose: " + late);
            assertFalse(r.overlapped);
            for (String t : r.threads) {
                assertFalse(t.startsWith("ws-server-"), "callback on I/O thread " + t);
            }
        }
    }

    @Test
    void aCallbackThatWaitsForItsOwnAsynchronousSendIsNotHeldUpByTheBatch() throws Exception {
        // the callback's writes are batched until it returns; waiting on its own send must write the batch first
        Listener waits = new Listener() {
            @Override
            public void onText(Connection c, String text) throws Exception {
                c.sendTextAsync("first " + text).toCompletableFuture().get(20, TimeUnit.SECONDS);
                c.sendBinaryAsync(ByteBuffer.wrap(new byte[3])).toCompletableFuture().join();
                c.sendText("then " + text);
            }
        };
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().build(), waits);
                Connection c = TestSupport.client().connect(TestSupport.uri(s, "/"))) {
            for (String m : List.of("a", "b")) {
                c.sendText(m);
                assertEquals("first " + m, c.receiveText());
                assertEquals(3, c.receiveBinary().remaining());
                assertEquals("then " + m, c.receiveText());
            }
        }
    }

    @Test
    void textOfSizesAroundTheSmallTextPathComesBackExactly() throws Exception {
        Listener echo = new Listener() {
            @Override
            public void onText(Connection c, String text) throws Exception {
                c.sendText(text);
            }
        };
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().build(), echo)) {
            Connection c = TestSupport.client().connect(TestSupport.uri(s, "/"));
            // 1-, 2-, 3- and 4-byte characters, so that some messages end right at 4 KiB and others on either side
            String[] pieces = {"a", "\u00e9", "\u20ac", "\ud83d\ude00"};
            for (int size : new int[] {0, 1, 100, 4093, 4094, 4095, 4096, 4097, 4098, 10_000}) {
                for (String piece : pieces) {
                    StringBuilder b = new StringBuilder();
                    while (b.toString().getBytes(StandardCharsets.UTF_8).length + piece.getBytes(
                            StandardCharsets.UTF_8).length <= size) {
                        b.append(piece);
                    }
                    String text = b.toString();
                    c.sendText(text);
                    assertEquals(text, c.receiveText(), size + " bytes of " + piece);
                }
            }
            c.close();
        }
    }

    @Test
    void throwingCallbackReportsErrorAndCloses1011() throws Exception {
        Recorder r = new Recorder();
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().build(), r)) {
            Connection c = TestSupport.client().connect(TestSupport.uri(s, "/"));
            c.sendText("throw");
            assertNull(c.receive());
            assertEquals(CloseCodes.INTERNAL_ERROR, c.closed().toCompletableFuture().get(10, TimeUnit.SECONDS)
                    .code());
            List<String> ev = r.take(4);
            assertEquals(List.of("open", "text:throw", "error:listener failure (expected by the test)",
                    "close:1011:"), ev);
        }
    }

    @Test
    void droppedConnectionReportsAbnormalClose() throws Exception {
        Recorder r = new Recorder();
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().build(), r)) {
            Connection c = TestSupport.client().connect(TestSupport.uri(s, "/"));
            assertEquals("open", r.events.poll(10, TimeUnit.SECONDS));
            c.abort();
            assertEquals("close:1006:", r.events.poll(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void clientListener() throws Exception {
        Recorder r = new Recorder();
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().build(), TestSupport.ECHO)) {
            Connection c = TestSupport.client().connect(TestSupport.uri(s, "/"),
                    ConnectRequest.builder().listener(r).build());
            assertThrows(IllegalStateException.class, c::receive);
            c.sendText("hello");
            c.sendBinary(new byte[3]);
            assertEquals(List.of("open", "text:hello", "binary:3"), r.take(3));
            c.ping(ByteBuffer.wrap("x".getBytes(StandardCharsets.UTF_8)));
            assertEquals(List.of("pong:x"), r.take(1));
            c.close(1000, "");
            assertEquals(List.of("close:1000:"), r.take(1));
        }
    }

    @Test
    void slowListenerStopsReadingAndCatchesUp() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger got = new AtomicInteger();
        Listener slow = new Listener() {
            @Override
            public void onBinary(Connection c, ByteBuffer data) throws Exception {
                release.await();
                got.incrementAndGet();
            }
        };
        int limit = 64 * 1024;
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().inboundQueueLimit(limit).build(), slow)) {
            Connection c = WebSockets.client(ClientOptions.builder().outboundQueueLimit(limit).build())
                    .connect(TestSupport.uri(s, "/"));
            int total = 2000;
            Thread sender = new Thread(() -> {
                try {
                    for (int i = 0; i < total; i++) {
                        c.sendBinary(new byte[8192]);
                    }
                } catch (Exception e) {
                    // fails the count below
                }
            });
            sender.start();
            // 16 MiB cannot fit in the server's queue plus the socket buffers: the sender must block
            sender.join(3000);
            assertTrue(sender.isAlive(), "sends never blocked");
            release.countDown();
            sender.join(30_000);
            assertFalse(sender.isAlive());
            Await.until("every message reaches the listener", Duration.ofSeconds(20), () -> got.get() >= total);
            assertEquals(total, got.get());
            c.close();
        }
    }
}
