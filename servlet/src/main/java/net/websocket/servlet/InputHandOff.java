package net.websocket.servlet;

import java.nio.ByteBuffer;

/**
 * The bounded hand-off of input from the container's thread to the connection core: the container's thread fills
 * chunks inside its own read callback (the only place the upgraded input stream is read) and the core's I/O thread
 * takes bytes out of them. It holds at most {@code chunks} chunks of {@code chunkSize} bytes, allocated once: memory
 * is bounded by this configuration, never by the peer.
 *
 * <p>When it is full, the container's thread waits in {@link #awaitRoom()} until the core has taken some, the
 * stream ended, or the core waits for the container to let it write: the container runs its write callbacks on the
 * same thread or under the same lock as its read callbacks (Tomcat's socket lock, Jetty's channel state, Undertow's
 * I/O thread), so holding the read callback then would keep the output from ever draining. The read callback
 * returns in that case, with input left in the container, and the next write callback fills the hand-off again.
 */
final class InputHandOff {

    private final byte[][] slots;
    private final int[] lengths;
    /** The slot the core takes from, and the position in it. */
    private int head;
    private int headPosition;
    /** How many slots are filled. */
    private int filled;
    private boolean ended;
    /** Counts the container's write callbacks; a wait for output is current while it has not moved. */
    private long writeCallbacks;
    /** The count of write callbacks when the core last found the output not ready; -1 if never. */
    private long outputBlockedAt = -1;

    InputHandOff(int chunks, int chunkSize) {
        slots = new byte[chunks][chunkSize];
        lengths = new int[chunks];
    }

    // ----------------------------------------------------------------------------- the container's thread

    /**
     * Waits until a chunk is free (container's thread).
     *
     * @return {@code true} with a chunk free to {@link #fill()}; {@code false} if the stream ended, or if the hand-off
     *         is full while the core waits for output (the read callback must return then)
     * @throws InterruptedException if the container interrupts its thread
     */
    synchronized boolean awaitRoom() throws InterruptedException {
        while (!ended && filled == slots.length) {
            if (outputBlocked()) {
                return false;
            }
            wait();
        }
        return !ended;
    }

    /** {@return the free chunk to read into; after {@link #awaitRoom()} said there is one (container's thread)} */
    synchronized byte[] fill() {
        return slots[(head + filled) % slots.length];
    }

    /**
     * Hands over the chunk of {@link #fill()} (container's thread).
     *
     * @param length how many bytes were read into it; nothing is handed over for 0
     */
    synchronized void filled(int length) {
        if (length <= 0 || ended) {
            return;
        }
        lengths[(head + filled) % slots.length] = length;
        filled++;
    }

    /** The container called its write callback: output may be taken again (any thread). */
    synchronized void writeCallback() {
        writeCallbacks++;
    }

    // ----------------------------------------------------------------------------- the core's thread

    /**
     * Takes what is there into {@code dst} (core's thread).
     *
     * @return the count; 0 if nothing is there now; -1 once the stream ended and all was taken
     */
    synchronized int take(ByteBuffer dst) {
        int total = 0;
        while (filled > 0 && dst.hasRemaining()) {
            int n = Math.min(dst.remaining(), lengths[head] - headPosition);
            dst.put(slots[head], headPosition, n);
            headPosition += n;
            total += n;
            if (headPosition == lengths[head]) {
                headPosition = 0;
                head = (head + 1) % slots.length;
                filled--;
                notifyAll();
            }
        }
        if (total == 0 && ended) {
            return -1;
        }
        return total;
    }

    /** The core found the output not ready: it waits for the next write callback (core's thread). */
    synchronized void outputBlocked(long atWriteCallbacks) {
        outputBlockedAt = atWriteCallbacks;
        notifyAll();
    }

    /** {@return the count of write callbacks so far, to pass to {@link #outputBlocked(long)}} */
    synchronized long writeCallbacks() {
        return writeCallbacks;
    }

    // ----------------------------------------------------------------------------- any thread

    /** The stream ended (all read, failed, closed or taken away): what is filled can still be taken; wakes a waiter. */
    synchronized void end() {
        ended = true;
        notifyAll();
    }

    /** Ends the hand-off and drops what it holds: the connection is gone. */
    synchronized void discard() {
        filled = 0;
        headPosition = 0;
        end();
    }

    private boolean outputBlocked() {
        return outputBlockedAt == writeCallbacks;
    }
}
