package net.websocket.runtime.osgi;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

import net.websocket.api.Connection;
import net.websocket.api.spi.FrameEngine;
import net.websocket.runtime.internal.WsConnection;

/**
 * Every connection the OSGi layer opened or accepted, and which variant service made each one.
 *
 * <p>The link is direct: a {@link TrackedVariant} notes each frame engine its variant hands to the runtime, and a
 * connection of the runtime tells its engine ({@link WsConnection#engine()}). Engines are held weakly, so one whose
 * connection never opened (it failed between the handshake and the endpoint's start) is simply forgotten.
 */
final class ConnectionRegistry {

    /** Engine to the variant service that made it; compared by identity, as engines do not override equals. */
    private final Map<FrameEngine, TrackedVariant> made = Collections.synchronizedMap(new WeakHashMap<>());
    private final Set<TrackedConnection> all = ConcurrentHashMap.newKeySet();

    /** A variant made this engine for a connection being opened. */
    void made(FrameEngine engine, TrackedVariant variant) {
        if (engine != null) {
            made.put(engine, variant);
        }
    }

    /** The variant service that made this connection, or {@code null} if it is not known. */
    TrackedVariant madeBy(Connection c) {
        if (c instanceof WsConnection w) {
            return made.remove(w.engine());
        }
        return null;
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

    /** How many engines are noted and not yet claimed by their connection (tests, diagnostics). */
    int pendingNotes() {
        return made.size();
    }
}
