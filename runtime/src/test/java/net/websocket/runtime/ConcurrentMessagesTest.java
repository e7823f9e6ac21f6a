package net.websocket.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
    /** Released by the "fast" message: the "slow" one waits for it. */
    static volatile CountDownLatch fastDone = new CountDownLatch(1);
    /** N callbacks meet here: it trips only when N run at once. */
    static final CyclicBarrier TOGETHER = new CyclicBarrier(N);
    static final AtomicInteger RUNNING = new AtomicInteger();
    static final AtomicInteger MOST_RUNNING = new AtomicInteger();
    static final List<String> EVENTS = Collections.synchronizedList(new ArrayList<>());
    static volatile CountDownLatch closed = new CountDownLatch(1);

    /** The listener of every route: what it does with a message depends on the message. */
    static final Listener LISTENER = new Listener() {
        @Override
        public void onText(Connection c, String text) throws Exception {
            int now = RUNNING.incrementAndGet();
            MOST_RUNNING.accumulateAndGet(now, Math::max);
            try {
                switch (text) {
                    case "slow", "slow-briefly" -> {
                        boolean overtaken = fastDone.await(text.equals("slow") ? 20 : 2, TimeUnit.SECONDS);
                        c.sendText("slow " + (overtaken ? "overtaken" : "alone"));
                    }
                    case "fast" -> {
                        c.sendText("fast");
                        fastDone.countDown();
                    }
                    case "together" -> {
                        TOGETHER.await(20, TimeUnit.SECONDS);
                        c.sendText("together");
                    }
                    case "boom" -> throw new IllegalStateException("boom");
                    case "linger" -> {
                        Thread.sleep(200); // work that is still going on when the close arrives
                        EVENTS.add("linger done");
                    }
                    default -> c.sendText(text);
                }
            } finally {
                RUNNING.decrementAndGet();
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
            EVENTS.add("closed");
            closed.countDown();
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

    private static Connection connect(String path) throws Exception {
        return TestSupport.client().connect(TestSupport.uri(server, path));
    }

    @Test
    void aSlowMessageDoesNotHoldUpTheNext() throws Exception {
        fastDone = new CountDownLatch(1);
        try (Connection c = connect("/concurrent")) {
            c.sendText("slow");
            c.sendText("fast");
            assertEquals("fast", c.receiveText(), "the second message was handled while the first one ran");
            assertEquals("slow overtaken", c.receiveText());
        }
    }

    @Test
    void byDefaultMessagesAreHandledOneAtATimeInOrder() throws Exception {
        fastDone = new CountDownLatch(1);
        try (Connection c = connect("/ordered")) {
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
        MOST_RUNNING.set(0);
        TOGETHER.reset();
        try (Connection c = connect("/concurrent")) {
            int messages = 4 * N;
            for (int i = 0; i < messages; i++) {
                c.sendText("together");
            }
            for (int i = 0; i < messages; i++) {
                assertEquals("together", c.receiveText(), "a barrier of " + N + " tripped: " + N + " ran at once");
            }
        }
        assertEquals(N, MOST_RUNNING.get(), "at most " + N + " callbacks at once");
        assertFalse(TOGETHER.isBroken());
    }

    @Test
    void aFailingMessageIsReportedAndTheConnectionGoesOn() throws Exception {
        try (Connection c = connect("/concurrent")) {
            c.sendText("boom");
            assertEquals("reported boom", c.receiveText());
            c.sendText("still here");
            assertEquals("still here", c.receiveText());
            assertFalse(c.isClosed());
        }
    }

    @Test
    void onCloseComesAfterEveryMessage() throws Exception {
        EVENTS.clear();
        closed = new CountDownLatch(1);
        Connection c = connect("/concurrent");
        c.sendText("linger");
        c.sendText("echo");
        assertEquals("echo", c.receiveText(), "linger runs, the echo overtook it");
        c.close();
        assertTrue(closed.await(20, TimeUnit.SECONDS));
        assertEquals(List.of("linger done", "closed"), EVENTS);
    }
}
