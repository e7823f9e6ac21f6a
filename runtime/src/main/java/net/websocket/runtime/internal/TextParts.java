package net.websocket.runtime.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Cuts the pieces of a text message into parts of whole characters for a {@link net.websocket.api.Listener.Partial}:
 * the bytes of a character split between two pieces (between reads, frames or restored chunks) wait here for the
 * rest, at most 3 of them. No sockets, no threads: validated UTF-8 pieces in, strings out.
 *
 * <p>The pieces come from the variant's engine, which has validated them as UTF-8 so far (a piece may end inside
 * a character, the message's last piece may not), so a character's length is known from its first byte.
 *
 * <h2>Threads</h2>
 * Not thread-safe: the connection's loop thread feeds it. One instance serves a connection for its whole life.
 */
final class TextParts {

    /** The most bytes of a character that can wait: a character has at most 4. */
    static final int MAX_CARRIED = 3;

    private final byte[] carried = new byte[MAX_CARRIED];
    private int carriedLength;
    /** The UTF-8 length of the last part made. */
    private int byteLength;

    /**
     * The next part of a message: the characters that {@code piece} completes, after those of earlier pieces.
     *
     * @param piece validated UTF-8, read from its position to its limit (the position is left as it is)
     * @param first whether the piece begins a message (bytes waiting from an earlier message are dropped)
     * @param last  whether the piece ends the message (nothing may be left waiting then)
     * @return the part, or {@code null} when it would be empty and is not the last: nothing to deliver yet
     */
    String next(ByteBuffer piece, boolean first, boolean last) {
        if (first) {
            carriedLength = 0;
        }
        int n = piece.remaining();
        int total = carriedLength + n;
        byte[] bytes = new byte[total];
        System.arraycopy(carried, 0, bytes, 0, carriedLength);
        piece.get(piece.position(), bytes, carriedLength, n);
        int keep = last ? 0 : unfinished(bytes, total);
        int whole = total - keep;
        System.arraycopy(bytes, whole, carried, 0, keep);
        carriedLength = keep;
        byteLength = whole;
        if (whole == 0 && !last) {
            return null;
        }
        return new String(bytes, 0, whole, StandardCharsets.UTF_8);
    }

    /** The size in UTF-8 of the last part {@link #next} made. */
    int byteLength() {
        return byteLength;
    }

    /** How many bytes are waiting for the rest of their character. */
    int carried() {
        return carriedLength;
    }

    /** How many bytes at the end of {@code bytes[0, length)} begin a character that is not complete there. */
    static int unfinished(byte[] bytes, int length) {
        for (int i = length - 1; i >= Math.max(0, length - MAX_CARRIED); i--) {
            int b = bytes[i] & 0xFF;
            if ((b & 0xC0) != 0x80) { // the first byte of the last character
                int size = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
                return length - i < size ? length - i : 0;
            }
        }
        return 0; // three continuation bytes at the end: they end a four-byte character
    }
}
