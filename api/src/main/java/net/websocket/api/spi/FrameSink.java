package net.websocket.api.spi;

import java.nio.ByteBuffer;

import net.websocket.api.MessageType;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Receives the events a {@link FrameEngine} decodes. The buffers passed in are valid only during the call: copy what
 * must be kept.
 */
@ProviderType
public interface FrameSink {

    /**
     * A piece of a data message, in order. {@code first} marks the message's first piece and {@code last} its last
     * (a small unfragmented message is one call with both set; an empty message is one call with an empty buffer).
     * Text pieces are validated UTF-8 so far, but a piece may end inside a character; the whole message is known
     * valid when {@code last} is set.
     *
     * @param type    the message's type, the same for each of its pieces
     * @param payload the piece's bytes, from its position to its limit; possibly empty
     * @param first   whether this piece begins the message
     * @param last    whether this piece ends the message
     */
    void onData(MessageType type, ByteBuffer payload, boolean first, boolean last);

    /**
     * A whole ping frame arrived. The runtime answers with a pong carrying the same payload.
     *
     * @param payload the ping's payload, at most 125 bytes
     */
    void onPing(ByteBuffer payload);

    /**
     * A whole pong frame arrived.
     *
     * @param payload the pong's payload, at most 125 bytes
     */
    void onPong(ByteBuffer payload);

    /**
     * A close frame arrived; no more events follow.
     *
     * @param code   the status code, or {@link net.websocket.api.CloseCodes#NO_STATUS} if the frame carried none
     * @param reason the reason, possibly empty
     */
    void onClose(int code, String reason);

    /**
     * The input broke the protocol; no more events follow. The runtime sends a close frame with {@code closeCode}
     * (if none was sent yet) and closes the connection.
     *
     * @param closeCode {@link net.websocket.api.CloseCodes#PROTOCOL_ERROR},
     *                  {@link net.websocket.api.CloseCodes#INVALID_PAYLOAD} or
     *                  {@link net.websocket.api.CloseCodes#MESSAGE_TOO_BIG}
     * @param message   what was wrong, for logs and error listeners
     */
    void onProtocolError(int closeCode, String message);
}
