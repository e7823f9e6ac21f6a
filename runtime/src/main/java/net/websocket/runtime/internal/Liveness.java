package net.websocket.runtime.internal;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;

import net.websocket.api.ConnectionSettings;

/**
 * The idle timeout, keepalive and write timeout of one connection as a state machine without I/O: the caller tells
 * it what happened and when (times are {@code System.nanoTime()}-style nanoseconds, passed in), asks it at
 * {@link #nextDue()} what to do, and does it.
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
 * <li>Bytes the transport took are not yet the peer's: they may wait unread in buffers between us and it (the
 * kernel's, on a fast link many megabytes; a servlet container's), and a peer still reading them cannot answer a
 * ping behind them yet. So a ping that went out after the transport took bytes of ours since the previous keepalive
 * check, or during whose wait the peer took more, waits for a sign of life as long as a peer may take to take bytes
 * waiting for it: the longer of the pong timeout and the write timeout, counted from the last progress seen. (Bytes
 * still queued that the peer does not take are no excuse, as below.) A dead peer is still dropped within the ping
 * interval and that time after its last sign of life and the last byte the transport took.</li>
 * <li>Who is not reading, for keepalive: we are the ones not reading only while nothing of ours waits for the peer
 * (the endpoint is behind). While bytes of ours wait and the peer takes none, the pause is the peer's doing (it does
 * not read our output, so we stopped reading its input): it does not excuse a missing pong, and a ping that cannot be
 * written counts as missed. (Such a peer is not idle: its frames wait for us; the write timeout drops it.)</li>
 * <li>Write timeout: while bytes wait for the peer, each check notes whether it took any since the last one; when
 * it took none for the write timeout, the connection is stalled ({@link Check#WRITE_TIMEOUT}, the caller drops it).
 * Progress is seen at checks only, so a stall is found between one and two write timeouts after the last byte went
 * out.</li>
 * <li>Once closing, keepalive stops (the close timeout bounds what is left); the idle timeout and the write timeout
 * go on.</li>
 * </ul>
 * One check time serves all ({@link #nextDue()}): an idle connection is mostly these checks, so its owner keeps
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
        PING_TIMEOUT,
        /** Drop the connection: the peer took none of the bytes waiting for it for the write timeout. */
        WRITE_TIMEOUT
    }

    /** Mixed into each ping's payload, so that a payload says nothing about this machine's clock. */
    private static final long PAYLOAD_KEY = new SecureRandom().nextLong();

    /**
     * Where the timeouts are read (shared by every connection with the same settings, not copied into each; a
     * connection's own copy once its idle timeout changed, see {@link #idleTimeout(Duration)}).
     */
    private ConnectionSettings settings;
    /** When bytes last arrived: any sign of life, for keepalive. */
    private long lastRead;
    /** When the peer last sent a frame of its own, for the idle timeout. */
    private long lastActivity;
    /**
     * The keepalive ping waiting for a sign of life, {@code null} when none, or {@link #KEEPALIVE_OFF} when keepalive
     * is off or stopped (a flag of its own would cost an idle connection eight bytes more).
     */
    private Ping ping;
    /** How many bytes the peer had taken at the previous keepalive check: more since then may still be unread. */
    private long writtenSeen;
    /** Bytes waiting for the peer, watched for progress; {@code null} while nothing waits (most of the time). */
    private Stall stall;

    /** Keepalive is off (no ping interval, or no pings in the variant) or stopped: no ping goes out any more. */
    private static final Ping KEEPALIVE_OFF = new Ping(0, 0, 0, false);

    /** A keepalive ping in flight: made when one goes out, dropped at the first sign of life. */
    private static final class Ping {
        final long payload;
        /** When the wait for a sign of life (re)started. */
        long since;
        /**
         * When to check next: the pong timeout after {@link #since}, in steps of it while a longer wait runs (so that
         * a timer set for a check is never later than the pong timeout away, as reads do not reschedule it).
         */
        long checkAt;
        /** How many bytes the peer will have taken once it took the ping itself. */
        long written;
        /**
         * Whether the ping may sit behind bytes of ours the peer is still reading (see the rules): it then waits the
         * longer of the pong timeout and the write timeout.
         */
        boolean behindOurBytes;

        Ping(long payload, long since, long written, boolean behindOurBytes) {
            this.payload = payload;
            this.since = since;
            this.written = written;
            this.behindOurBytes = behindOurBytes;
        }

        /** Waits anew from {@code now}: the next check is a pong timeout later. */
        void restart(long now, long pongTimeout) {
            since = now;
            checkAt = now + pongTimeout;
        }
    }

    /** Bytes of ours waiting for the peer: since when it took none, and how many it had taken then. */
    private static final class Stall {
        long since;
        long written;

        Stall(long since, long written) {
            this.since = since;
            this.written = written;
        }
    }

    /**
     * @param settings the idle timeout, ping interval, pong timeout and write timeout (each read when needed)
     * @param canPing  whether the protocol variant has pings (no keepalive otherwise)
     */
    Liveness(ConnectionSettings settings, boolean canPing) {
        this.settings = settings;
        this.ping = pingInterval() > 0 && canPing ? null : KEEPALIVE_OFF;
    }

    private long idleTimeout() {
        return Durations.nanos(settings.idleTimeout());
    }

    private long pingInterval() {
        return Durations.nanos(settings.pingInterval());
    }

    private long pongTimeout() {
        return Durations.nanos(settings.pongTimeout());
    }

    private long writeTimeout() {
        return Durations.nanos(settings.writeTimeout());
    }

    /**
     * Whether we are the ones not reading: reading is paused ({@code paused}) while nothing of ours waits for the
     * peer ({@code queued} bytes). With bytes waiting, the pause is the peer's: it does not read our output.
     */
    static boolean weAreNotReading(boolean paused, long queued) {
        return paused && queued == 0;
    }

    /**
     * The idle timeout is now {@code timeout} ({@link Duration#ZERO}: off), counted from the peer's last frame as
     * before; the caller then reschedules its check ({@link #nextDue()} may be earlier or later).
     */
    void idleTimeout(Duration timeout) {
        settings = settings.toBuilder().idleTimeout(timeout).build();
    }

    /**
     * The connection opened at {@code now}, its opening handshake's {@code handshakeBytes} (the 101 response, or none)
     * the first to be written: they are no data of ours for keepalive to wait behind.
     */
    void start(long now, long handshakeBytes) {
        lastRead = now;
        lastActivity = now;
        writtenSeen = handshakeBytes;
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
        Ping p = ping;
        if (p != null && p != KEEPALIVE_OFF && payload.length == Long.BYTES
                && ByteBuffer.wrap(payload).getLong() == p.payload) {
            ping = null;
            return true;
        }
        return false;
    }

    /** Whether any check is still to come. */
    boolean armed() {
        return idleArmed() || keepaliveArmed() || stall != null;
    }

    private boolean idleArmed() {
        return idleTimeout() > 0;
    }

    private boolean keepaliveArmed() {
        return ping != KEEPALIVE_OFF;
    }

    /** When the next check is due (when {@link #armed()}). */
    long nextDue() {
        long due = 0;
        boolean any = false;
        if (idleArmed()) {
            due = idleDue();
            any = true;
        }
        if (keepaliveArmed()) {
            long k = keepaliveDue();
            due = !any || k - due < 0 ? k : due;
            any = true;
        }
        Stall st = stall;
        if (st != null) {
            long w = st.since + writeTimeout();
            due = !any || w - due < 0 ? w : due;
        }
        return due;
    }

    private long idleDue() {
        return lastActivity + idleTimeout();
    }

    /** The next check of the ping in flight, else the ping interval after the last read. */
    private long keepaliveDue() {
        Ping p = ping;
        return p != null ? p.checkAt : lastRead + pingInterval();
    }

    /**
     * How long the ping in flight waits for a sign of life: the pong timeout, or, behind bytes of ours the peer may
     * still be reading, the longer of it and the write timeout.
     */
    private long pongWait(Ping p) {
        long pong = pongTimeout();
        return p.behindOurBytes ? Math.max(pong, writeTimeout()) : pong;
    }

    /**
     * The idle check at {@code now}: {@link Check#IDLE} once the peer was idle for the idle timeout (then the next
     * idle check is a whole idle timeout later: the caller is closing the connection), else {@link Check#NONE}.
     *
     * @param paused whether we are not reading now (for whatever reason: the peer's frames wait for us, so it is not
     *               idle; a peer that stalls us by not reading is the write timeout's business)
     */
    Check checkIdle(long now, boolean paused) {
        if (!idleArmed()) {
            return Check.NONE;
        }
        if (paused) {
            lastActivity = now; // the peer is not idle
        }
        if (idleDue() - now > 0) {
            return Check.NONE;
        }
        lastActivity = now; // asked again a whole idle timeout later, if the connection is still there
        return Check.IDLE;
    }

    /** Whether the keepalive check is due at {@code now}. */
    boolean keepaliveDue(long now) {
        return keepaliveArmed() && keepaliveDue() - now <= 0;
    }

    /** Whether a keepalive ping waits for a sign of life (the caller then writes what it can before checking). */
    boolean awaitingPong() {
        return ping != null && ping != KEEPALIVE_OFF;
    }

    /** Keepalive checks no more (closing, or the connection ended). */
    void stopKeepalive() {
        ping = KEEPALIVE_OFF;
    }

    /**
     * The keepalive check at {@code now} (when {@link #keepaliveDue}).
     *
     * @param paused          whether reading is paused now
     * @param written         how many bytes the peer has taken from us so far
     * @param queued          how many bytes of ours wait for the peer now (the ping among them, if not written)
     * @param pingFrameLength how many bytes the keepalive ping takes on the wire: its own write is no sign that the
     *                        peer is taking our data, or a silent peer would get a second pong timeout
     * @return {@link Check#PING}, {@link Check#PING_TIMEOUT} (keepalive then stops) or {@link Check#NONE}
     */
    Check checkKeepalive(long now, boolean paused, long written, long queued, int pingFrameLength) {
        Ping p = ping;
        if (p == KEEPALIVE_OFF) {
            return Check.NONE;
        }
        // bytes the transport took since the previous check: the peer may still be reading them
        boolean wrote = written - writtenSeen > 0;
        writtenSeen = written;
        if (p != null) {
            if (lastRead - p.since > 0) {
                ping = null; // something arrived: alive, even if the pong is still to come
            } else if (written - p.written > 0 || weAreNotReading(paused, queued)) {
                // the peer takes our data (the ping may wait behind it), or we are the ones not reading
                p.behindOurBytes |= written - p.written > 0;
                p.restart(now, pongTimeout());
                p.written = written;
                return Check.NONE;
            } else if (p.checkAt - now > 0) {
                return Check.NONE;
            } else if (p.since + pongWait(p) - now > 0) {
                // behind bytes of ours the peer may still be reading: checked again a pong timeout later, or at the end
                long end = p.since + pongWait(p);
                long next = now + pongTimeout();
                p.checkAt = end - next < 0 ? end : next;
                return Check.NONE;
            } else {
                ping = KEEPALIVE_OFF;
                return Check.PING_TIMEOUT;
            }
        }
        if (keepaliveDue() - now > 0) {
            return Check.NONE;
        }
        // what the peer has taken once it took the ping itself; the payload is unique per ping (its time, masked)
        ping = new Ping(now ^ PAYLOAD_KEY, now, written + pingFrameLength, wrote);
        ping.checkAt = now + pongTimeout();
        writtenSeen = written + pingFrameLength; // the ping's own bytes are no data of ours for the peer to read
        return Check.PING;
    }

    /**
     * Bytes of ours wait for the peer at {@code now}, which has taken {@code written} so far (the socket took less than
     * we had for it): the write timeout starts unless it runs already. Returns whether the next check is now due
     * earlier than before (the caller then reschedules it).
     */
    boolean writeWaiting(long now, long written) {
        if (stall != null || writeTimeout() == 0) {
            return false;
        }
        stall = new Stall(now, written);
        return true;
    }

    /**
     * The write timeout check at {@code now}.
     *
     * @param written how many bytes the peer has taken from us so far
     * @param queued  how many bytes of ours wait for it now
     * @return {@link Check#WRITE_TIMEOUT} once the peer took none of them for the write timeout, else
     *         {@link Check#NONE}
     */
    Check checkWrite(long now, long written, long queued) {
        long timeout = writeTimeout();
        if (queued == 0 || timeout == 0) {
            stall = null; // nothing waits: nothing to watch (and nothing to hold)
            return Check.NONE;
        }
        Stall st = stall;
        if (st == null) {
            stall = new Stall(now, written);
            return Check.NONE;
        }
        if (written - st.written > 0) {
            st.since = now; // progress: the wait starts anew
            st.written = written;
            return Check.NONE;
        }
        if (st.since + timeout - now > 0) {
            return Check.NONE;
        }
        stall = null;
        return Check.WRITE_TIMEOUT;
    }

    /** The payload of the keepalive ping to send (after {@link Check#PING}). */
    byte[] pingPayload() {
        return ByteBuffer.allocate(Long.BYTES).putLong(ping.payload).array();
    }
}
