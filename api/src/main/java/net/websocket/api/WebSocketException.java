package net.websocket.api;

import java.io.IOException;

/** Something went wrong with a WebSocket connection or handshake. */
public class WebSocketException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception without a cause.
     *
     * @param message what went wrong
     */
    public WebSocketException(String message) {
        super(message);
    }

    /**
     * An exception caused by another.
     *
     * @param message what went wrong
     * @param cause   the failure that caused it, or {@code null} if none is known
     */
    public WebSocketException(String message, Throwable cause) {
        super(message, cause);
    }
}
