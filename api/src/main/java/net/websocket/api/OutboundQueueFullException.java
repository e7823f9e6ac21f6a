package net.websocket.api;

/**
 * A send was refused because more than the connection's {@link ConnectionSettings#outboundQueueLimit() outbound
 * queue limit} waits to be written: at once for an asynchronous send (its stage fails with it), or after
 * {@link ConnectionSettings#sendTimeout() the send timeout} for a blocking one. The message was not sent; the
 * connection stays open (the peer is slow, or not reading), and a later send may succeed.
 *
 * @since 1.1
 */
public class OutboundQueueFullException extends WebSocketException {
    private static final long serialVersionUID = 1L;

    /**
     * A refused send.
     *
     * @param message what was refused, e.g. with the bytes queued and the limit
     */
    public OutboundQueueFullException(String message) {
        super(message);
    }
}
