package net.websocket.api;

/**
 * An opening handshake failed. On the server side {@link #status()} is the HTTP status to answer with and
 * {@link #responseHeaders()} the headers to add (e.g. {@code Sec-WebSocket-Version} with 426); on the client side
 * {@link #status()} is the status the server sent (or 0 if the response was not HTTP at all).
 */
public class HandshakeException extends WebSocketException {
    private static final long serialVersionUID = 1L;

    /** The HTTP status: to answer with (server side), or received (client side; 0: the response was not HTTP). */
    private final int status;
    private final transient Headers responseHeaders;

    /**
     * A failed handshake whose answer needs no extra headers.
     *
     * @param status  on the server side the HTTP status to answer with (e.g. 400, 403, 426); on the client side the
     *                status the server sent, or 0 if the response was not HTTP at all
     * @param message what was wrong
     */
    public HandshakeException(int status, String message) {
        this(status, message, Headers.empty());
    }

    /**
     * A failed handshake whose answer carries extra headers.
     *
     * @param status          as for {@link #HandshakeException(int, String)}
     * @param message         what was wrong
     * @param responseHeaders the headers to add to the answer (e.g. {@code Sec-WebSocket-Version} with 426);
     *                        {@code null} for none
     */
    public HandshakeException(int status, String message, Headers responseHeaders) {
        super(message);
        this.status = status;
        this.responseHeaders = responseHeaders == null ? Headers.empty() : responseHeaders;
    }

    /**
     * {@return the HTTP status} On the server side the status to answer with; on the client side the status the
     * server sent, or 0 if the response was not HTTP at all.
     */
    public int status() {
        return status;
    }

    /**
     * {@return the headers to add to the answer, empty if none} They are not serialized: empty after
     * deserialization.
     */
    public Headers responseHeaders() {
        return responseHeaders == null ? Headers.empty() : responseHeaders;
    }
}
