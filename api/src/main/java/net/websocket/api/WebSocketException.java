package net.websocket.api;

import java.io.IOException;

/** Something went wrong with a WebSocket connection or handshake. */
public class WebSocketException extends IOException {
    private static final long serialVersionUID = 1L;

    public WebSocketException(String message) {
        super(message);
    }

    public WebSocketException(String message, Throwable cause) {
        super(message, cause);
    }
}
