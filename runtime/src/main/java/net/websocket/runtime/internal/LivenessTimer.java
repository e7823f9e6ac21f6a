package net.websocket.runtime.internal;

import java.time.Duration;

import net.websocket.api.CloseCodes;

/**
 * Runs a connection's {@link Liveness}: one timer behind the idle timeout, keepalive and the write timeout (an idle
 * connection is mostly these checks, so it holds one timer that reschedules itself for whichever check is due first,
 * not one per check), the time from the connection's loop at each check, and the state machine's answers done on
 * the connection: close it when idle, send the keepalive ping, drop it when the ping went unanswered or when the
 * peer took none of our bytes for the write timeout.
 *
 * <p>It keeps no state of its own: the timer is the connection's ({@link WsConnection#livenessCheck}), so that an
 * idle connection holds no object for it (at 10,000 idle connections, 24 bytes each are 240 KB), and the timer's
 * action is the connection itself ({@link WsConnection#run()}), not a lambda capturing it (16 bytes more each).
 *
 * <h2>Threads</h2>
 * Loop thread only.
 */
final class LivenessTimer {

    private LivenessTimer() {
    }

    /** Stops the checks: the connection ended. */
    static void cancel(WsConnection connection) {
        IoLoop.Timer timer = connection.livenessCheck;
        if (timer != null) {
            timer.cancel();
        }
    }

    /** Runs the idle and keepalive checks that are due, then waits for the next one (loop thread). */
    static void runChecks(WsConnection connection) {
        connection.livenessCheck = null;
        Liveness liveness = connection.liveness;
        if (connection.terminated) {
            return;
        }
        long now = connection.loop.clock();
        if (liveness.checkWrite(now, connection.out.writtenBytes(), connection.out.queuedBytes())
                == Liveness.Check.WRITE_TIMEOUT) {
            connection.writeTimedOut();
            return;
        }
        Liveness.Check idle = liveness.checkIdle(now, !connection.readingWanted());
        if (idle == Liveness.Check.IDLE && !connection.closeSent()) {
            connection.close(CloseCodes.GOING_AWAY, "idle timeout");
        }
        if (!connection.terminated && liveness.keepaliveDue(now)) {
            checkKeepalive(connection, liveness, now);
        }
        if (!connection.terminated) {
            schedule(connection, now);
        }
    }

    /**
     * Arms the check timer for the earliest of the armed checks, if any, instead of the one armed before (loop thread:
     * a check that writes may have armed one meanwhile, see {@link #writeWaiting}).
     */
    static void schedule(WsConnection connection, long now) {
        Liveness liveness = connection.liveness;
        IoLoop.Timer before = connection.livenessCheck;
        if (before != null) {
            before.cancel();
            connection.livenessCheck = null;
        }
        if (liveness.armed()) {
            connection.livenessCheck = connection.loop.schedule(liveness.nextDue() - now, connection);
        }
    }

    /** The connection's idle timeout changed (loop thread): the next check is when the new one says. */
    static void idleTimeoutChanged(WsConnection connection, Duration timeout) {
        if (connection.terminated) {
            return;
        }
        connection.liveness.idleTimeout(timeout);
        schedule(connection, connection.loop.clock());
    }

    /**
     * Bytes wait for the peer: the socket took less than we had (loop thread). Starts the write timeout, checked
     * sooner than the timer's next check if need be.
     */
    static void writeWaiting(WsConnection connection) {
        Liveness liveness = connection.liveness;
        if (connection.terminated) {
            return;
        }
        long now = connection.loop.clock();
        if (!liveness.writeWaiting(now, connection.out.writtenBytes())) {
            return;
        }
        IoLoop.Timer timer = connection.livenessCheck;
        if (timer != null && timer.deadline - liveness.nextDue() <= 0) {
            return; // checked soon enough already
        }
        schedule(connection, now);
    }

    /** Sends a keepalive ping, or gives up on a peer that never answered one (loop thread). */
    private static void checkKeepalive(WsConnection connection, Liveness liveness, long now) {
        if (connection.closeSent() || connection.peerDone()) {
            liveness.stopKeepalive(); // closing: the close timeout bounds what is left
            return;
        }
        if (liveness.awaitingPong() && connection.out.queuedBytes() > 0) {
            // try to write: the kernel takes bytes as soon as the peer frees any space, long before the selector
            // reports the socket writable again (half its send buffer must drain for that)
            connection.out.flush();
            if (connection.terminated) {
                liveness.stopKeepalive();
                return;
            }
        }
        switch (liveness.checkKeepalive(now, !connection.readingWanted(), connection.out.writtenBytes(),
                connection.out.queuedBytes(), connection.engine.frameLength(Long.BYTES))) {
            case PING -> connection.queueControl(
                    new ConnectionSender.Control(ConnectionSender.ControlKind.PING, liveness.pingPayload(), 0, null));
            case PING_TIMEOUT -> connection.keepaliveFailed();
            default -> {
            }
        }
    }
}
