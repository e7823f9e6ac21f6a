package net.websocket.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A blocking-style endpoint: it receives the open
 * connection on a thread of its own (a virtual thread where the JVM has them) and is in sole control of it until it
 * returns.
 *
 * <p>When {@link #handle} returns normally the runtime closes the connection with 1000 if it is still open. When it
 * throws, the runtime closes the connection with 1011 (internal error). Nothing else is affected either way.
 */
@ConsumerType
@FunctionalInterface
public non-sealed interface Handler extends Endpoint {
    /**
     * Serves one connection.
     *
     * @param connection the open connection; {@link Connection#state()} holds the handshake hook's state
     * @throws Exception anything; the connection is then closed with 1011
     */
    void handle(Connection connection) throws Exception;
}
