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
}
