package net.websocket.api.spi;

import java.nio.ByteBuffer;

import net.websocket.api.MessageType;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The receiving half of an {@link Extension}: restores transformed messages, piece by piece, as their frames arrive.
 * The variant owns the output buffer and chooses how much room to give, so it can check the restored size against
 * its message limit (and fail with 1009) before more is restored: a small compressed message that would inflate to
 * gigabytes is refused after at most the limit plus one chunk.
 *
 * <p>For each data message the variant calls {@link #begin} at its first frame; if that returns {@code true}, every
 * payload piece of every frame of the message goes through {@link #decode}, the last piece with
 * {@code endOfMessage} set (an empty piece if the final frame is empty).
 */
@ConsumerType
public interface ExtensionDecoder {

    /**
     * A data message begins.
     *
     * @param type the message's type
     * @param rsv  the reserved bits of its first frame (only {@link Extension#rsvBits()} can be set)
     * @return whether the message is transformed and must go through {@link #decode}
     */
    boolean begin(MessageType type, int rsv);

    /**
     * Restores bytes: consumes {@code in} (from its position) and writes what it restores to {@code out} (from its
     * position, up to its limit). Returns {@code false} when {@code out} filled up before all of {@code in} was
     * consumed or all output for it was written: the variant takes the output and calls again with the same
     * {@code in} and fresh room. Returns {@code true} when {@code in} is used up and nothing more can be produced from
     * the input so far; with {@code endOfMessage}, when the message is complete.
     *
     * <p>{@code in} is valid only during the call: nothing of it may be kept for a later call.
     *
     * @param in           the next piece of the transformed payload, possibly empty
     * @param endOfMessage whether {@code in} ends the message
     * @param out          receives restored bytes
     * @return {@code true} when {@code in} is used up and everything restored from it is written (with
     *         {@code endOfMessage}: the message is complete); {@code false} when {@code out} filled up first
     * @throws ExtensionException if the data cannot be restored; the variant fails the connection with its code
     */
    boolean decode(ByteBuffer in, boolean endOfMessage, ByteBuffer out) throws ExtensionException;

    /**
     * No more messages will be decoded (the input of the connection ended): frees what the decoder holds, such as
     * native memory. Idempotent; not followed by other calls.
     */
    void release();
}
