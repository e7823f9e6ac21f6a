package net.websocket.whiteboard.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import net.websocket.api.Connection;
import net.websocket.api.spi.ProtocolVariant;
import net.websocket.runtime.ConnectionObserver;

/**
 * Every connection the OSGi layer opened or accepted, and which variant service made each one.
 *
 * <p>Every server and client of the whiteboard reports to {@link #observer()}, which notes the {@link TrackedVariant}
 * of each connection as it opens, until the connection is tracked ({@link #madeBy}) or closes before.
 */
final class ConnectionRegistry {

    /** Connection to the variant service that made it, until claimed; compared by identity. */
    private final Map<Connection, TrackedVariant> made = new ConcurrentHashMap<>();
    private final Set<TrackedConnection> all = ConcurrentHashMap.newKeySet();
    private final ConnectionObserver observer = new ConnectionObserver() {
        @Override
        public void opened(Connection connection, ProtocolVariant variant) {
            if (variant instanceof TrackedVariant v) {
                made.put(connection, v);
            }
        }

        @Override
        public void closed(Connection connection) {
            made.remove(connection);
        }
    };

    /** What the whiteboard's servers and clients tell of their connections. */
    ConnectionObserver observer() {
        return observer;
    }

    /** The variant service that made this connection, or {@code null} if it is not known (or closed already). */
    TrackedVariant madeBy(Connection c) {
        return made.remove(c);
    }

    /**
     * Tracks a connection until it is closed. If any owner is already retired, the connection is closed with 1001
     * at once.
     */
    TrackedConnection track(Connection c, String server, EndpointRegistration endpoint, TrackedVariant variant,
            List<ConnectionOwner> owners) {
        TrackedConnection t = new TrackedConnection(c, server, endpoint, variant, List.copyOf(owners), Instant.now());
        all.add(t);
        for (ConnectionOwner o : t.owners()) {
            o.add(t);
        }
        c.closed().whenComplete((status, failure) -> {
            all.remove(t);
            for (ConnectionOwner o : t.owners()) {
                o.remove(t);
            }
        });
        return t;
    }

    /** The open connections at this moment. */
    List<TrackedConnection> connections() {
        return List.copyOf(all);
    }

    /** How many connections are noted and not yet claimed (tests, diagnostics). */
    int pendingNotes() {
        return made.size();
    }
}
