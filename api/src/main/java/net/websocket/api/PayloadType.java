package net.websocket.api;

/**
 * The payload type of one fragment sent with {@link Connection#sendFragment}: the first fragment of a message is
 * {@link #TEXT} or {@link #BINARY}, every later fragment of the same message is {@link #CONTINUATION}.
 */
public enum PayloadType {
    TEXT,
    BINARY,
    CONTINUATION
}
