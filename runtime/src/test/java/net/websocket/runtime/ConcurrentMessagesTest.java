package net.websocket.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import net.websocket.api.CloseStatus;
import net.websocket.api.Connection;
import net.websocket.api.ConnectionOverrides;
import net.websocket.api.Listener;
import net.websocket.api.ServiceMapper;
import net.websocket.api.WebSocketServer;
import net.websocket.nio.WebSockets;

/**
 * {@code maxConcurrentMessages}: up to N messages of one connection handled at once by a listener (a slow one does
 * not hold up the next), never more than N, a failing one reported without closing the connection, {@code onClose}
 * after every message; 1 (the default) keeps them one at a time, in order.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConcurrentMessagesTest {

    static final int N = 3;

    static WebSocketServer server;

    /** What one test's connection saw on the server, found by the connection's query (its test's name). */
    static final class Seen {
        /** Released by the "fast" message: the "slow" one waits for it. */
        final CountDownLatch fastDone = new CountDownLatch(1);
        /** N callbacks meet here: it trips only when N run at once. */
        final CyclicBarrier together = new CyclicBarrier(N);
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostRunning = new AtomicInteger();
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch closed = new CountDownLatch(1);
    }

    static final Map<String, Seen> SEEN = new ConcurrentHashMap<>();

    static Seen seen(Connection c) {
        return SEEN.computeIfAbsent(c.query().orElse(""), k -> new Seen());
    }

    /** The listener of every route: what it does with a message depends on the message. */
    static final Listener LISTENER = new Listener() {
        @Override
        public void onText(Connection c, String text) throws Exception {
            Seen seen = seen(c);
            int now = seen.running.incrementAndGet();
            seen.mostRunning.accumulateAndGet(now, Math::max);
            try {
                switch (text) {
                    case "slow", "slow-briefly" -> {
                        boolean overtaken = seen.fastDone.await(text.equals("slow") ? 20 : 2, TimeUnit.SECONDS);
                        c.sendText("slow " + (overtaken ? "overtaken" : "alone"));
                    }
                    case "fast" -> {
                        c.sendText("fast");
                        seen.fastDone.countDown();
                    }
                    case "together" -> {
                        seen.together.await(20, TimeUnit.SECONDS);
                        c.sendText("together");
                    }
                    case "boom" -> throw new IllegalStateException("boom");
                    case "linger" -> {
                        Thread.sleep(200); // work that is still going on when the close arrives
                        seen.events.add("linger done");
                    }
                    default -> c.sendText(text);
                }
            } finally {
                seen.running.decrementAndGet();
            }
        }

        @Override
        public void onError(Connection c, Throwable error) {
            if (error instanceof IllegalStateException && "boom".equals(error.getMessage())) {
                c.sendTextAsync("reported boom");
            }
        }

        @Override
        public void onClose(Connection c, CloseStatus status) {
            Seen seen = seen(c);
            seen.events.add("closed");
            seen.closed.countDown();
        }
    };

    @BeforeAll
    static void start() throws Exception {
        server = WebSockets.serve(TestSupport.options().build(), ServiceMapper.builder()
                .route("/concurrent", ConnectionOverrides.builder().maxConcurrentMessages(N).build(),
                        ServiceMapper.none(LISTENER))
                .route("/ordered", ServiceMapper.none(LISTENER))
                .build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Connects with the test's name as the query, by which the server side's {@link Seen} is found. */
    private static Connection connect(String path, String test) throws Exception {
        return TestSupport.client().connect(TestSupport.uri(server, path + "?" + test));
    }

    @Test
    void aSlowMessageDoesNotHoldUpTheNext() throws Exception {
        try (Connection c = connect("/concurrent", "overtake")) {
            c.sendText("slow");
            c.sendText("fast");
            assertEquals("fast", c.receiveText(), "the second message was handled while the first one ran");
            assertEquals("slow overtaken", c.receiveText());
        }
    }

    @Test
    void byDefaultMessagesAreHandledOneAtATimeInOrder() throws Exception {
        try (Connection c = connect("/ordered", "ordered")) {
            c.sendText("slow-briefly");
            c.sendText("fast");
            // "slow-briefly" waits 2 s for a "fast" that only runs after it: nothing overlapped
            assertEquals("slow alone", c.receiveText());
            assertEquals("fast", c.receiveText());
            for (int i = 0; i < 20; i++) {
                c.sendText("m" + i);
            }
            for (int i = 0; i < 20; i++) {
                assertEquals("m" + i, c.receiveText());
            }
        }
    }

    @Test
    void neverMoreThanTheBoundAtOnce() throws Exception {
        try (Connection c = connect("/concurrent", "bound")) {
            int messages = 4 * N;
            for (int i = 0; i < messages; i++) {
                c.sendText("together");
            }
            for (int i = 0; i < messages; i++) {
                assertEquals("together", c.receiveText(), "a barrier of " + N + " tripped: " + N + " ran at once");
            }
        }
        Seen seen = SEEN.get("bound");
        assertEquals(N, seen.mostRunning.get(), "at most " + N + " callbacks at once");
        assertFalse(seen.together.isBroken());
    }

    @Test
    void aFailingMessageIsReportedAndTheConnectionGoesOn() throws Exception {
        try (Connection c = connect("/concurrent", "boom")) {
            c.sendText("boom");
            assertEquals("reported boom", c.receiveText());
            c.sendText("still here");
            assertEquals("still here", c.receiveText());
            assertFalse(c.isClosed());
        }
    }

    @Test
    void onCloseComesAfterEveryMessage() throws Exception {
        Connection c = connect("/concurrent", "close");
        c.sendText("linger");
        c.sendText("echo");
        assertEquals("echo", c.receiveText(), "linger runs, the echo overtook it");
        c.close();
        Seen seen = SEEN.get("close");
        assertTrue(seen.closed.await(20, TimeUnit.SECONDS));
        assertEquals(List.of("linger done", "closed"), seen.events);
    }
}
