package net.websocket.runtime.osgi;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

import net.websocket.api.Connection;
import net.websocket.api.HandshakeRequest;

/**
 * Every connection the OSGi layer opened or accepted, and which variant service accepted each server connection.
 *
 * <p>The variant is learnt without help from the runtime: a {@link TrackedVariant} notes, when its handshake is
 * accepted, the (remote, local) address pair of the request; the endpoint wrapper takes that note when the
 * connection it gets opens. An address pair names one live TCP connection, so the match is exact.
 */
final class ConnectionRegistry {

    /**
     * Notes older than this are dropped: the connection they stand for never opened (it failed between the 101 and
     * the endpoint's start), and no endpoint will come for them.
     */
    static final long NOTE_TTL_NANOS = TimeUnit.SECONDS.toNanos(60);

    /** Notes are swept only when there are this many, so that the common path stays a put and a remove. */
    static final int SWEEP_THRESHOLD = 256;

    private record Key(InetSocketAddress remote, InetSocketAddress local) {
    }

    private record Note(TrackedVariant variant, long since) {
    }

    private final ConcurrentMap<Key, Note> accepted = new ConcurrentHashMap<>();
    private final Set<TrackedConnection> all = ConcurrentHashMap.newKeySet();

    /** A variant accepted the handshake of this request. */
    void accepted(HandshakeRequest request, TrackedVariant variant) {
        if (request.remoteAddress() == null || request.localAddress() == null) {
            return;
        }
        long now = System.nanoTime();
        if (accepted.size() >= SWEEP_THRESHOLD) {
            accepted.values().removeIf(n -> now - n.since > NOTE_TTL_NANOS);
        }
        accepted.put(new Key(request.remoteAddress(), request.localAddress()), new Note(variant, now));
    }

    /** The variant that accepted this server connection, or {@code null} if it is not known. */
    TrackedVariant acceptedBy(Connection c) {
        InetSocketAddress remote = c.remoteAddress();
        InetSocketAddress local = c.localAddress();
        if (remote == null || local == null) {
            return null;
        }
        Note n = accepted.remove(new Key(remote, local));
        return n == null ? null : n.variant;
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

    /** How many accept notes are waiting for their connection (tests, diagnostics). */
    int pendingNotes() {
        return accepted.size();
    }
}
