package net.websocket.runtime.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * The encoded frames of one connection waiting to be written, in order, and how they go out: small frames are
 * gathered into the loop's direct write buffer, and a large buffer among them (a frame in a pooled direct buffer,
 * or the payload of a message borrowed from the loop's {@link LentArrays}, queued behind its header) goes out from
 * where it is, in the same system call as the small frames before it.
 *
 * <h2>Lent payloads</h2>
 * A borrowing listener's echo is queued as its frame header and the array the message was assembled in
 * ({@link #addLent}): the payload is not copied into a frame. The array goes back to its loop
 * ({@link OutboundOwner#lentWritten}) once the payload has been written completely, never before; if the connection
 * fails first, it is dropped with the queue. The JDK copies a heap buffer into a temporary direct buffer of its own
 * for the system call, so such a payload is written at most {@link #HEAP_SLICE} bytes at a time: that bounds the
 * temporary buffer the writing thread keeps, and what is copied in vain when the socket takes less.
 *
 * <h2>Threads</h2>
 * Not thread-safe: the owning {@link Outbound}'s lock guards it.
 */
final class FrameQueue {

    /**
     * The most bytes of a heap buffer offered to one write (see the class comment): a 1 MiB message goes out in one
     * system call, as a direct one would (256 KiB cost (c) two more calls per MB echoed and a fifth of its throughput).
     */
    static final int HEAP_SLICE = 1024 * 1024;

    private final ArrayDeque<ByteBuffer> frames = new ArrayDeque<>(2);
    /** The arrays of the lent payloads queued, in queue order; made on first use. */
    private ArrayDeque<byte[]> lent;
    private final OutboundOwner owner;

    FrameQueue(OutboundOwner owner) {
        this.owner = owner;
    }

    boolean isEmpty() {
        return frames.isEmpty();
    }

    int size() {
        return frames.size();
    }

    /** Queues an encoded frame (or a piece of one) as it is. */
    void add(ByteBuffer frame) {
        frames.add(frame);
    }

    /** Queues a payload in {@code array} (the buffer's backing array) that goes back to the loop once written. */
    void addLent(ByteBuffer payload, byte[] array) {
        if (lent == null) {
            lent = new ArrayDeque<>(2);
        }
        frames.add(payload);
        lent.add(array);
    }

    /** Drops every frame unwritten; lent arrays are left to the collector. */
    void clear() {
        frames.clear();
        if (lent != null) {
            lent.clear();
        }
    }

    /**
     * Writes queued frames through {@code out} (the loop's direct write buffer, cleared here) until the queue is
     * empty, the transport takes less than offered or about {@code budget} bytes went out.
     *
     * @return the number of bytes written
     */
    long write(Transport transport, ByteBuffer out, int budget) throws IOException {
        long total = 0;
        while (!frames.isEmpty() && budget > 0) {
            out.clear();
            ByteBuffer large = null;
            for (ByteBuffer b : frames) {
                if (writtenAsIs(b)) {
                    large = b; // the frames gathered so far go out with it
                    break;
                }
                int n = Math.min(b.remaining(), out.remaining());
                if (n == b.remaining()) {
                    out.put(b.duplicate());
                } else {
                    ByteBuffer d = b.duplicate();
                    d.limit(d.position() + n);
                    out.put(d);
                }
                if (!out.hasRemaining()) {
                    break;
                }
            }
            out.flip();
            long want = out.remaining();
            long n;
            if (large == null) {
                n = transport.write(out);
            } else {
                ByteBuffer l = large.duplicate(); // positions move in consume, for the queue and out alike
                if (!l.isDirect()) {
                    l.limit(l.position() + Math.min(l.remaining(), HEAP_SLICE));
                }
                want += l.remaining();
                n = out.hasRemaining() ? transport.write(out, l) : transport.write(l);
            }
            total += n;
            budget -= (int) n;
            consume(n);
            if (n < want) {
                break;
            }
        }
        return total;
    }

    /** Whether {@code b} is written from where it is rather than copied into the write buffer. */
    private boolean writtenAsIs(ByteBuffer b) {
        return b.remaining() > FrameBuffers.MIN_FRAME && (b.isDirect() || isLent(b));
    }

    /** Whether {@code b} is the first lent payload queued (the only one that can be at the head). */
    private boolean isLent(ByteBuffer b) {
        return lent != null && !lent.isEmpty() && b.hasArray() && b.array() == lent.peek();
    }

    /** Drops {@code n} written bytes from the head of the queue, giving back the buffers of what went out. */
    private void consume(long n) {
        while (n > 0) {
            ByteBuffer b = frames.peek();
            int r = b.remaining();
            if (r <= n) {
                recycle(b);
                n -= r;
            } else {
                b.position(b.position() + (int) n);
                n = 0;
            }
        }
        while (!frames.isEmpty() && !frames.peek().hasRemaining()) {
            recycle(frames.peek());
        }
    }

    /** Takes the written head off the queue and gives its buffer back where it came from. */
    private void recycle(ByteBuffer head) {
        boolean wasLent = isLent(head);
        frames.poll();
        if (wasLent) {
            owner.lentWritten(lent.poll());
        } else {
            FrameBuffers.recycle(head);
        }
    }
}
