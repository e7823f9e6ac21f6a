package net.websocket.api;

/**
 * An opening handshake failed. On the server side {@link #status()} is the HTTP status to answer with and
 * {@link #responseHeaders()} the headers to add (e.g. {@code Sec-WebSocket-Version} with 426); on the client side
 * {@link #status()} is the status the server sent (or 0 if the response was not HTTP at all).
 */
public class HandshakeException extends WebSocketException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient Headers responseHeaders;

    public HandshakeException(int status, String message) {
        this(status, message, Headers.empty());
    }

    public HandshakeException(int status, String message, Headers responseHeaders) {
        super(message);
        this.status = status;
        this.responseHeaders = responseHeaders == null ? Headers.empty() : responseHeaders;
    }

    public int status() {
        return status;
    }

    public Headers responseHeaders() {
        return responseHeaders == null ? Headers.empty() : responseHeaders;
    }
}
