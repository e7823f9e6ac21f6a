package net.websocket.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import net.websocket.api.Connection;
import net.websocket.api.Listener;
import net.websocket.api.WebSocketServer;
import net.websocket.nio.WebSockets;

/**
 * Sends made from listener callbacks are written together at the end of a run of callbacks: order, completion of
 * asynchronous sends and blocking backpressure must be as for sends written one by one.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BatchedWritesTest {

    /** Echoes every text message back. */
    private static final Listener ECHO = new Listener() {
        @Override
        public void onText(Connection c, String text) throws Exception {
            c.sendText(text);
        }
    };

    @Test
    void pipelinedEchoesComeBackInOrder() throws Exception {
        int count = 2_000;
        try (WebSocketServer s = TestSupport.serve(ECHO);
                Connection c = TestSupport.client().connect(TestSupport.uri(s, "/"))) {
            List<CompletableFuture<Void>> sent = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                sent.add(c.sendTextAsync("m" + i).toCompletableFuture());
            }
            for (int i = 0; i < count; i++) {
                assertEquals("m" + i, c.receiveText());
            }
            for (CompletableFuture<Void> f : sent) {
                f.get(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void manySendsInOneCallbackRespectTheOutboundLimit() throws Exception {
        int count = 3_000;
        String chunk = "x".repeat(1_000);
        Listener burst = new Listener() {
            @Override
            public void onText(Connection c, String text) throws Exception {
                for (int i = 0; i < count; i++) {
                    c.sendText(i + ":" + chunk); // blocks while more than the limit is queued
                }
                c.sendText("done");
            }
        };
        ServerOptions o = TestSupport.options().outboundQueueLimit(16 * 1024).build();
        try (WebSocketServer s = WebSockets.serve(o, burst);
                Connection c = TestSupport.client().connect(TestSupport.uri(s, "/"))) {
            c.sendText("go");
            for (int i = 0; i < count; i++) {
                assertEquals(i + ":" + chunk, c.receiveText());
            }
            assertEquals("done", c.receiveText());
        }
    }

    @Test
    void asyncSendsFromCallbacksComplete() throws Exception {
        CompletableFuture<Boolean> allDone = new CompletableFuture<>();
        Listener async = new Listener() {
            @Override
            public void onText(Connection c, String text) {
                List<CompletableFuture<Void>> fs = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    fs.add(c.sendTextAsync(text + i).toCompletableFuture());
                }
                CompletableFuture.allOf(fs.toArray(CompletableFuture[]::new))
                        .whenComplete((v, e) -> allDone.complete(e == null));
            }
        };
        try (WebSocketServer s = TestSupport.serve(async);
                Connection c = TestSupport.client().connect(TestSupport.uri(s, "/"))) {
            c.sendText("a");
            for (int i = 0; i < 100; i++) {
                assertEquals("a" + i, c.receiveText());
            }
            assertTrue(allDone.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void sendThenCloseInOneCallbackDeliversTheMessageFirst() throws Exception {
        Listener sendAndClose = new Listener() {
            @Override
            public void onText(Connection c, String text) throws Exception {
                c.sendText("bye " + text);
                c.close(1000, "done");
            }
        };
        try (WebSocketServer s = TestSupport.serve(sendAndClose);
                Connection c = TestSupport.client().connect(TestSupport.uri(s, "/"))) {
            c.sendText("you");
            assertEquals("bye you", c.receiveText());
            assertEquals(1000, c.closed().toCompletableFuture().get(10, TimeUnit.SECONDS).code());
        }
    }

    @Test
    void smallLargeAsyncAndControlFramesInOneCallbackKeepTheirOrder() throws Exception {
        int count = 400;
        int large = 100 * 1024;
        CompletableFuture<Boolean> allDone = new CompletableFuture<>();
        Listener mixed = new Listener() {
            @Override
            public void onText(Connection c, String text) throws Exception {
                List<CompletableFuture<Void>> fs = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    if (i % 50 == 25) {
                        byte[] data = new byte[large];
                        java.util.Arrays.fill(data, (byte) i);
                        c.sendBinary(data); // too large for the batch buffer: queued after what it holds
                    } else if (i % 7 == 0) {
                        fs.add(c.sendTextAsync("async " + i).toCompletableFuture());
                    } else {
                        c.sendText("m " + i);
                    }
                    if (i % 60 == 30) {
                        c.ping(java.nio.ByteBuffer.wrap(new byte[] {(byte) i})); // a control frame in between
                    }
                }
                CompletableFuture.allOf(fs.toArray(new CompletableFuture<?>[0]))
                        .whenComplete((v, e) -> allDone.complete(e == null));
            }
        };
        try (WebSocketServer s = TestSupport.serve(mixed);
                Connection c = TestSupport.client().connect(TestSupport.uri(s, "/"))) {
            c.sendText("go");
            for (int i = 0; i < count; i++) {
                net.websocket.api.Message m = c.receive();
                if (i % 50 == 25) {
                    assertTrue(m.isBinary(), "message " + i);
                    byte[] expected = new byte[large];
                    java.util.Arrays.fill(expected, (byte) i);
                    assertTrue(java.util.Arrays.equals(expected, m.bytes()), "message " + i);
                } else {
                    assertEquals((i % 7 == 0 ? "async " : "m ") + i, m.text());
                }
            }
            assertTrue(allDone.get(10, TimeUnit.SECONDS));
        }
    }
}
