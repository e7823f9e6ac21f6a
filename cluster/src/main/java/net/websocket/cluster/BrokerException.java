package net.websocket.cluster;

/**
 * The broker did not acknowledge a publish (it is down, restarting or unreachable): the message was not published.
 * The implementation reconnects by itself; a later publish may succeed.
 */
public class BrokerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * A publish the broker did not acknowledge.
     *
     * @param message what failed
     * @param cause the client library's error
     */
    public BrokerException(String message, Throwable cause) {
        super(message, cause);
    }
}
