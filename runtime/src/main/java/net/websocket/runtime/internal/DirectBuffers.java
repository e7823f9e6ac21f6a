package net.websocket.runtime.internal;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A small shared pool of direct buffers for writes made from handler threads: frames are gathered into one of them
 * and written with one system call, and the JDK does not copy a heap buffer into a temporary direct buffer of its
 * own. A buffer is taken for the duration of one write and given back; when every slot is empty a new buffer is
 * made (and kept if a slot is free when it comes back), so the pool never blocks.
 */
final class DirectBuffers {

    /** The size of each buffer: many small frames, or a good slice of a large one, per system call. */
    static final int SIZE = 64 * 1024;

    /** How many buffers are kept: about the number of handler threads writing at the same moment. */
    private static final int SLOTS = 16;

    private static final AtomicReferenceArray<ByteBuffer> POOL = new AtomicReferenceArray<>(SLOTS);

    private DirectBuffers() {
    }

    /** A cleared buffer of {@link #SIZE} bytes, to be given back with {@link #release}. */
    static ByteBuffer take() {
        int start = (int) (Thread.currentThread().getId() % SLOTS);
        for (int i = 0; i < SLOTS; i++) {
            ByteBuffer b = POOL.getAndSet((start + i) % SLOTS, null);
            if (b != null) {
                b.clear();
                return b;
            }
        }
        return ByteBuffer.allocateDirect(SIZE);
    }

    /** Gives a buffer back (it is dropped if the pool is full). */
    static void release(ByteBuffer b) {
        int start = (int) (Thread.currentThread().getId() % SLOTS);
        for (int i = 0; i < SLOTS; i++) {
            if (POOL.compareAndSet((start + i) % SLOTS, null, b)) {
                return;
            }
        }
    }
}
