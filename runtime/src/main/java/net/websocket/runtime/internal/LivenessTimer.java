package net.websocket.runtime.internal;

import net.websocket.api.CloseCodes;

/**
 * Runs a connection's {@link Liveness}: one timer behind both the idle timeout and keepalive (an idle connection is
 * mostly these checks, so it holds one timer that reschedules itself for whichever check is due first, not one per
 * check), the time from the connection's loop at each check, and the state machine's answers done on the
 * connection: close it when idle, send the keepalive ping, drop it when the ping went unanswered.
 *
 * <h2>Threads</h2>
 * Loop thread only.
 */
final class LivenessTimer {

    private final WsConnection connection;
    private final Liveness liveness;
    private IoLoop.Timer timer;

    LivenessTimer(WsConnection connection, Liveness liveness) {
        this.connection = connection;
        this.liveness = liveness;
    }

    /** Stops the checks: the connection ended. */
    void cancel() {
        if (timer != null) {
            timer.cancel();
        }
    }

    /** Runs the idle and keepalive checks that are due, then waits for the next one (loop thread). */
    private void runChecks() {
        timer = null;
        if (connection.terminated) {
            return;
        }
        long now = connection.loop.clock();
        Liveness.Check idle = liveness.checkIdle(now, !connection.readingWanted());
        if (idle == Liveness.Check.IDLE && !connection.closing.closeSent()) {
            connection.close(CloseCodes.GOING_AWAY, "idle timeout");
        }
        if (!connection.terminated && liveness.keepaliveDue(now)) {
            checkKeepalive(now);
        }
        if (!connection.terminated) {
            schedule(now);
        }
    }

    /** Arms the check timer for the earlier of the armed checks, if any (loop thread). */
    void schedule(long now) {
        if (liveness.armed()) {
            timer = connection.loop.schedule(liveness.nextDue() - now, this::runChecks);
        }
    }

    /** Sends a keepalive ping, or gives up on a peer that never answered one (loop thread). */
    private void checkKeepalive(long now) {
        if (connection.closing.closeSent() || connection.closing.peerDone()) {
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
        switch (liveness.checkKeepalive(now, !connection.readingWanted(), connection.out.writtenBytes())) {
            case PING -> connection.queueControl(
                    new ConnectionSender.Control(ConnectionSender.ControlKind.PING, liveness.pingPayload(), 0, null));
            case PING_TIMEOUT -> connection.keepaliveFailed();
            default -> {
            }
        }
    }
}
