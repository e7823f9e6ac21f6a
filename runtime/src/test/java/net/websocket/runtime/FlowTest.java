package net.websocket.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import net.websocket.api.Connection;
import net.websocket.api.Handler;
import net.websocket.api.Message;
import net.websocket.api.PayloadType;
import net.websocket.api.WebSocketServer;
import net.websocket.nio.WebSockets;
import net.websocket.runtime.internal.WsConnection;

/** Streams that deliver pieces as they arrive, async receives, and backpressure in both directions. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class FlowTest {

    @Test
    void receiveStreamDeliversPiecesBeforeTheMessageEnds() throws Exception {
        CountDownLatch firstRead = new CountDownLatch(1);
        Handler sendsSlowly = c -> {
            c.sendFragment(PayloadType.BINARY, ByteBuffer.wrap(new byte[] {1, 2, 3}), false);
            assertTrue(firstRead.await(10, TimeUnit.SECONDS));
            c.sendFragment(PayloadType.CONTINUATION, ByteBuffer.wrap(new byte[] {4}), true);
            c.sendText("next");
            c.receive();
        };
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().build(), sendsSlowly);
                Connection c = TestSupport.client().connect(TestSupport.uri(s, "/"))) {
            InputStream in = c.receiveStream();
            byte[] b = new byte[10];
            assertEquals(3, in.read(b), "the first fragment, before the last was sent");
            firstRead.countDown();
            assertEquals(4, in.read());
            assertEquals(-1, in.read());
            assertEquals("next", c.receiveText());
        }
    }

    @Test
    void unfinishedStreamIsSkippedByNextReceive() throws Exception {
        Handler sends = c -> {
            c.sendBinary(new byte[100_000]);
            c.sendText("after");
            c.receive();
        };
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().build(), sends);
                Connection c = TestSupport.client().connect(TestSupport.uri(s, "/"))) {
            InputStream in = c.receiveStream();
            assertEquals(0, in.read());
            assertEquals("after", c.receiveText());
        }
    }

    @Test
    void receiveAsyncServesCallsInOrder() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        Handler sends = c -> {
            go.await();
            for (int i = 0; i < 5; i++) {
                c.sendText("m" + i);
            }
            c.close();
        };
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().build(), sends)) {
            Connection c = TestSupport.client().connect(TestSupport.uri(s, "/"));
            List<CompletableFuture<Message>> fs = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                fs.add(c.receiveAsync().toCompletableFuture());
            }
            go.countDown();
            for (int i = 0; i < 5; i++) {
                assertEquals("m" + i, fs.get(i).get(10, TimeUnit.SECONDS).text());
            }
            assertNull(fs.get(5).get(10, TimeUnit.SECONDS), "end of stream");
            assertNull(c.receiveAsync().toCompletableFuture().get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void handlerThatNeverReadsStopsTheSocketAndBlocksTheSender() throws Exception {
        int limit = 256 * 1024;
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<WsConnection> serverSide = new AtomicReference<>();
        AtomicInteger received = new AtomicInteger();
        Handler lazy = c -> {
            serverSide.set((WsConnection) c);
            release.await();
            while (c.receive() != null) {
                received.incrementAndGet();
            }
        };
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().inboundQueueLimit(limit).build(), lazy)) {
            Connection c = WebSockets.client(ClientOptions.builder().outboundQueueLimit(limit).build())
                    .connect(TestSupport.uri(s, "/"));
            AtomicLong sent = new AtomicLong();
            int size = 16 * 1024;
            Thread sender = new Thread(() -> {
                try {
                    for (int i = 0; i < 4096; i++) { // 64 MiB if nothing blocked
                        c.sendBinary(new byte[size]);
                        sent.incrementAndGet();
                    }
                } catch (Exception e) {
                    // ends the loop
                }
            });
            sender.start();
            // wait until the count stops moving: the sender is blocked
            Await.until("the sender's count stops moving", Duration.ofSeconds(30),
                    Await.steady(sent::get, Duration.ofMillis(300)));
            assertTrue(sender.isAlive(), "the sender never blocked");
            long queuedAtServer = serverSide.get().inboundQueued();
            assertTrue(queuedAtServer <= limit + 64 * 1024 + size,
                    "server queue bounded: " + queuedAtServer);
            long queuedAtClient = ((WsConnection) c).outboundQueued();
            assertTrue(queuedAtClient <= limit + size, "client queue bounded: " + queuedAtClient);
            // sockets hold the rest: far less than what would have been sent without backpressure
            assertTrue(sent.get() * size < 48L << 20, "sent " + sent.get() * size + " bytes");
            release.countDown();
            sender.join(60_000);
            assertFalse(sender.isAlive());
            Await.until("every message received", Duration.ofSeconds(30), () -> received.get() >= 4096);
            assertEquals(4096, received.get(), "nothing lost");
            c.close();
        }
    }

    @Test
    void floodOfEmptyMessagesIsHeldBackToo() throws Exception {
        int limit = 64 * 1024;
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<WsConnection> serverSide = new AtomicReference<>();
        Handler lazy = c -> {
            serverSide.set((WsConnection) c);
            release.await();
            while (c.receive() != null) {
                // drain
            }
        };
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().inboundQueueLimit(limit).build(), lazy)) {
            Connection c = TestSupport.client().connect(TestSupport.uri(s, "/"));
            for (int i = 0; i < 200_000; i++) {
                c.sendTextAsync("");
            }
            Await.until("the server's handler runs", () -> serverSide.get() != null);
            Await.until("the server's queue stops growing: reading has paused",
                    Await.steady(() -> serverSide.get().inboundQueued(), Duration.ofMillis(500)));
            // what one read may add beyond the limit: a read buffer full of 6-byte frames
            long bound = limit + (64 * 1024 / 6 + 1) * 64L + 64 * 1024;
            long queued = serverSide.get().inboundQueued();
            assertTrue(queued <= bound, "queued " + queued + " > " + bound);
            release.countDown();
            c.close();
            c.closed().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void clientThatNeverReadsDoesNotGrowWithoutBound() throws Exception {
        int limit = 128 * 1024;
        AtomicLong sent = new AtomicLong();
        AtomicReference<WsConnection> serverSide = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Handler flood = c -> {
            serverSide.set((WsConnection) c);
            try {
                for (int i = 0; i < 4096; i++) {
                    c.sendBinary(new byte[16 * 1024]);
                    sent.incrementAndGet();
                }
            } finally {
                done.countDown();
            }
        };
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().outboundQueueLimit(limit).build(), flood)) {
            Connection c = WebSockets.client(ClientOptions.builder().inboundQueueLimit(limit).build())
                    .connect(TestSupport.uri(s, "/"));
            Await.until("the server's count stops moving", Duration.ofSeconds(30),
                    Await.steady(sent::get, Duration.ofMillis(300)));
            assertFalse(done.await(0, TimeUnit.SECONDS), "the server's handler never blocked");
            assertTrue(((WsConnection) c).inboundQueued() <= limit + 64 * 1024 + 16 * 1024);
            assertTrue(serverSide.get().outboundQueued() <= limit + 16 * 1024);
            int got = 0;
            while (got < 4096 && c.receive() != null) {
                got++;
            }
            assertEquals(4096, got);
            c.close();
        }
    }
}
