package net.websocket.runtime.internal;

import java.lang.System.Logger;

import net.websocket.api.Connection;

/**
 * The runtime's loggers ({@link System.Logger}, by default {@code java.util.logging}), one per component, all under
 * {@code net.websocket} so that one setting there covers them all:
 * <table>
 * <caption>Logger names</caption>
 * <tr><th>name</th><th>what it tells</th></tr>
 * <tr><td>{@code net.websocket.server}</td><td>a server's life: accepting (and its failures), the queued-bytes
 * budget, stopping</td></tr>
 * <tr><td>{@code net.websocket.handshake}</td><td>opening handshakes, server and client: variants, origin policies,
 * mappers and hooks that fail, TLS handshakes, handshakes that time out</td></tr>
 * <tr><td>{@code net.websocket.connection}</td><td>open connections, each message naming the connection by its
 * {@linkplain Connection#id() id} ({@link #about}): protocol errors of the peer, keepalive and write timeouts,
 * handlers and listeners that fail, broadcasts' policy closes</td></tr>
 * <tr><td>{@code net.websocket.io}</td><td>I/O loops and handler threads</td></tr>
 * </table>
 * What a peer can cause (a protocol error, a failed TLS handshake, a timeout, a reset) is logged at
 * {@link System.Logger.Level#DEBUG} at most, so that a hostile peer cannot fill the log; WARNING and above are for
 * what the operator or the application has to act on (a failing handler, observer, variant or hook, a loop that
 * died, accepting that fails).
 */
final class Logs {

    /** A server's life. */
    static final Logger SERVER = System.getLogger("net.websocket.server");
    /** Opening handshakes. */
    static final Logger HANDSHAKE = System.getLogger("net.websocket.handshake");
    /** Open connections; every message begins with {@link #about}. */
    static final Logger CONNECTION = System.getLogger("net.websocket.connection");
    /** I/O loops and handler threads. */
    static final Logger IO = System.getLogger("net.websocket.io");

    private Logs() {
    }

    /**
     * {@return {@code message} about connection {@code c}: prefixed with its id and peer}
     *
     * @param c       the connection
     * @param message what is said of it
     */
    static String about(Connection c, String message) {
        return "connection " + c.id() + " (" + (c.isServer() ? "from " : "to ") + c.remoteAddress() + "): "
                + message;
    }
}
