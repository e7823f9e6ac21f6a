package net.websocket.whiteboard.internal;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Something whose connections must be closed when it goes away: a protocol variant service, an endpoint service, a
 * server, a client. Once retired, connections it still gets are closed at once, so a connection that was being
 * opened while its owner left is closed too.
 */
abstract class ConnectionOwner {

    private final Set<TrackedConnection> connections = ConcurrentHashMap.newKeySet();
    private volatile String retiredReason;

    /** Adds a connection; closes it with 1001 if this owner is already retired. */
    final void add(TrackedConnection c) {
        connections.add(c);
        String reason = retiredReason;
        if (reason != null) {
            c.goAway(reason);
        }
    }

    final void remove(TrackedConnection c) {
        connections.remove(c);
    }

    /** Marks this owner gone and closes its open connections with 1001 (going away) and this reason. */
    final void retire(String reason) {
        retiredReason = reason;
        for (TrackedConnection c : connections) {
            c.goAway(reason);
        }
    }

    final boolean isRetired() {
        return retiredReason != null;
    }

    /** The open connections, at this moment. */
    final List<TrackedConnection> connections() {
        return List.copyOf(connections);
    }

    final int connectionCount() {
        return connections.size();
    }
}
