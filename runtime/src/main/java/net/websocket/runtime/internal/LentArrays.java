package net.websocket.runtime.internal;

/**
 * The message arrays of one I/O loop that go back to it after the callback they were lent to returned
 * ({@link net.websocket.api.Listener.BorrowsBuffers}): a message assembled across reads fills one of them instead of
 * a new array, so no array is allocated, zeroed and collected per large message.
 *
 * <h2>Bounds</h2>
 * At most {@link #MAX_ARRAYS} arrays and {@link #MAX_BYTES} bytes are kept per loop; an array returned beyond that
 * is left to the garbage collector, unless it is larger than the smallest ones kept, which then make room for it.
 * Every array held was a message's, so each is at most the connection's message size limit.
 *
 * <h2>Threads</h2>
 * Not thread-safe: only the loop's own thread takes and returns arrays.
 */
final class LentArrays {

    /** The most arrays kept: a few connections of one loop assembling large messages at the same time. */
    static final int MAX_ARRAYS = 4;
    /** The most bytes kept in all. */
    static final long MAX_BYTES = 16L * 1024 * 1024;

    private final byte[][] arrays = new byte[MAX_ARRAYS][];
    private int count;
    private long bytes;
    /** The array lent to the callback running now, unless a send of it {@linkplain #claim claimed} it. */
    private byte[] lentNow;

    /** Lends {@code array} to the callback about to run; {@link #callbackReturned} follows. */
    void lend(byte[] array) {
        lentNow = array;
    }

    /**
     * Whether {@code array} is the one lent to the callback running now and not claimed yet: a send of it may then
     * {@linkplain #claim claim} it instead of copying it.
     */
    boolean lentNow(byte[] array) {
        return array != null && array == lentNow;
    }

    /**
     * Takes the array lent to the running callback for a send that writes from it: it comes back with
     * {@link #give} once written, not when the callback returns.
     */
    void claim(byte[] array) {
        if (array == lentNow) {
            lentNow = null;
        }
    }

    /** The callback {@code array} was lent to returned: the array is kept for a later message, unless claimed. */
    void callbackReturned(byte[] array) {
        if (lentNow == array) {
            lentNow = null;
            give(array);
        }
    }

    /** An array of at least {@code min} bytes taken from those kept (the smallest that fits), or {@code null}. */
    byte[] take(int min) {
        int best = -1;
        for (int i = 0; i < count; i++) {
            if (arrays[i].length >= min && (best < 0 || arrays[i].length < arrays[best].length)) {
                best = i;
            }
        }
        if (best < 0) {
            return null;
        }
        byte[] a = arrays[best];
        remove(best);
        return a;
    }

    /**
     * Keeps {@code array} for a later message, within the bounds, in the place of smaller ones if need be; its
     * contents are not cleared.
     */
    void give(byte[] array) {
        if (array.length > MAX_BYTES) {
            return;
        }
        while (count == MAX_ARRAYS || bytes + array.length > MAX_BYTES) {
            int smallest = 0;
            for (int i = 1; i < count; i++) {
                if (arrays[i].length < arrays[smallest].length) {
                    smallest = i;
                }
            }
            if (arrays[smallest].length >= array.length) {
                return; // those kept are at least as useful
            }
            remove(smallest);
        }
        arrays[count++] = array;
        bytes += array.length;
    }

    private void remove(int i) {
        bytes -= arrays[i].length;
        arrays[i] = arrays[--count];
        arrays[count] = null;
    }

    /** Arrays kept (tests). */
    int count() {
        return count;
    }

    /** Bytes kept (tests). */
    long bytes() {
        return bytes;
    }
}
