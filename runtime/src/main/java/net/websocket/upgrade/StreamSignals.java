package net.websocket.upgrade;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What a {@link ByteStream}'s owner tells the WebSocket connection running over it; callable from any thread (the
 * connection handles each on its own I/O thread).
 */
@ProviderType
public interface StreamSignals {

    /** Input may be there (or the end of the stream): after {@link ByteStream#read} returned 0. */
    void readable();

    /** Output may be taken again: after {@link ByteStream#write} took less than offered. */
    void writable();

    /**
     * The stream failed, or its owner took it away (the hosting server stops): the connection ends abnormally
     * (1006) and closes the stream.
     *
     * @param error what happened
     */
    void failed(Throwable error);
}
