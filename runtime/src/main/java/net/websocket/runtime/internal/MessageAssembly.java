package net.websocket.runtime.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Joins the fragments of one message into one array for a {@link net.websocket.api.Listener}: no sockets, no
 * threads, just bytes in and a whole message out.
 *
 * <h2>Sizing</h2>
 * A message's array starts at twice its first fragment (at least 256 bytes), or at the size of the last message
 * assembled if that is larger: a connection's messages tend to be alike, and an array of that size saves growing it
 * step by step (a copy and a new array each time). It doubles when a fragment does not fit. A finished message whose
 * array is more than twice too large is copied into one of its size, since the listener keeps it.
 *
 * <h2>Threads</h2>
 * Not thread-safe: one thread feeds it (the connection's loop thread). One instance serves a connection for its
 * whole life; it allocates nothing but the message arrays themselves.
 */
final class MessageAssembly {

    /** The smallest array a fragmented message starts with. */
    static final int MIN_START = 256;

    private byte[] buffer;
    private int length;
    private boolean text;
    private boolean lent;

    /** Starts a fragmented message whose first fragment has {@code firstFragment} bytes. */
    void begin(boolean text, int firstFragment) {
        begin(text, firstFragment, null);
    }

    /**
     * Starts a fragmented message whose first fragment has {@code firstFragment} bytes, in an array taken from
     * {@code lent} when one fits (a binary message of a borrowing listener, whose array comes back after the
     * callback; see {@link #lent()}), or in a new one.
     */
    void begin(boolean text, int firstFragment, LentArrays lent) {
        this.text = text;
        // length still holds the size of the last message assembled
        int size = Math.max(Math.max(firstFragment * 2, MIN_START), length);
        byte[] taken = lent == null ? null : lent.take(size);
        this.lent = taken != null;
        buffer = taken != null ? taken : new byte[size];
        length = 0;
    }

    /**
     * Whether the message being assembled (or the last one) is in a lent array: {@link #finish()} then gives back
     * that array as it is, whatever its size, and it goes back to the loop once delivered.
     */
    boolean lent() {
        return lent;
    }

    /** Whether a message is being assembled. */
    boolean inProgress() {
        return buffer != null;
    }

    /** Whether the message being assembled (or the last one) is text. */
    boolean text() {
        return text;
    }

    /** Appends what remains of {@code fragment} (a message is in progress). */
    void append(ByteBuffer fragment) {
        int n = fragment.remaining();
        if (length + n > buffer.length) {
            long want = Math.max((long) buffer.length * 2, (long) length + n);
            buffer = Arrays.copyOf(buffer, (int) Math.min(want, Integer.MAX_VALUE - 8));
        }
        fragment.get(buffer, length, n);
        length += n;
    }

    /**
     * Ends the message: returns its array, whose first {@link #length()} bytes are the message (the array is
     * exactly that long when it was far too large).
     */
    byte[] finish() {
        byte[] data = buffer;
        buffer = null;
        if (!lent && length < data.length / 2) {
            data = Arrays.copyOf(data, length);
        }
        return data;
    }

    /** The bytes assembled so far, or the length of the last message once finished. */
    int length() {
        return length;
    }

    /** The capacity of the array being filled (tests). */
    int capacity() {
        return buffer == null ? 0 : buffer.length;
    }
}
