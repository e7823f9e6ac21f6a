package net.websocket.runtime.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The idle timeout and keepalive of one connection as a state machine without I/O: the caller tells it what
 * happened and when (times are {@code System.nanoTime()}-style nanoseconds, passed in), asks it at {@link #nextDue()}
 * what to do, and does it.
 *
 * <h2>Rules</h2>
 * <ul>
 * <li>Idle: a connection on which the peer sent no frame of its own for the idle timeout is idle ({@link Check#IDLE},
 * the caller closes it). Pongs answering our keepalive pings are not activity, or keepalive would keep every
 * connection from ever being idle. Time during which we are the ones not reading does not count.</li>
 * <li>Keepalive: when nothing at all arrived for the ping interval, a ping goes out ({@link Check#PING}). If nothing
 * arrives within the pong timeout after it, the peer is gone ({@link Check#PING_TIMEOUT}), unless it took some of
 * our queued bytes meanwhile (the ping may wait behind them) or we were the ones not reading: then the pong timeout
 * starts again. Anything that arrives ends the wait, even before the pong.</li>
 * <li>Once closing, keepalive stops (the close timeout bounds what is left); the idle timeout goes on.</li>
 * </ul>
 * One check time serves both ({@link #nextDue()}): an idle connection is mostly these checks, so its owner keeps
 * one timer for whichever is due first.
 *
 * <h2>Threads</h2>
 * Not thread-safe: every method is called on the connection's loop thread.
 */
final class Liveness {

    /** What a check asks of the caller. */
    enum Check {
        /** Nothing to do now. */
        NONE,
        /** Send a ping with {@link #pingPayload()}. */
        PING,
        /** Close the connection: the peer was idle for the idle timeout. */
        IDLE,
        /** Drop the connection: no sign of life after a keepalive ping. */
        PING_TIMEOUT
    }

    private final long idleTimeout;
    private final long pingInterval;
    private final long pongTimeout;

    private boolean idleArmed;
    private long idleDue;
    private boolean keepaliveArmed;
    private long keepaliveDue;
    /** When bytes last arrived: any sign of life, for keepalive. */
    private long lastRead;
    /** When the peer last sent a frame of its own, for the idle timeout. */
    private long lastActivity;
    /** The payload of the keepalive ping in flight, or {@code null}. */
    private byte[] keepalivePing;
    private long keepaliveSince;
    private long keepaliveWritten;
    private int keepaliveCount; // an int: at one ping a second it wraps after 68 years, and the payload stays 8 bytes

    /**
     * @param idleTimeoutNanos  0 for no idle timeout
     * @param pingIntervalNanos 0 for no keepalive
     * @param pongTimeoutNanos  how long after a keepalive ping the peer must show a sign of life
     * @param canPing           whether the protocol variant has pings (no keepalive otherwise)
     */
    Liveness(long idleTimeoutNanos, long pingIntervalNanos, long pongTimeoutNanos, boolean canPing) {
        this.idleTimeout = idleTimeoutNanos;
        this.pingInterval = pingIntervalNanos;
        this.pongTimeout = pongTimeoutNanos;
        this.idleArmed = idleTimeoutNanos > 0;
        this.keepaliveArmed = pingIntervalNanos > 0 && canPing;
    }

    /** The connection opened at {@code now}. */
    void start(long now) {
        lastRead = now;
        lastActivity = now;
        idleDue = now + idleTimeout;
        keepaliveDue = now + pingInterval;
    }

    /** Bytes arrived at {@code now}: a sign of life. */
    void read(long now) {
        lastRead = now;
    }

    /** A frame of the peer's own arrived (with the bytes of the latest {@link #read}): the peer is active. */
    void activity() {
        lastActivity = lastRead;
    }

    /**
     * A pong arrived; returns whether it answers our keepalive ping, in which case it is neither activity nor the
     * application's business.
     */
    boolean pong(byte[] payload) {
        if (keepalivePing != null && Arrays.equals(keepalivePing, payload)) {
            keepalivePing = null;
            return true;
        }
        return false;
    }

    /** Whether any check is still to come. */
    boolean armed() {
        return idleArmed || keepaliveArmed;
    }

    /** When the next check is due (when {@link #armed()}). */
    long nextDue() {
        if (idleArmed && keepaliveArmed) {
            return idleDue - keepaliveDue < 0 ? idleDue : keepaliveDue;
        }
        return idleArmed ? idleDue : keepaliveDue;
    }

    /**
     * The idle check at {@code now}: {@link Check#IDLE} once the peer was idle for the idle timeout (then the idle
     * timeout is checked no more), else {@link Check#NONE}.
     *
     * @param paused whether we are the ones not reading now
     */
    Check checkIdle(long now, boolean paused) {
        if (!idleArmed) {
            return Check.NONE;
        }
        if (paused) {
            lastActivity = now; // the peer is not idle
        }
        idleDue = lastActivity + idleTimeout;
        if (idleDue - now > 0) {
            return Check.NONE;
        }
        idleArmed = false;
        return Check.IDLE;
    }

    /** Whether the keepalive check is due at {@code now}. */
    boolean keepaliveDue(long now) {
        return keepaliveArmed && keepaliveDue - now <= 0;
    }

    /** Whether a keepalive ping waits for a sign of life (the caller then writes what it can before checking). */
    boolean awaitingPong() {
        return keepalivePing != null;
    }

    /** Keepalive checks no more (closing, or the connection ended). */
    void stopKeepalive() {
        keepaliveArmed = false;
    }

    /**
     * The keepalive check at {@code now} (when {@link #keepaliveDue}).
     *
     * @param paused          whether we are the ones not reading now
     * @param written         how many bytes the peer has taken from us so far
     * @param pingFrameLength how many bytes the keepalive ping takes on the wire: its own write is no sign that the
     *                        peer is taking our data, or a silent peer would get a second pong timeout
     * @return {@link Check#PING}, {@link Check#PING_TIMEOUT} (keepalive then stops) or {@link Check#NONE}
     */
    Check checkKeepalive(long now, boolean paused, long written, int pingFrameLength) {
        if (keepalivePing != null) {
            if (lastRead - keepaliveSince > 0) {
                keepalivePing = null; // something arrived: alive, even if the pong is still to come
            } else if (written - keepaliveWritten > 0 || paused) {
                // the peer takes our data (the ping may wait behind it), or we are the ones not reading
                keepaliveSince = now;
                keepaliveWritten = written;
                keepaliveDue = now + pongTimeout;
                return Check.NONE;
            } else {
                keepaliveDue = keepaliveSince + pongTimeout;
                if (keepaliveDue - now > 0) {
                    return Check.NONE;
                }
                keepaliveArmed = false;
                return Check.PING_TIMEOUT;
            }
        }
        keepaliveDue = lastRead + pingInterval;
        if (keepaliveDue - now > 0) {
            return Check.NONE;
        }
        keepalivePing = ByteBuffer.allocate(Long.BYTES).putLong(++keepaliveCount).array();
        keepaliveSince = now;
        keepaliveWritten = written + pingFrameLength; // what the peer has taken once it took the ping itself
        keepaliveDue = now + pongTimeout;
        return Check.PING;
    }

    /** The payload of the keepalive ping to send (after {@link Check#PING}). */
    byte[] pingPayload() {
        return keepalivePing;
    }
}
