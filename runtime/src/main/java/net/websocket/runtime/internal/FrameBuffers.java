package net.websocket.runtime.internal;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Direct buffers for large outgoing frames, kept for reuse. A large frame encoded into a heap buffer is copied once
 * more before it reaches the socket (into the I/O loop's write buffer, or by the JDK into a temporary direct buffer of
 * its own); encoded into a direct buffer it is written as it is. Allocating a direct buffer is costly (zeroed, tracked
 * for release), so the buffers of written frames come back here, a bounded number of bytes in all.
 */
final class FrameBuffers {

    /** Frames longer than this are encoded into a direct buffer from here; shorter ones are gathered as before. */
    static final int MIN_FRAME = DirectBuffers.SIZE;

    /** Larger frames get a heap buffer as before: a buffer this large would rarely be used again. */
    static final int MAX_FRAME = 16 * 1024 * 1024;

    /** Buffers are made in multiples of this, so that frames of about the same size share them. */
    private static final int GRANULE = 64 * 1024;

    /** How many buffers are kept: a few connections each sending large messages at once. */
    private static final int SLOTS = 16;

    /** The most bytes kept in all: what a server holds for large frames when it has sent some and is idle. */
    private static final long MAX_KEPT = 16L * 1024 * 1024;

    private static final AtomicReferenceArray<ByteBuffer> POOL = new AtomicReferenceArray<>(SLOTS);
    private static final AtomicLong KEPT = new AtomicLong();

    private FrameBuffers() {
    }

    /**
     * A cleared direct buffer with room for {@code length} bytes and its limit at {@code length}, or {@code null} if
     * {@code length} is out of this pool's range (use a heap buffer then).
     */
    static ByteBuffer take(int length) {
        if (length <= MIN_FRAME || length > MAX_FRAME) {
            return null;
        }
        for (int i = 0; i < SLOTS; i++) {
            ByteBuffer b = POOL.get(i);
            // not much larger than needed, so that a small frame does not hold a large buffer
            if (b != null && b.capacity() >= length && b.capacity() <= 2L * length
                    && POOL.compareAndSet(i, b, null)) {
                KEPT.addAndGet(-b.capacity());
                return b.clear().limit(length);
            }
        }
        int capacity = (int) Math.min(MAX_FRAME + (long) GRANULE, ((length + GRANULE - 1L) / GRANULE) * GRANULE);
        return ByteBuffer.allocateDirect(capacity).limit(length);
    }

    /**
     * Gives back a buffer that came from {@link #take} and whose frame has been written; anything else is left alone,
     * and so is a buffer when the pool is full.
     */
    static void release(ByteBuffer b) {
        int capacity = b.capacity();
        if (!b.isDirect() || capacity <= MIN_FRAME || capacity % GRANULE != 0 || capacity > MAX_FRAME + GRANULE) {
            return;
        }
        if (KEPT.addAndGet(capacity) > MAX_KEPT) {
            KEPT.addAndGet(-capacity);
            return;
        }
        for (int i = 0; i < SLOTS; i++) {
            if (POOL.get(i) == null && POOL.compareAndSet(i, null, b)) {
                return;
            }
        }
        KEPT.addAndGet(-capacity);
    }

    /** Gives a written frame's buffer back to the pool it came from, if any: this one, or {@link DirectBuffers}. */
    static void recycle(ByteBuffer b) {
        if (b.isDirect() && b.capacity() == DirectBuffers.SIZE) {
            DirectBuffers.release(b); // a batch buffer whose rest the loop wrote
        } else {
            release(b);
        }
    }
}
