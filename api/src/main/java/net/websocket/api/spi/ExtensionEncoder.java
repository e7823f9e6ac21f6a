package net.websocket.api.spi;

import java.nio.ByteBuffer;

import net.websocket.api.MessageType;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The sending half of an {@link Extension}: transforms messages frame by frame. For each data message the variant
 * calls {@link #begin} with its first frame; if that returns {@code true}, the first frame carries the extension's
 * {@link Extension#rsvBits()} and the payload of every frame of the message goes through {@link #encode}.
 */
@ConsumerType
public interface ExtensionEncoder {

    /**
     * A data message begins.
     *
     * @param type          the message's type
     * @param length        the payload length of its first frame
     * @param finalFragment whether that frame is the whole message ({@code length} is then the message's length)
     * @return whether to transform the message (e.g. {@code false} for messages too small to gain from compression)
     */
    boolean begin(MessageType type, int length, boolean finalFragment);

    /**
     * The most bytes {@link #encode} writes for {@code length} input bytes: the variant reserves that much room in
     * the frame, and announces frame lengths with it before it knows the exact size.
     *
     * @param length a frame's payload length, in bytes; not negative
     * @return the bound, in bytes; at least what {@link #encode} writes for any payload of that length
     */
    int maxEncodedLength(int length);

    /**
     * Transforms one frame's payload: consumes all of {@code in} and writes all of its output to {@code out}, so that
     * the frame can be sent at once (a compressor flushes).
     *
     * @param in           the frame's payload
     * @param endOfMessage whether this frame ends the message
     * @param out          has at least {@link #maxEncodedLength} of {@code in.remaining()} bytes of room
     */
    void encode(ByteBuffer in, boolean endOfMessage, ByteBuffer out);

    /**
     * No more messages will be encoded (a close frame was sent): frees what the encoder holds. Idempotent; not
     * followed by other calls.
     */
    void release();
}
