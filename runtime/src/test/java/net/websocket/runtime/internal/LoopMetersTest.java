package net.websocket.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import net.websocket.api.WebSocketMetrics;
import net.websocket.api.WebSocketMetrics.RefusalReason;

/**
 * The counts of a loop ({@link LoopMeters}): those made on the loop thread (plain slots) and on other threads
 * (adders) add up, durations keep their count, total and maximum, close codes stay bounded; and a server's
 * {@link RuntimeMeters} adds up its loops.
 */
class LoopMetersTest {

    private IoLoop one;
    private IoLoop two;

    @BeforeEach
    void loops() {
        one = new IoLoop("meters-one", true, 0);
        two = new IoLoop("meters-two", true, 0);
        one.start();
        two.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (IoLoop l : new IoLoop[] {one, two}) {
            l.shutdown();
            l.join(10, TimeUnit.SECONDS);
        }
    }

    private static void onLoop(IoLoop loop, Runnable r) throws Exception {
        CompletableFuture.runAsync(r, loop).get(10, TimeUnit.SECONDS);
    }

    @Test
    void countsOfTheLoopThreadAndOfOtherThreadsAddUp() throws Exception {
        LoopMeters m = one.meters;
        onLoop(one, () -> {
            m.received(10, false);
            m.received(5, true);
            m.data(LoopMeters.MESSAGES_OUT, LoopMeters.BYTES_OUT, 7, true);
            m.accepted(100);
            m.closed(1000, 50);
            m.refused(RefusalReason.ORIGIN);
        });
        // a handler thread's send, and events counted off the loop
        m.data(LoopMeters.MESSAGES_OUT, LoopMeters.BYTES_OUT, 3, false);
        m.data(LoopMeters.MESSAGES_OUT, LoopMeters.BYTES_OUT, 4, true);
        m.accepted(300);
        m.closed(1000, -1);
        m.count(LoopMeters.PINGS_OUT);

        assertEquals(1, m.read(LoopMeters.MESSAGES_IN));
        assertEquals(15, m.read(LoopMeters.BYTES_IN));
        assertEquals(2, m.read(LoopMeters.MESSAGES_OUT));
        assertEquals(14, m.read(LoopMeters.BYTES_OUT));
        assertEquals(2, m.read(LoopMeters.ACCEPTED));
        assertEquals(2, m.read(LoopMeters.HANDSHAKE_COUNT));
        assertEquals(400, m.read(LoopMeters.HANDSHAKE_NANOS));
        assertEquals(300, m.read(LoopMeters.HANDSHAKE_MAX));
        assertEquals(2, m.read(LoopMeters.CLOSED));
        assertEquals(1, m.read(LoopMeters.CLOSE_COUNT), "a close without a closing handshake is not timed");
        assertEquals(50, m.read(LoopMeters.CLOSE_MAX));
        assertEquals(1, m.read(LoopMeters.PINGS_OUT));
        assertEquals(1, m.read(LoopMeters.REFUSED + RefusalReason.ORIGIN.ordinal()));
    }

    @Test
    void closeCodesAreBoundedWhateverThePeersSend() {
        LoopMeters m = one.meters;
        for (int i = 0; i < 300; i++) {
            m.closed(3000 + i, -1);
        }
        Map<Integer, Long> codes = new java.util.TreeMap<>();
        m.readCloseCodes(codes);
        assertEquals(LoopMeters.MAX_CLOSE_CODES + 1, codes.size());
        assertEquals(300 - LoopMeters.MAX_CLOSE_CODES, codes.get(LoopMeters.OTHER_CODE).longValue());
        assertEquals(1, codes.get(3000).longValue());
    }

    @Test
    void aServersMetricsAddUpItsLoops() throws Exception {
        onLoop(one, () -> {
            one.meters.received(3, true);
            one.meters.accepted(10);
            one.meters.closed(1001, 20);
        });
        onLoop(two, () -> {
            two.meters.received(4, true);
            two.meters.accepted(30);
            two.meters.closed(1001, 5);
            two.meters.closed(1006, -1);
        });
        WebSocketMetrics m = new RuntimeMeters(new IoLoop[] {one, two}, () -> 7, () -> 99);
        assertEquals(7, m.openConnections());
        assertEquals(99, m.queuedOutboundBytes());
        assertEquals(2, m.messagesReceived());
        assertEquals(7, m.bytesReceived());
        assertEquals(2, m.handshakesAccepted());
        assertEquals(new WebSocketMetrics.Timing(2, Duration.ofNanos(40), Duration.ofNanos(30)), m.handshakeTimes());
        assertEquals(new WebSocketMetrics.Timing(2, Duration.ofNanos(25), Duration.ofNanos(20)), m.closeTimes());
        assertEquals(Map.of(1001, 2L, 1006, 1L), m.closeCodes());
        assertEquals(3, m.connectionsClosed());
        assertEquals(0, m.handshakesRefused());
    }
}
