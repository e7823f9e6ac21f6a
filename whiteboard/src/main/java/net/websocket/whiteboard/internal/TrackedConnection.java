package net.websocket.whiteboard.internal;

import java.time.Instant;
import java.util.List;

import net.websocket.api.CloseCodes;
import net.websocket.api.Connection;

/**
 * An open connection and what it belongs to.
 *
 * @param connection the connection
 * @param server     the server's name, or {@code null} for a client connection
 * @param endpoint   the endpoint service it was routed to, or {@code null} for a client connection
 * @param variant    the variant service that accepted (or opened) it, or {@code null} if unknown
 * @param owners     everything whose departure closes it
 * @param opened     when it was opened
 */
record TrackedConnection(Connection connection, String server, EndpointRegistration endpoint, TrackedVariant variant,
        List<ConnectionOwner> owners, Instant opened) {

    /** Starts the closing handshake with 1001 (going away); nothing if it is closing already. */
    void goAway(String reason) {
        try {
            connection.close(CloseCodes.GOING_AWAY, reason);
        } catch (RuntimeException e) {
            // closing anyway
        }
    }
}
