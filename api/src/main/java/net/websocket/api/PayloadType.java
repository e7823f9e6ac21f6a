package net.websocket.api;

/**
 * The payload type of one fragment sent with {@link Connection#sendFragment}: the first fragment of a message is
 * {@link #TEXT} or {@link #BINARY}, every later fragment of the same message is {@link #CONTINUATION}.
 */
public enum PayloadType {
    /** The first (or only) fragment of a text message; the fragments together must be valid UTF-8. */
    TEXT,
    /** The first (or only) fragment of a binary message. */
    BINARY,
    /** Every later fragment of the message that a {@link #TEXT} or {@link #BINARY} fragment began. */
    CONTINUATION
}
