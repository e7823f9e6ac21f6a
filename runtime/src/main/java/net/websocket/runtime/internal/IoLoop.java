package net.websocket.runtime.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * One selector thread: it runs the readiness callbacks of the channels registered with it, tasks handed to it from
 * other threads, and its timers. Everything a loop owns (its channels' keys, its buffers, its timers) is touched
 * only on its thread.
 *
 * <p>A loop may be made to stop its thread by itself once it has been idle (no channel, no timer, no task) for a
 * while; {@link #execute} starts a new thread when needed. Client loops do that so that an unused client leaves no
 * thread behind.
 *
 * <p>No failure of one channel, task or timer ends the loop: whatever a callback throws (any {@code Throwable}) is
 * caught, logged quietly ({@link QuietLog}) and, for a channel, answered by {@link Handler#failed} for that channel
 * alone. Should the thread die anyway (the selector failing, an error in the loop's own code), that is logged at
 * ERROR and a new thread takes over the loop with its channels, timers and tasks (they are consistent: the failure
 * came between callbacks); a thread that dies within {@link #REPLACEMENT_PAUSE_NANOS} of the one before waits that
 * long before it starts, so a loop that cannot run costs one thread and one line per pause, not a spin. Only when the
 * selector itself is gone are the channels closed instead.
 */
public final class IoLoop implements Executor {

    /** The I/O loops' and handler threads' logger ({@link Logs#IO}). */
    static final System.Logger LOG = Logs.IO;

    /**
     * Size of the loop's shared read buffer: large enough to take a socket receive buffer's worth in one read, small
     * enough to stay in cache. It also bounds what a paused connection's queue holds beyond its limit (one read).
     */
    static final int READ_BUFFER_SIZE = 64 * 1024;

    /**
     * Size of the loop's scratch array: small text messages are made into strings from it on the loop thread (see
     * {@code WsConnection}), so that no array per message is made just to be copied again into the string.
     */
    static final int SCRATCH_SIZE = 4 * 1024;

    /** Size of the loop's shared write buffer, into which queued frames are gathered for one write call. */
    static final int WRITE_BUFFER_SIZE = 128 * 1024;

    /**
     * Reads per readiness event per channel, so one busy peer cannot starve the others on the loop: up to 1 MiB, so
     * that a large message takes few rounds of the loop (and its select calls) to arrive. A read that does not fill
     * the buffer ends the round earlier.
     */
    static final int READS_PER_EVENT = 16;

    /**
     * How long a replacement thread waits before it runs the loop when the thread before it died less than this long
     * after the one before that.
     */
    static final long REPLACEMENT_PAUSE_NANOS = 1_000_000_000L;

    /**
     * Handshake steps one round of the loop takes (a round: one select, the callbacks of what it found ready, the
     * tasks and timers due), see {@link #takeHandshakeStep()}. A step (reading and answering a request head, or one
     * step of a TLS handshake) costs tens of microseconds; eight keep a round's handshake work well under a
     * millisecond however many sockets are handshaking, so that established connections, whose readiness every round
     * serves, are answered within that even during a flood of handshakes.
     */
    static final int HANDSHAKE_STEPS_PER_ROUND = 8;

    /** Something a loop calls when the selector finds its channel ready. */
    public interface Handler {
        /** The channel is ready for {@code readyOps}. Runs on the loop thread. */
        void ready(SelectionKey key, int readyOps);

        /** The loop stops: release the channel. */
        void loopClosed();

        /** {@link #ready} threw: release the channel. */
        default void failed(Throwable error) {
            loopClosed();
        }
    }

    /** A timer set on a loop; cancel it from the loop thread. */
    public static final class Timer implements Comparable<Timer> {
        final long deadline;
        final Runnable action;
        /** The order of timers with the same deadline (wraps; compared as a difference). */
        final int seq;
        final IoLoop loop;
        /** Where the timer is in its loop's {@link TimerHeap}, or -1. */
        int index = -1;
        boolean cancelled;
        boolean done;

        Timer(IoLoop loop, long deadline, Runnable action, int seq) {
            this.loop = loop;
            this.deadline = deadline;
            this.action = action;
            this.seq = seq;
        }

        /** Cancels the timer (best on the loop thread: it leaves the heap at once); no effect once it fired. */
        public void cancel() {
            if (!cancelled && !done) {
                cancelled = true;
                // at once: nothing the action holds stays until the deadline
                if (loop.inLoop()) {
                    loop.timers.remove(this);
                } else {
                    loop.execute(() -> loop.timers.remove(this)); // the heap is the loop thread's
                }
            }
        }

        @Override
        public int compareTo(Timer o) {
            int c = Long.compare(deadline - o.deadline, 0);
            return c != 0 ? c : Integer.compare(seq - o.seq, 0);
        }
    }

    private final String name;
    private final boolean daemon;
    private final long idleExitNanos;
    private final Selector selector;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final AtomicBoolean running = new AtomicBoolean();
    private final TimerHeap timers = new TimerHeap();
    /** Channels whose keys are cancelled, to be closed once a select has deregistered them (loop thread). */
    private final ClosesAfterSelect closeAfterSelect = new ClosesAfterSelect();
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_SIZE);
    private final ByteBuffer writeBuffer = ByteBuffer.allocateDirect(WRITE_BUFFER_SIZE);
    private final Object threadLock = new Object();
    /** What this loop's connections and handshakes did (see {@link LoopMeters}). */
    final LoopMeters meters = new LoopMeters(this);
    private byte[] scratch;
    private LentArrays lentArrays;
    /** Holds short ASCII text sent from this thread until it is copied into its frame; made on first use. */
    private ByteBuffer textOut;
    private volatile Thread thread;
    private volatile boolean stopping;
    private volatile boolean stopped;
    private int timerSeq;
    private int handshakeSteps;
    private long now = System.nanoTime();
    /** When the loop's thread last died and was replaced (loop thread); 0 before that. */
    private long lastReplacement;
    private int replacements;
    /** A failure to throw outside every guard at the loop's next turn (tests). */
    private volatile Throwable injectedFailure;
    /** Whether {@link #now} was taken before the select under way, so that the first ready channel renews it. */
    private boolean nowBeforeSelect;

    /**
     * @param name          the thread name
     * @param daemon        whether the thread is a daemon
     * @param idleExitNanos stop the thread after this long idle; 0 to keep it until {@link #shutdown()}
     */
    public IoLoop(String name, boolean daemon, long idleExitNanos) {
        this.name = name;
        this.daemon = daemon;
        this.idleExitNanos = idleExitNanos;
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector", e);
        }
    }

    /** Starts the thread (for loops that do not stop when idle). */
    public void start() {
        ensureRunning();
    }

    /** Whether the caller runs on this loop's thread. */
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** The thread now running this loop, or {@code null}. */
    public Thread thread() {
        return thread;
    }

    /** Runs a task on the loop thread, soon; tasks run in the order given. Ignored once the loop has stopped. */
    @Override
    public void execute(Runnable task) {
        if (stopped) {
            return;
        }
        tasks.add(task);
        if (!running.get()) {
            ensureRunning();
        }
        if (Thread.currentThread() != thread && wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    /** Whether {@link #shutdown()} was called. */
    public boolean isStopping() {
        return stopping;
    }

    /** The loop's notion of now (nanoTime at the latest select wake-up); loop thread only. */
    public long now() {
        return now;
    }

    /**
     * The current time in nanoseconds, on the clock the loop's timers run by (any thread): what connections pass to
     * their timing state machines, so that none of those reads a clock itself.
     */
    public long clock() {
        return System.nanoTime();
    }

    /** Sets a timer; loop thread only. */
    public Timer schedule(long delayNanos, Runnable action) {
        Timer t = new Timer(this, System.nanoTime() + Math.max(0, delayNanos), action, timerSeq++);
        timers.add(t);
        return t;
    }

    /** Entries in the timer heap (tests, diagnostics; loop thread): cancelled timers leave it as they are cancelled. */
    int timerHeapSize() {
        return timers.size();
    }

    /**
     * Takes one of this round's {@link #HANDSHAKE_STEPS_PER_ROUND} handshake steps; false when the round has taken
     * them all (loop thread). A handshaker that is refused leaves its socket's input where it is: the selector,
     * level-triggered, reports it ready again next round, after the established connections of this one are served.
     */
    boolean takeHandshakeStep() {
        if (handshakeSteps >= HANDSHAKE_STEPS_PER_ROUND) {
            return false;
        }
        handshakeSteps++;
        return true;
    }

    /** Timers set and neither fired nor cancelled (tests, diagnostics; loop thread). */
    int liveTimers() {
        return timers.size();
    }

    /** The loop's shared read buffer; loop thread only, valid until the callback returns. */
    ByteBuffer readBuffer() {
        return readBuffer;
    }

    /** The loop's shared write buffer; loop thread only. */
    ByteBuffer writeBuffer() {
        return writeBuffer;
    }

    /**
     * {@code text} as ASCII bytes in a buffer of the loop's, or {@code null} if it is longer than
     * {@link #SCRATCH_SIZE} or not all ASCII (loop thread only). The buffer is valid until the next call: a send
     * copies it into its frame before it returns, so sends from callbacks on the loop need no array per message.
     */
    ByteBuffer asciiText(CharSequence text) {
        int n = text.length();
        if (n > SCRATCH_SIZE) {
            return null;
        }
        if (textOut == null) {
            textOut = ByteBuffer.allocate(SCRATCH_SIZE);
        }
        byte[] b = textOut.array();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                return null;
            }
            b[i] = (byte) c;
        }
        return textOut.clear().limit(n);
    }

    /** The loop's scratch array of {@link #SCRATCH_SIZE} bytes, made on first use; loop thread only. */
    byte[] scratch() {
        if (scratch == null) {
            scratch = new byte[SCRATCH_SIZE];
        }
        return scratch;
    }

    /** The message arrays lent so far, or {@code null} if none was; loop thread only. */
    LentArrays lentArraysIfAny() {
        return lentArrays;
    }

    /** The message arrays lent to borrowing listeners and given back, made on first use; loop thread only. */
    LentArrays lentArrays() {
        if (lentArrays == null) {
            lentArrays = new LentArrays();
        }
        return lentArrays;
    }

    /** Registers a channel; loop thread only. */
    public SelectionKey register(SelectableChannel channel, int ops, Handler handler) throws ClosedChannelException {
        return channel.register(selector, ops, handler);
    }

    /**
     * Closes {@code channel} (its key just cancelled, its output shut down) after the next select has deregistered the
     * key ({@link ClosesAfterSelect}); off the loop thread, or once the loop has stopped, at once.
     */
    void closeAfterDeregistration(SelectableChannel channel) {
        if (stopped || !inLoop()) {
            ClosesAfterSelect.closeQuietly(channel);
            return;
        }
        closeAfterSelect.add(channel);
    }

    /** Channels waiting to be closed after the next select (tests, diagnostics; loop thread). */
    int channelsAwaitingClose() {
        return closeAfterSelect.size();
    }

    /**
     * Stops the loop: each registered channel's handler is told {@link Handler#loopClosed()}, the selector is
     * closed and the thread ends. Returns at once; see {@link #join}.
     */
    public void shutdown() {
        stopping = true;
        execute(() -> {
        });
        selector.wakeup();
    }

    /** Waits for the loop thread to end. */
    public boolean join(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (true) {
            Thread t = thread;
            if (t == null || t == Thread.currentThread()) {
                return t == null;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            if (!t.isAlive() && thread == t) {
                return true;
            }
        }
    }

    private void ensureRunning() {
        if (running.compareAndSet(false, true)) {
            synchronized (threadLock) {
                Thread t = new Thread(this::run, name);
                t.setDaemon(daemon);
                thread = t;
                t.start();
            }
        }
    }

    private void run() {
        synchronized (threadLock) {
            // wait until the starter has published this thread
        }
        long idleSince = System.nanoTime();
        try {
            while (true) {
                Throwable injected = injectedFailure;
                if (injected != null) {
                    injectedFailure = null;
                    throw injected;
                }
                if (stopping) {
                    closeAll();
                    return;
                }
                wakeupPending.set(false);
                handshakeSteps = 0;
                long wait = waitMillis();
                nowBeforeSelect = true;
                // the channels queued before this select are deregistered by it: closed right after it
                int closable = closeAfterSelect.size();
                wait = closeAfterSelect.boundWait(wait);
                if (!tasks.isEmpty() || wait == 0) {
                    selector.selectNow(this::onReady);
                } else {
                    selector.select(this::onReady, wait < 0 ? 0 : wait);
                }
                wakeupPending.set(true);
                now = System.nanoTime();
                closeAfterSelect.closeFirst(closable);
                runTasks();
                runTimers();
                if (idleExitNanos > 0) {
                    if (!tasks.isEmpty() || liveTimers() > 0 || !selector.keys().isEmpty()
                            || closeAfterSelect.size() > 0) {
                        idleSince = now;
                    } else if (now - idleSince >= idleExitNanos && tryExitIdle()) {
                        return;
                    }
                }
            }
        } catch (Throwable t) {
            threadDied(t);
        }
    }

    /**
     * The loop's thread failed outside every guard (on that thread): a new thread takes the loop over, its channels
     * included; if the selector is gone, or no thread can be made, the channels are closed instead.
     */
    private void threadDied(Throwable error) {
        if (stopping || !selector.isOpen()) {
            if (!stopping) {
                QuietLog.log(Level.ERROR, "I/O loop " + name + " failed and its selector is closed; closing its"
                        + " channels", error);
            }
            closeAll();
            return;
        }
        long t = System.nanoTime();
        boolean pause = replacements > 0 && t - lastReplacement < REPLACEMENT_PAUSE_NANOS;
        replacements++;
        lastReplacement = t;
        QuietLog.log(Level.ERROR, "I/O loop thread " + name + " died; a new thread takes over its channels", error);
        try {
            Thread next = new Thread(() -> {
                if (pause) {
                    LockSupport.parkNanos(REPLACEMENT_PAUSE_NANOS);
                }
                run();
            }, name);
            next.setDaemon(daemon);
            synchronized (threadLock) {
                thread = next;
                next.start();
            }
        } catch (Throwable e) {
            synchronized (threadLock) {
                thread = Thread.currentThread();
            }
            QuietLog.log(Level.ERROR, "no thread can replace I/O loop " + name + "; closing its channels", e);
            closeAll();
        }
    }

    /** How many times the loop's thread died and was replaced (tests, diagnostics). */
    int replacements() {
        return replacements;
    }

    /** Tests: makes the loop's thread fail at its next turn outside every guard, as a failing selector would. */
    void failThread(Throwable failure) {
        injectedFailure = failure;
        selector.wakeup();
    }

    /** Ends the thread unless a task arrived meanwhile; see {@link #execute}. */
    private boolean tryExitIdle() {
        synchronized (threadLock) {
            thread = null;
        }
        running.set(false);
        if (!tasks.isEmpty() && running.compareAndSet(false, true)) {
            synchronized (threadLock) {
                thread = Thread.currentThread();
            }
            return false;
        }
        return true;
    }

    private long waitMillis() {
        long idleWait = idleExitNanos > 0 ? Math.max(1, TimeUnit.NANOSECONDS.toMillis(idleExitNanos)) : -1;
        Timer first = timers.peek();
        if (first == null) {
            return idleWait;
        }
        long left = first.deadline - System.nanoTime();
        if (left <= 0) {
            return 0;
        }
        // round up so that the timer is due when select returns
        long ms = Math.max(1, (left + 999_999) / 1_000_000);
        return idleWait > 0 ? Math.min(ms, idleWait) : ms;
    }

    private void onReady(SelectionKey key) {
        if (nowBeforeSelect) {
            // the time the loop woke up, not the time it went to wait: what a channel reads now is stamped with when
            // it arrived (the liveness of a connection counts from its last read)
            now = System.nanoTime();
            nowBeforeSelect = false;
        }
        Handler h = (Handler) key.attachment();
        if (h == null) {
            return;
        }
        try {
            if (key.isValid()) {
                h.ready(key, key.readyOps());
            }
        } catch (Throwable t) {
            QuietLog.log(Level.DEBUG, "channel handler failed", t);
            try {
                h.failed(t);
            } catch (Throwable t2) {
                QuietLog.log(Level.DEBUG, "channel handler failed to clean up", t2);
            }
        }
    }

    private void runTasks() {
        // run only what is queued now, so that tasks that queue tasks cannot starve the selector
        int n = tasks.size();
        for (int i = 0; i < n; i++) {
            Runnable r = tasks.poll();
            if (r == null) {
                break;
            }
            runSafely(r);
        }
    }

    private void runTimers() {
        while (true) {
            Timer t = timers.peek();
            if (t == null) {
                return;
            }
            if (t.cancelled) {
                timers.poll(); // cancelled off the loop thread, its removal still queued
                continue;
            }
            if (t.deadline - now > 0) {
                return;
            }
            timers.poll();
            t.done = true;
            runSafely(t.action);
        }
    }

    private static void runSafely(Runnable r) {
        try {
            r.run();
        } catch (Throwable t) {
            QuietLog.log(Level.WARNING, "I/O loop task failed", t);
        }
    }

    private void closeAll() {
        stopped = true;
        runTasks();
        List<SelectionKey> keys;
        try {
            keys = new ArrayList<>(selector.keys());
        } catch (RuntimeException e) {
            keys = List.of();
        }
        for (SelectionKey k : keys) {
            Object a = k.attachment();
            if (a instanceof Handler h) {
                try {
                    h.loopClosed();
                } catch (Throwable t) {
                    QuietLog.log(Level.DEBUG, "channel handler failed to close", t);
                }
            }
            try {
                k.channel().close();
            } catch (IOException | RuntimeException e) {
                // closing anyway
            }
        }
        tasks.clear();
        timers.clear();
        closeAfterSelect.closeFirst(closeAfterSelect.size());
        try {
            selector.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
