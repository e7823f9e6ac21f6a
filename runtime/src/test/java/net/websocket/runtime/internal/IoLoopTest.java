package net.websocket.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class IoLoopTest {

    @Test
    void timersFireInOrderAndCanBeCancelled() throws Exception {
        IoLoop loop = new IoLoop("test-loop", true, 0);
        loop.start();
        try {
            List<String> fired = new CopyOnWriteArrayList<>();
            CountDownLatch done = new CountDownLatch(1);
            loop.execute(() -> {
                loop.schedule(TimeUnit.MILLISECONDS.toNanos(60), () -> fired.add("b"));
                loop.schedule(TimeUnit.MILLISECONDS.toNanos(20), () -> fired.add("a"));
                loop.schedule(TimeUnit.MILLISECONDS.toNanos(40), () -> fired.add("x")).cancel();
                loop.schedule(TimeUnit.MILLISECONDS.toNanos(100), done::countDown);
            });
            assertTrue(done.await(5, TimeUnit.SECONDS));
            assertEquals(List.of("a", "b"), fired);
        } finally {
            loop.shutdown();
            assertTrue(loop.join(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void aReadyChannelSeesTheTimeTheLoopWokeNotTheTimeItWentToWait() throws Exception {
        IoLoop loop = new IoLoop("now-loop", true, 0);
        loop.start();
        Pipe pipe = Pipe.open();
        try {
            pipe.source().configureBlocking(false);
            CompletableFuture<Long> seen = new CompletableFuture<>();
            CountDownLatch registered = new CountDownLatch(1);
            loop.execute(() -> {
                try {
                    loop.register(pipe.source(), SelectionKey.OP_READ, new IoLoop.Handler() {
                        @Override
                        public void ready(SelectionKey key, int readyOps) {
                            seen.complete(loop.now());
                            key.cancel();
                        }

                        @Override
                        public void loopClosed() {
                        }
                    });
                } catch (ClosedChannelException e) {
                    seen.completeExceptionally(e);
                }
                registered.countDown();
            });
            assertTrue(registered.await(5, TimeUnit.SECONDS));
            // not a wait for an event: the time the loop spends waiting in select is the condition under test
            Thread.sleep(200);
            long written = System.nanoTime();
            pipe.sink().write(ByteBuffer.wrap(new byte[] {1}));
            long stale = written - seen.get(5, TimeUnit.SECONDS);
            assertTrue(stale <= 0, "the ready channel saw a time " + TimeUnit.NANOSECONDS.toMillis(stale)
                    + " ms before the data was written");
        } finally {
            loop.shutdown();
            assertTrue(loop.join(5, TimeUnit.SECONDS));
            pipe.sink().close();
            pipe.source().close();
        }
    }

    @Test
    void cancelledTimersDoNotAccumulate() throws Exception {
        IoLoop loop = new IoLoop("purge-loop", true, TimeUnit.MILLISECONDS.toNanos(100));
        CompletableFuture<int[]> sizes = new CompletableFuture<>();
        loop.execute(() -> {
            for (int i = 0; i < 100_000; i++) {
                loop.schedule(TimeUnit.SECONDS.toNanos(300), () -> {
                }).cancel();
            }
            sizes.complete(new int[] {loop.liveTimers(), loop.timerHeapSize()});
        });
        int[] s = sizes.get(10, TimeUnit.SECONDS);
        assertEquals(0, s[0]);
        assertTrue(s[1] <= 2 * IoLoop.TIMER_PURGE_THRESHOLD + 2, "heap holds " + s[1]);
        // with only cancelled timers left the idle loop still stops its thread
        Thread t = loop.thread();
        if (t != null) {
            t.join(5000);
            assertTrue(!t.isAlive());
        }
        loop.shutdown();
    }

    @Test
    void idleLoopStopsItsThreadAndRestartsOnDemand() throws Exception {
        IoLoop loop = new IoLoop("idle-loop", true, TimeUnit.MILLISECONDS.toNanos(100));
        CompletableFuture<Thread> first = new CompletableFuture<>();
        loop.execute(() -> first.complete(Thread.currentThread()));
        Thread t1 = first.get(5, TimeUnit.SECONDS);
        t1.join(5000);
        assertTrue(!t1.isAlive(), "the idle thread ended");
        assertNull(loop.thread());
        CompletableFuture<Thread> second = new CompletableFuture<>();
        loop.execute(() -> second.complete(Thread.currentThread()));
        Thread t2 = second.get(5, TimeUnit.SECONDS);
        assertNotSame(t1, t2);
        loop.shutdown();
        assertTrue(loop.join(5, TimeUnit.SECONDS));
    }

    @Test
    void manyTasksFromManyThreadsAllRun() throws Exception {
        IoLoop loop = new IoLoop("busy-loop", true, TimeUnit.MILLISECONDS.toNanos(50));
        int threads = 4;
        int each = 5000;
        CountDownLatch done = new CountDownLatch(threads * each);
        for (int t = 0; t < threads; t++) {
            new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    loop.execute(done::countDown);
                    if (i % 1000 == 0) {
                        try {
                            // pacing, not waiting: longer than the idle timeout, so that the loop exits now and then
                            // and the next task races with its restart
                            Thread.sleep(60);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
            }).start();
        }
        assertTrue(done.await(20, TimeUnit.SECONDS), "tasks lost: " + done.getCount());
        loop.shutdown();
    }
}
