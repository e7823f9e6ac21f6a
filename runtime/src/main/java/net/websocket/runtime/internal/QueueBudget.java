package net.websocket.runtime.internal;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import net.websocket.api.CloseCodes;
import net.websocket.api.CloseStatus;

/**
 * A server's budget of queued bytes: what all of its connections hold together, received and not yet taken by the
 * endpoints plus waiting to be sent ({@code ServerOptions.maxQueuedBytes()}), so that the number of connections,
 * which peers choose, does not set the server's memory.
 *
 * <h2>Policy</h2>
 * The total is measured every {@link #SWEEP_MILLIS} ms. Over the budget, reading is held on every connection
 * ({@link #readingHeld()}): nothing new arrives to be queued or answered. Reading resumes once the total is down to
 * three quarters of the budget. While reading is held and the total is above that, the connections whose peer took
 * none of our bytes since the last measure (stalled) are dropped at each measure, largest queue first, until the
 * total is down to three quarters: they end with 1006 "queued bytes budget", which frees their queues (so stalled
 * peers cannot keep reading held for everyone). A connection whose peer still reads is never dropped for the budget:
 * its queues drain, and reading waits for them.
 *
 * <h2>Threads</h2>
 * Measures on the server's first loop; {@link #readingHeld()} is read by every loop.
 */
final class QueueBudget {

    /** How often the total is measured. */
    static final long SWEEP_MILLIS = 200;

    /** The reason of the status of a connection dropped for the budget. */
    static final String REASON = "queued bytes budget";

    private final long max;
    private final ConnectionList connections;
    private final IoLoop loop;
    private volatile boolean held;
    private volatile boolean stopped;
    /** While reading is held: each connection's bytes written at the last measure, to tell the stalled ones. */
    private Map<WsConnection, Long> writtenAtLastSweep;

    QueueBudget(long max, ConnectionList connections, IoLoop loop) {
        this.max = max;
        this.connections = connections;
        this.loop = loop;
    }

    /** Starts measuring (any thread). */
    void start() {
        loop.execute(this::schedule);
    }

    /** Stops measuring (any thread): the server stops. */
    void stop() {
        stopped = true;
    }

    /** Whether no connection of the server is to be read now: the queues are over the budget. */
    boolean readingHeld() {
        return held;
    }

    private void schedule() {
        if (!stopped) {
            loop.schedule(SWEEP_MILLIS * 1_000_000L, this::sweep);
        }
    }

    /** Measures the total and applies the policy (the first loop's thread). */
    private void sweep() {
        if (stopped) {
            return;
        }
        try {
            List<WsConnection> all = connections.snapshot();
            long total = 0;
            for (WsConnection c : all) {
                total += queued(c);
            }
            long resumeAt = max / 4 * 3;
            if (held && writtenAtLastSweep != null && total > resumeAt) {
                total = shed(all, total, resumeAt);
            }
            if (total > max && !held) {
                hold(all, true);
                Logs.SERVER.log(Level.INFO, "queued bytes over the budget (" + total + " > " + max
                        + "): reading held on every connection");
            } else if (held && total <= resumeAt) {
                hold(all, false);
            }
            if (held) {
                Map<WsConnection, Long> written = new IdentityHashMap<>(all.size());
                for (WsConnection c : all) {
                    written.put(c, c.out.writtenBytes());
                }
                writtenAtLastSweep = written;
            } else {
                writtenAtLastSweep = null;
            }
        } finally {
            schedule();
        }
    }

    private static long queued(WsConnection c) {
        return c.outboundQueued() + c.inboundQueued();
    }

    /** Drops the largest stalled connections until the total is down to {@code target}; returns the total left. */
    private long shed(List<WsConnection> all, long total, long target) {
        List<WsConnection> stalled = new ArrayList<>();
        for (WsConnection c : all) {
            Long before = writtenAtLastSweep.get(c);
            if (before != null && c.outboundQueued() > 0 && c.out.writtenBytes() == before) {
                stalled.add(c);
            }
        }
        stalled.sort((a, b) -> Long.compare(queued(b), queued(a)));
        for (WsConnection c : stalled) {
            if (total <= target) {
                break;
            }
            total -= queued(c);
            Logs.CONNECTION.log(Level.DEBUG,
                    () -> Logs.about(c, "dropped for the queued bytes budget, " + queued(c) + " bytes queued"));
            CloseStatus st = new CloseStatus(CloseCodes.ABNORMAL, REASON, false);
            c.loop().execute(() -> c.terminate(st));
        }
        return total;
    }

    /** Holds or resumes reading on every connection. */
    private void hold(List<WsConnection> all, boolean on) {
        held = on;
        for (WsConnection c : all) {
            c.loop().execute(c::updateInterest);
        }
    }
}
