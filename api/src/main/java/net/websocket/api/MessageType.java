package net.websocket.api;

/** The two kinds of WebSocket data message. */
public enum MessageType {
    /** UTF-8 text. */
    TEXT,
    /** Arbitrary bytes. */
    BINARY
}
