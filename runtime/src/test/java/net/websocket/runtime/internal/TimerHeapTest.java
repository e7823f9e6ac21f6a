package net.websocket.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The timer heap against a sorted list, with timers added, cancelled from anywhere in it, and taken in order. */
class TimerHeapTest {

    private static IoLoop.Timer timer(long deadline, int seq) {
        return new IoLoop.Timer(null, deadline, () -> {
        }, seq);
    }

    @Test
    void timersComeOutEarliestFirstWhateverWasRemovedFromTheMiddle() {
        Random random = new Random(42);
        for (int round = 0; round < 50; round++) {
            TimerHeap heap = new TimerHeap();
            List<IoLoop.Timer> expected = new ArrayList<>();
            int seq = 0;
            for (int i = 0; i < 500; i++) {
                IoLoop.Timer t = timer(random.nextInt(200), seq++);
                heap.add(t);
                expected.add(t);
                if (random.nextInt(3) == 0) {
                    IoLoop.Timer gone = expected.remove(random.nextInt(expected.size()));
                    heap.remove(gone);
                    assertEquals(-1, gone.index);
                    heap.remove(gone); // twice: no effect
                }
            }
            assertEquals(expected.size(), heap.size());
            expected.sort(IoLoop.Timer::compareTo);
            for (IoLoop.Timer t : expected) {
                assertSame(t, heap.poll());
            }
            assertNull(heap.poll());
        }
    }

    @Test
    void equalDeadlinesKeepTheOrderTheyWereSetInAcrossTheWrapOfTheirSequence() {
        TimerHeap heap = new TimerHeap();
        IoLoop.Timer first = timer(7, Integer.MAX_VALUE);
        IoLoop.Timer second = timer(7, Integer.MIN_VALUE); // set after the sequence wrapped
        heap.add(second);
        heap.add(first);
        assertSame(first, heap.poll());
        assertSame(second, heap.poll());
    }

    @Test
    void aBurstOfTimersGoneGivesTheArrayBack() {
        TimerHeap heap = new TimerHeap();
        List<IoLoop.Timer> all = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            IoLoop.Timer t = timer(i, i);
            all.add(t);
            heap.add(t);
        }
        for (IoLoop.Timer t : all) {
            heap.remove(t);
        }
        assertEquals(0, heap.size());
        assertNull(heap.peek());
    }
}
