package net.websocket.runtime.internal;

import net.websocket.api.CloseStatus;
import net.websocket.api.ConnectionClosedException;

/**
 * The failure a terminated connection keeps for what was still waiting on it (unwritten sends, pings without their
 * pong, a handler's receive) and for every later send: made once per connection as it ends, and without a stack
 * trace. Filling one in cost several microseconds of every short connection's close, and it would only show where
 * the connection ended (the I/O loop), not where a later caller was: whoever sends afterwards gets this same object.
 */
final class ConnectionEnded extends ConnectionClosedException {
    private static final long serialVersionUID = 1L;

    ConnectionEnded(CloseStatus status) {
        super("connection closed", status);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this; // see the class comment
    }
}
