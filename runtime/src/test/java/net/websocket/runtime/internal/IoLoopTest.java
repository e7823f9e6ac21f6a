package net.websocket.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
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
    void eachRoundTakesABoundedNumberOfHandshakeSteps() throws Exception {
        IoLoop loop = new IoLoop("steps-loop", true, 0);
        loop.start();
        try {
            CompletableFuture<int[]> taken = new CompletableFuture<>();
            loop.execute(() -> {
                int first = 0;
                for (int i = 0; i < 3 * IoLoop.HANDSHAKE_STEPS_PER_ROUND; i++) {
                    first += loop.takeHandshakeStep() ? 1 : 0;
                }
                int sameRound = first;
                // a task queued now runs in a later round, with a fresh budget
                loop.execute(() -> {
                    int next = 0;
                    for (int i = 0; i < 3 * IoLoop.HANDSHAKE_STEPS_PER_ROUND; i++) {
                        next += loop.takeHandshakeStep() ? 1 : 0;
                    }
                    taken.complete(new int[] {sameRound, next});
                });
            });
            int[] t = taken.get(10, TimeUnit.SECONDS);
            assertEquals(IoLoop.HANDSHAKE_STEPS_PER_ROUND, t[0], "steps in one round");
            assertEquals(IoLoop.HANDSHAKE_STEPS_PER_ROUND, t[1], "steps in the next round");
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
        assertEquals(0, s[1], "a cancelled timer leaves the heap at once");
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

    @Test
    void aChannelClosedAfterDeregistrationIsClosedByTheNextSelectNotBefore() throws Exception {
        IoLoop loop = new IoLoop("close-later-loop", true, 0);
        loop.start();
        try {
            SelectionKey key = registered(loop);
            java.nio.channels.SelectableChannel ch = key.channel();
            loopThread(loop); // a select ran with the channel registered
            CompletableFuture<boolean[]> queued = new CompletableFuture<>();
            CompletableFuture<boolean[]> nextRound = new CompletableFuture<>();
            loop.execute(() -> {
                key.cancel();
                loop.closeAfterDeregistration(ch);
                // still open and registered: its key leaves the selector at the next select
                queued.complete(new boolean[] {ch.isOpen(), ch.isRegistered(), loop.channelsAwaitingClose() == 1});
                loop.execute(() -> nextRound.complete(new boolean[] {ch.isOpen(), ch.isRegistered(),
                    loop.channelsAwaitingClose() == 0}));
            });
            assertArrayEquals(new boolean[] {true, true, true}, queued.get(10, TimeUnit.SECONDS),
                    "open, registered, queued");
            // the task queued meanwhile ran after the next select: deregistered, then closed
            assertArrayEquals(new boolean[] {false, false, true}, nextRound.get(10, TimeUnit.SECONDS),
                    "open, registered, queued");
        } finally {
            loop.shutdown();
            assertTrue(loop.join(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void aChannelLeftToCloseAfterDeregistrationIsClosedWhenTheLoopStops() throws Exception {
        IoLoop loop = new IoLoop("close-at-stop-loop", true, 0);
        loop.start();
        SelectionKey key = registered(loop);
        CountDownLatch queued = new CountDownLatch(1);
        loop.execute(() -> {
            key.cancel();
            loop.closeAfterDeregistration(key.channel());
            loop.shutdown(); // the loop stops before it selects again
            queued.countDown();
        });
        assertTrue(queued.await(10, TimeUnit.SECONDS));
        assertTrue(loop.join(5, TimeUnit.SECONDS));
        assertFalse(key.channel().isOpen());
        // off the loop (or once it stopped) the channel is closed at once
        Pipe q = Pipe.open();
        loop.closeAfterDeregistration(q.source());
        assertFalse(q.source().isOpen());
    }

    /** Registers the readable end of a new pipe with {@code loop}; returns its key. */
    private static SelectionKey registered(IoLoop loop) throws Exception {
        Pipe p = Pipe.open();
        p.source().configureBlocking(false);
        CompletableFuture<SelectionKey> key = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                key.complete(loop.register(p.source(), SelectionKey.OP_READ, reporting(new LinkedBlockingQueue<>())));
            } catch (Exception e) {
                key.completeExceptionally(e);
            }
        });
        return key.get(5, TimeUnit.SECONDS);
    }

    /** A pipe whose readable end is registered with {@code loop} under {@code handler}. */
    private static Pipe pipeOn(IoLoop loop, IoLoop.Handler handler) throws Exception {
        Pipe p = Pipe.open();
        p.source().configureBlocking(false);
        CompletableFuture<Void> registered = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                loop.register(p.source(), SelectionKey.OP_READ, handler);
                registered.complete(null);
            } catch (Exception e) {
                registered.completeExceptionally(e);
            }
        });
        registered.get(5, TimeUnit.SECONDS);
        return p;
    }

    /** Reads what is there and reports the thread it ran on. */
    private static IoLoop.Handler reporting(BlockingQueue<Thread> readyOn) {
        return new IoLoop.Handler() {
            @Override
            public void ready(SelectionKey key, int readyOps) {
                try {
                    ((Pipe.SourceChannel) key.channel()).read(ByteBuffer.allocate(64));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                readyOn.add(Thread.currentThread());
            }

            @Override
            public void loopClosed() {
            }
        };
    }

    private static void poke(Pipe p) throws Exception {
        p.sink().write(ByteBuffer.wrap(new byte[] {1}));
    }

    private static Thread loopThread(IoLoop loop) throws Exception {
        CompletableFuture<Thread> t = new CompletableFuture<>();
        loop.execute(() -> t.complete(Thread.currentThread()));
        return t.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aChannelTaskOrTimerThatThrowsAnyThrowableEndsOnlyThatChannelNotTheLoop() throws Exception {
        IoLoop loop = new IoLoop("guarded-loop", true, 0);
        loop.start();
        try {
            Thread before = loopThread(loop);
            List<Throwable> thrown = List.of(new IllegalStateException("test: a bug"),
                    new OutOfMemoryError("test: no memory"), new StackOverflowError("test: too deep"),
                    new Error("test: any error"));
            BlockingQueue<Throwable> failed = new LinkedBlockingQueue<>();
            List<Pipe> pipes = new ArrayList<>();
            for (Throwable t : thrown) {
                pipes.add(pipeOn(loop, new IoLoop.Handler() {
                    private SelectionKey key;

                    @Override
                    public void ready(SelectionKey k, int readyOps) {
                        key = k;
                        if (t instanceof Error e) {
                            throw e;
                        }
                        throw (RuntimeException) t;
                    }

                    @Override
                    public void failed(Throwable error) {
                        failed.add(error);
                        loopClosed();
                    }

                    @Override
                    public void loopClosed() {
                        if (key != null) {
                            key.cancel();
                        }
                    }
                }));
            }
            BlockingQueue<Thread> readyOn = new LinkedBlockingQueue<>();
            Pipe good = pipeOn(loop, reporting(readyOn));
            for (Pipe p : pipes) {
                poke(p);
            }
            for (int i = 0; i < thrown.size(); i++) {
                assertTrue(thrown.contains(failed.poll(10, TimeUnit.SECONDS)), "each channel told of its failure");
            }
            CountDownLatch timerRan = new CountDownLatch(1);
            loop.execute(() -> {
                throw new Error("test: a task that throws an error");
            });
            loop.execute(() -> {
                loop.schedule(0, () -> {
                    throw new OutOfMemoryError("test: a timer that throws an error");
                });
                loop.schedule(TimeUnit.MILLISECONDS.toNanos(20), timerRan::countDown);
            });
            assertTrue(timerRan.await(10, TimeUnit.SECONDS), "timers still run");
            poke(good);
            assertSame(before, readyOn.poll(10, TimeUnit.SECONDS), "the other channel is served by the same thread");
            assertSame(before, loopThread(loop));
            assertTrue(before.isAlive());
            CompletableFuture<Integer> replaced = new CompletableFuture<>();
            loop.execute(() -> replaced.complete(loop.replacements()));
            assertEquals(0, replaced.get(5, TimeUnit.SECONDS));
            for (Pipe p : pipes) {
                p.sink().close();
                p.source().close();
            }
        } finally {
            loop.shutdown();
            assertTrue(loop.join(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void aLoopThreadThatDiesIsReplacedAndTheNewOneKeepsItsChannelsTimersAndTasks() throws Exception {
        IoLoop loop = new IoLoop("replaced-loop", true, 0);
        loop.start();
        try {
            BlockingQueue<Thread> readyOn = new LinkedBlockingQueue<>();
            Pipe p = pipeOn(loop, reporting(readyOn));
            Thread first = loopThread(loop);
            CountDownLatch timerFired = new CountDownLatch(1);
            CompletableFuture<Void> scheduled = new CompletableFuture<>();
            loop.execute(() -> {
                loop.schedule(TimeUnit.MILLISECONDS.toNanos(300), timerFired::countDown);
                scheduled.complete(null);
            });
            scheduled.get(5, TimeUnit.SECONDS);

            loop.failThread(new Error("test: the loop's own code failed"));
            first.join(10_000);
            assertFalse(first.isAlive(), "the failed thread ended");
            Thread second = loopThread(loop);
            assertNotSame(first, second);
            assertSame(second, loop.thread());
            poke(p);
            assertSame(second, readyOn.poll(10, TimeUnit.SECONDS), "the channel carried over to the new thread");
            assertTrue(timerFired.await(10, TimeUnit.SECONDS), "the timer carried over");

            // dying again at once: replaced again, after a pause, and still serving its channel
            loop.failThread(new IllegalStateException("test: again"));
            second.join(10_000);
            assertFalse(second.isAlive());
            Thread third = loopThread(loop);
            assertNotSame(second, third);
            poke(p);
            assertSame(third, readyOn.poll(10, TimeUnit.SECONDS));
            CompletableFuture<Integer> replaced = new CompletableFuture<>();
            loop.execute(() -> replaced.complete(loop.replacements()));
            assertEquals(2, replaced.get(5, TimeUnit.SECONDS));
            p.sink().close();
        } finally {
            loop.shutdown();
            assertTrue(loop.join(5, TimeUnit.SECONDS));
        }
    }
}
