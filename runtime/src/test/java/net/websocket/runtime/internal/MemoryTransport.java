package net.websocket.runtime.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.function.BooleanSupplier;

/**
 * A {@link Transport} in memory, as a container's upgraded connection would be one: the test feeds the bytes the
 * peer sends, collects the bytes the core writes, and says whether the output takes bytes. Like a level-triggered
 * selector, it calls the core back while it wants to read and input (or its end) is there, and while it wants to
 * write and the output is writable; always on the core's loop, as every transport does.
 *
 * <p>State is guarded by this object's monitor; waiting threads are woken by every change, so tests wait on what
 * happens here, not on time.
 */
final class MemoryTransport extends Transport {

    /** How long a test waits for a state that should come: long enough to fail only a broken test. */
    private static final long DEADLINE_MILLIS = 10_000;

    private final IoLoop loop;
    private final ArrayDeque<ByteBuffer> input = new ArrayDeque<>();
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    /** Calls the core back as its interest and our state allow, made once. */
    private final Runnable poke = this::poke;
    private Events events;
    private boolean endOfInput;
    private boolean writable = true;
    /** The most bytes one write takes. */
    private int chunk = Integer.MAX_VALUE;
    private int writes;
    private boolean wantRead;
    private boolean wantWrite;
    private boolean outputShut;
    private boolean closed;
    private boolean callerWrites;

    MemoryTransport(IoLoop loop) {
        this.loop = loop;
    }

    // ------------------------------------------------------------------------------------------ the test's side

    /** Bytes the peer sends (any thread). */
    synchronized void feed(byte[] bytes) {
        input.add(ByteBuffer.wrap(bytes.clone()));
        changed();
    }

    /** The peer closes its output (any thread). */
    synchronized void feedEnd() {
        endOfInput = true;
        changed();
    }

    /** Whether the output takes bytes (any thread); when it turns writable, the core is told. */
    synchronized void writable(boolean on) {
        writable = on;
        changed();
    }

    /** Lets each write take at most {@code max} bytes, as a socket with little room does (any thread). */
    synchronized void chunk(int max) {
        chunk = max;
    }

    /** How many writes took bytes. */
    synchronized int writes() {
        return writes;
    }

    /** Whether every byte fed was read by the core: what is fed next comes in another read. */
    synchronized boolean inputTaken() {
        return input.isEmpty();
    }

    /** Everything written so far. */
    synchronized byte[] written() {
        return output.toByteArray();
    }

    synchronized boolean wantsWrite() {
        return wantWrite;
    }

    synchronized boolean outputShut() {
        return outputShut;
    }

    synchronized boolean closed() {
        return closed;
    }

    /** Waits until {@code condition} (read under this object's monitor) holds; fails after a generous deadline. */
    synchronized void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.currentTimeMillis() + DEADLINE_MILLIS;
        while (!condition.getAsBoolean()) {
            long left = end - System.currentTimeMillis();
            if (left <= 0) {
                throw new AssertionError("not within " + DEADLINE_MILLIS + " ms: " + what);
            }
            wait(left); // woken by every change
        }
    }

    private void changed() {
        notifyAll();
        loop.execute(poke);
    }

    /** Calls the core back as a level-triggered selector would (loop thread). */
    private void poke() {
        boolean read;
        boolean write;
        synchronized (this) {
            if (closed || events == null) {
                return;
            }
            read = wantRead && (!input.isEmpty() || endOfInput);
            write = wantWrite && writable;
        }
        if (write) {
            events.writable();
        }
        if (read && !closed()) {
            events.readable();
        }
        synchronized (this) {
            if (!closed && ((wantRead && (!input.isEmpty() || endOfInput)) || (wantWrite && writable))) {
                loop.execute(poke); // still ready: again on the loop's next turn, as the selector would
            }
        }
    }

    // ------------------------------------------------------------------------------------------ the core's side

    @Override
    synchronized int read(ByteBuffer dst) {
        int n = 0;
        while (dst.hasRemaining() && !input.isEmpty()) {
            ByteBuffer b = input.peek();
            int k = Math.min(b.remaining(), dst.remaining());
            ByteBuffer part = b.duplicate();
            part.limit(part.position() + k);
            dst.put(part);
            b.position(b.position() + k);
            n += k;
            if (!b.hasRemaining()) {
                input.poll();
            }
        }
        if (n > 0) {
            notifyAll(); // a test may wait for its input to be taken
        }
        return n == 0 && endOfInput ? -1 : n;
    }

    @Override
    synchronized int write(ByteBuffer src) {
        if (!writable || outputShut || closed) {
            return 0;
        }
        int n = Math.min(src.remaining(), chunk);
        if (n > 0) {
            writes++;
        }
        byte[] b = new byte[n];
        src.get(b);
        output.write(b, 0, n);
        notifyAll();
        return n;
    }

    @Override
    boolean hasBufferedInput() {
        return false; // what the test fed is announced by readable callbacks
    }

    @Override
    boolean hasPendingOutput() {
        return false;
    }

    @Override
    boolean flush() {
        return true;
    }

    @Override
    boolean allowsCallerWrites() {
        return callerWrites; // by default every write on the loop, as over TLS
    }

    /** Lets the core write from the calling thread, as over plain TCP (before the connection starts). */
    void allowCallerWrites() {
        callerWrites = true;
    }

    @Override
    synchronized boolean shutdownOutput() {
        outputShut = true;
        notifyAll();
        return true;
    }

    @Override
    synchronized void close() {
        closed = true;
        notifyAll();
    }

    @Override
    boolean secure() {
        return false;
    }

    @Override
    synchronized void attach(Events events) {
        this.events = events;
    }

    @Override
    synchronized void interest(boolean read, boolean write) {
        if (closed || (read == wantRead && write == wantWrite)) {
            return;
        }
        wantRead = read;
        wantWrite = write;
        changed();
    }

    @Override
    void closeOffLoop() {
        // no loop of its own: the core's close task runs on the core's loop
    }
}
