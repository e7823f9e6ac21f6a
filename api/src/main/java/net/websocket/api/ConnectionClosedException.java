package net.websocket.api;

/** An operation needed an open connection, and it is closed (or closing). */
public class ConnectionClosedException extends WebSocketException {
    private static final long serialVersionUID = 1L;

    private final transient CloseStatus status;

    public ConnectionClosedException(String message, CloseStatus status) {
        super(status == null ? message : message + ": " + status);
        this.status = status;
    }

    /** How the connection closed, if known. */
    public CloseStatus status() {
        return status;
    }
}
