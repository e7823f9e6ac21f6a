package net.websocket.api.spi;

import java.nio.ByteBuffer;

import net.websocket.api.MessageType;
import net.websocket.api.PayloadType;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Frames one connection after its opening handshake: turns received bytes into {@link FrameSink} events and
 * outgoing messages into bytes. Sans-I/O: it keeps only protocol state (where it is in the current frame, the
 * masking key, the UTF-8 decoder state, whether a close was sent or received) and never buffers a payload.
 *
 * <p>Not thread-safe. The runtime decodes from one thread at a time and encodes from one thread at a time; decoding
 * and encoding may run on different threads concurrently (they share no mutable state except the close flags,
 * which are volatile).
 */
@ConsumerType
public interface FrameEngine {

    // ------------------------------------------------------------------------------------------ capabilities

    /** {@return whether messages can be sent and received in fragments} */
    boolean supportsFragmentation();

    /**
     * {@return whether this payload type can be carried}
     *
     * @param type a message type
     */
    boolean supportsPayloadType(MessageType type);

    /** {@return whether close frames carry a status code and reason} */
    boolean signalsStatusOnClose();

    /** {@return whether ping and pong frames exist} */
    boolean supportsPing();

    // ------------------------------------------------------------------------------------------------ decoding

    /**
     * Consumes bytes from {@code in} (from its position to its limit), calling {@code sink} for each event, until
     * the input is used up. Partial frames are remembered and continued by the next call, whatever the split:
     * the runtime may pass one byte at a time. Data payloads are delivered as they arrive, in pieces that need
     * not match frames; {@code in} may be unmasked in place and the buffers given to the sink are views of it,
     * valid only during the call.
     *
     * <p>After {@link FrameSink#onClose} or {@link FrameSink#onProtocolError} the engine is finished with input:
     * later bytes are consumed and ignored.
     *
     * @param in   the received bytes, from its position to its limit; its position ends at its limit
     * @param sink receives the events, during this call only
     */
    void decode(ByteBuffer in, FrameSink sink);

    /** {@return whether a close frame was received or the input failed: no more events will come} */
    boolean inputClosed();

    // ------------------------------------------------------------------------------------------------ encoding

    /**
     * The number of bytes a data frame with a payload of this length occupies on the wire: exactly, or, when an
     * extension may transform the payload (e.g. compress it), at most. {@link #encodeData} leaves the output's
     * position after the bytes it actually wrote.
     *
     * @param payloadLength the payload's length, in bytes; not negative
     * @return the frame's length on the wire, in bytes: exact, or the most it can be
     */
    int frameLength(int payloadLength);

    /**
     * Writes one data frame holding {@code payload}'s remaining bytes (the payload's position moves to its limit),
     * transformed by the negotiated extension if it takes the message. Client engines mask as they copy; the payload
     * itself is never changed.
     *
     * @param type          {@link PayloadType#TEXT} or {@link PayloadType#BINARY} for a message's first frame,
     *                      {@link PayloadType#CONTINUATION} for the rest
     * @param payload       the frame's payload: its remaining bytes
     * @param finalFragment whether this frame ends the message
     * @param out           receives the frame; needs {@link #frameLength} bytes remaining
     * @throws UnsupportedOperationException if the variant cannot send this (binary or fragments on hybi-00)
     * @throws IllegalStateException         if the type does not fit the frames before it, or a close was sent
     */
    void encodeData(PayloadType type, boolean finalFragment, ByteBuffer payload, ByteBuffer out);

    /**
     * Writes only the header of a data frame whose payload goes on the wire unchanged right after it, so that the
     * caller can write the payload from where it is (header and payload in one gathering write) instead of copying
     * it into the frame. The engine's state moves as {@link #encodeData} moves it. Only for payloads that go out as
     * they are: not masked (a client's frames are), not taken by an extension.
     *
     * @param type          as for {@link #encodeData}
     * @param finalFragment as for {@link #encodeData}
     * @param payloadLength the length of the payload that follows the header, unchanged; not negative
     * @param out           receives the header; needs {@code frameLength(payloadLength) - payloadLength} bytes
     *                      remaining
     * @return the header's length in bytes; or -1 when this engine does not send this payload unchanged behind a
     *         header (nothing is written and the state is unchanged: use {@link #encodeData} then), which is what
     *         the default answers
     * @throws UnsupportedOperationException as {@link #encodeData} throws
     * @throws IllegalStateException         as {@link #encodeData} throws
     * @since 1.1
     */
    default int encodeDataHeader(PayloadType type, boolean finalFragment, int payloadLength, ByteBuffer out) {
        return -1;
    }

    /**
     * Writes a ping frame (payload at most 125 bytes).
     *
     * @param payload the ping's payload: its remaining bytes, at most 125
     * @param out     receives the frame; needs {@link #CONTROL_FRAME_MAX} bytes remaining
     * @throws UnsupportedOperationException if {@link #supportsPing()} is false
     */
    void encodePing(ByteBuffer payload, ByteBuffer out);

    /**
     * Writes a pong frame (payload at most 125 bytes).
     *
     * @param payload the pong's payload: its remaining bytes, at most 125
     * @param out     receives the frame; needs {@link #CONTROL_FRAME_MAX} bytes remaining
     * @throws UnsupportedOperationException if {@link #supportsPing()} is false
     */
    void encodePong(ByteBuffer payload, ByteBuffer out);

    /**
     * Writes the close frame and marks the output closed: no data frame may follow. The code is left out when it is
     * {@link net.websocket.api.CloseCodes#NO_STATUS}; variants that do not signal status leave both out. The reason
     * is cut to fit 123 bytes of UTF-8 on a character boundary.
     *
     * @param code   the status code: one {@link net.websocket.api.CloseCodes#isValidOnWire} allows, or
     *               {@link net.websocket.api.CloseCodes#NO_STATUS} for none
     * @param reason the reason text, possibly empty; {@code null} is taken as empty
     * @param out    needs {@link #CONTROL_FRAME_MAX} bytes remaining
     */
    void encodeClose(int code, String reason, ByteBuffer out);

    /** {@return whether a close frame was written} */
    boolean outputClosed();

    /** The most bytes any control frame (ping, pong, close) occupies on the wire: 2 + 4 + 125. */
    int CONTROL_FRAME_MAX = 131;
}
