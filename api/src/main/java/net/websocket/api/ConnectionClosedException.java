package net.websocket.api;

/** An operation needed an open connection, and it is closed (or closing). */
public class ConnectionClosedException extends WebSocketException {
    private static final long serialVersionUID = 1L;

    private final transient CloseStatus status;

    /**
     * An operation refused because the connection is closed or closing.
     *
     * @param message what was refused; the exception's message is this followed by {@code ": "} and the status, if
     *                there is one
     * @param status  how the connection closed, or {@code null} if that is not known (yet)
     */
    public ConnectionClosedException(String message, CloseStatus status) {
        super(status == null ? message : message + ": " + status);
        this.status = status;
    }

    /** {@return how the connection closed, if known; else (and after deserialization) {@code null}} */
    public CloseStatus status() {
        return status;
    }
}
